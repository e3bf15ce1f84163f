import type { Kysely } from 'kysely';
import type { Database } from '../../../src/storage/schema.js';
import type { ApiClient } from './http-client.js';
import { settleOrderAttempt, type Journal, type OrderAttempt } from './mixed-load.js';

const CHUNK = 400;

function chunks<T>(list: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += CHUNK) out.push(list.slice(i, i + CHUNK));
  return out;
}

/**
 * Compares the journal with the database and returns every broken promise (empty when all hold):
 * each accepted or rejected order is stored once with its lines; each accepted adjustment or
 * transfer has its movements, a lost one has all or none of them, a refused one none; every line
 * has shipped and cancelled at least as many units as an answer reported, and its shipment
 * movements add up to what it shipped.
 */
export async function journalFindings(db: Kysely<Database>, journal: Journal): Promise<string[]> {
  const findings: string[] = [];
  const attempts = [...journal.orders.values()];
  const stored = new Map<string, { id: number; status: string }[]>();
  for (const keys of chunks(attempts.map((a) => a.key))) {
    const rows = await db.selectFrom('orders').select(['id', 'idempotency_key', 'status']).where('idempotency_key', 'in', keys).execute();
    for (const row of rows) stored.set(row.idempotency_key as string, [...(stored.get(row.idempotency_key as string) ?? []), row]);
  }
  const lineRows = new Map<number, { sku: string; quantity: number }[]>();
  const acceptedIds = attempts.filter((a) => a.orderId !== undefined).map((a) => a.orderId as number);
  for (const ids of chunks(acceptedIds)) {
    const rows = await db
      .selectFrom('order_lines as l')
      .innerJoin('items as i', 'i.id', 'l.item_id')
      .select(['l.order_id', 'l.line_no', 'i.sku', 'l.quantity'])
      .where('l.order_id', 'in', ids)
      .orderBy('l.order_id')
      .orderBy('l.line_no')
      .execute();
    for (const row of rows) lineRows.set(row.order_id, [...(lineRows.get(row.order_id) ?? []), { sku: row.sku, quantity: row.quantity }]);
  }
  for (const attempt of attempts) {
    const rows = stored.get(attempt.key) ?? [];
    if (rows.length > 1) findings.push(`order ${attempt.key}: stored ${rows.length} times`);
    if (attempt.outcome === 'lost') continue;
    if (attempt.status === 201 || attempt.status === 409) {
      if (rows.length !== 1) {
        findings.push(`order ${attempt.key}: answered ${attempt.status} but stored ${rows.length} times`);
        continue;
      }
      if (attempt.status === 201) {
        if (rows[0]?.id !== attempt.orderId) findings.push(`order ${attempt.key}: answered id ${attempt.orderId}, stored id ${rows[0]?.id}`);
        const lines = lineRows.get(attempt.orderId as number) ?? [];
        if (JSON.stringify(lines) !== JSON.stringify(attempt.body.lines)) {
          findings.push(`order ${attempt.orderId}: lines ${JSON.stringify(lines)} differ from the request ${JSON.stringify(attempt.body.lines)}`);
        }
      } else if (rows[0]?.status !== 'rejected') {
        findings.push(`order ${attempt.key}: answered 409 but stored as ${rows[0]?.status}`);
      }
    } else if (rows.length !== 0) {
      findings.push(`order ${attempt.key}: refused with ${attempt.status} yet stored`);
    }
  }

  const stockAttempts = [...journal.stock.values()];
  const movements = new Map<string, { kind: string; on_hand_delta: number }[]>();
  for (const tags of chunks(stockAttempts.map((a) => a.tag))) {
    const rows = await db.selectFrom('movements').select(['reason', 'kind', 'on_hand_delta']).where('reason', 'in', tags).execute();
    for (const row of rows) movements.set(row.reason as string, [...(movements.get(row.reason as string) ?? []), row]);
  }
  for (const attempt of stockAttempts) {
    const rows = movements.get(attempt.tag) ?? [];
    // A count that matches what is on hand changes nothing and writes no movement.
    const complete = attempt.kind === 'adjustment'
      ? attempt.delta === 0 ? rows.length === 0 : rows.length === 1 && rows[0]?.kind === 'adjustment' && (attempt.delta === undefined || rows[0].on_hand_delta === attempt.delta)
      : rows.length === 2 && rows.some((r) => r.kind === 'transfer_out') && rows.some((r) => r.kind === 'transfer_in');
    const ok = attempt.outcome === 'accepted' ? complete : attempt.outcome === 'refused' ? rows.length === 0 : rows.length === 0 || complete;
    if (!ok) findings.push(`${attempt.kind} ${attempt.tag} (${attempt.outcome}): movements ${JSON.stringify(rows)}`);
  }

  const lineIds = [...journal.lines.keys()];
  for (const ids of chunks(lineIds)) {
    const rows = await db.selectFrom('order_lines').select(['id', 'shipped', 'cancelled']).where('id', 'in', ids).execute();
    const shipped = await db
      .selectFrom('movements')
      .select(['line_id'])
      .select((eb) => eb.fn.sum<number | string>('on_hand_delta').as('delta'))
      .where('kind', '=', 'shipment')
      .where('line_id', 'in', ids)
      .groupBy('line_id')
      .execute();
    const ledger = new Map(shipped.map((r) => [r.line_id as number, -Number(r.delta)]));
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const seen = journal.lines.get(id) as { shipped: number; cancelled: number };
      const row = byId.get(id);
      if (!row) {
        findings.push(`line ${id}: missing`);
        continue;
      }
      if (row.shipped < seen.shipped || row.cancelled < seen.cancelled) {
        findings.push(`line ${id}: shipped ${row.shipped}/cancelled ${row.cancelled}, but answers reported ${seen.shipped}/${seen.cancelled}`);
      }
      if ((ledger.get(id) ?? 0) !== row.shipped) findings.push(`line ${id}: shipped ${row.shipped} but shipment movements say ${ledger.get(id) ?? 0}`);
    }
  }
  return findings;
}

/**
 * Sends each order attempt again with its Idempotency-Key and body, as a client that never heard
 * back (or is unsure) would. An accepted order must come back with the same id, a rejected one
 * rejected again; a lost one is settled by the answer. Returns the problems and the count sent.
 */
export async function replayOrders(client: ApiClient, journal: Journal, attempts: readonly OrderAttempt[], concurrency = 6): Promise<{ replayed: number; problems: string[] }> {
  const problems: string[] = [];
  let next = 0;
  let replayed = 0;
  async function worker(): Promise<void> {
    for (;;) {
      const attempt = attempts[next];
      next += 1;
      if (!attempt) return;
      const outcome = await client.send('POST', '/orders', attempt.body, { 'idempotency-key': attempt.key });
      replayed += 1;
      if (outcome.kind === 'lost') {
        problems.push(`replay ${attempt.key}: no answer (${outcome.error})`);
        continue;
      }
      if (attempt.outcome === 'lost') {
        if (outcome.status !== 201 && outcome.status !== 409) problems.push(`replay ${attempt.key}: ${outcome.status} ${JSON.stringify(outcome.body)}`);
        settleOrderAttempt(journal, attempt, outcome);
      } else if (outcome.status !== attempt.status) {
        problems.push(`replay ${attempt.key}: first ${attempt.status}, now ${outcome.status} ${JSON.stringify(outcome.body)}`);
      } else if (outcome.status === 201 && (outcome.body as { id: number }).id !== attempt.orderId) {
        problems.push(`replay ${attempt.key}: first order ${attempt.orderId}, now ${(outcome.body as { id: number }).id}`);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, () => worker()));
  return { replayed, problems };
}
