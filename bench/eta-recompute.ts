import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { recomputeEtas } from '../src/app/recompute-etas.js';
import { addDays, dateOf } from '../src/domain/dates.js';
import { promiseDates } from '../src/domain/eta.js';
import type { Item } from '../src/domain/types.js';
import { openStore } from '../src/storage/open-store.js';
import { QUICK, report } from './machine.js';
import { median } from './median.js';
import { seedCatalogue } from './seed-catalogue.js';

const BACKORDERS = QUICK ? 1_000 : 10_000;
const PO_LINES = 200;
const RUNS = QUICK ? 5 : 15;
const GOAL_MS = 50;

/**
 * Recomputes the promise dates of one item with 10,000 waiting backorders (1–3 units each, about
 * half covered) against 200 open purchase-order lines on SQLite. Timed: the whole `recomputeEtas`
 * transaction (read the queue and supply, walk, write changed ETAs and their events, commit),
 * median of several runs, after two kinds of input change: one PO line's date moves a week (the
 * common case, a few hundred new ETAs), and every PO line's date moves a day (the worst case:
 * every backorder gets a new ETA and a `backorder.eta_changed` event). Baseline: the pure
 * `promiseDates` walk on the same data, in the same run.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'restock-bench-eta-'));
  const store = await openStore({ sqlitePath: join(dir, 'restock.db') });
  try {
    await seedCatalogue(store, 1, 0);
    const db = store.db;
    const now = new Date().toISOString();
    const today = dateOf(new Date());
    const [item] = await db.selectFrom('items').select('id').where('sku', '=', 'SKU-000000').execute();
    const itemId = item!.id;
    let waiting = 0;
    for (let start = 0; start < BACKORDERS; start += 500) {
      const count = Math.min(500, BACKORDERS - start);
      const orders = await db
        .insertInto('orders')
        .values(Array.from({ length: count }, () => ({ request_hash: 'bench', priority: 0, shortage: 'backorder', status: 'backordered', placed_at: now, updated_at: now })))
        .returning('id')
        .execute();
      const units = orders.map((_, i) => 1 + ((start + i) % 3));
      waiting += units.reduce((sum, u) => sum + u, 0);
      await db
        .insertInto('order_lines')
        .values(orders.map((o, i) => ({
          order_id: o.id, line_no: 1, item_id: itemId, quantity: units[i]!, allocated: 0, backordered: units[i]!, shipped: 0, cancelled: 0,
          unit_price: 1000, priority: (start + i) % 7 === 0 ? 1 : 0, placed_at: now, eta_estimated: 0,
        })))
        .execute();
    }
    await db.updateTable('items').set({ backordered: waiting }).where('id', '=', itemId).execute();
    const [supplier] = await db.insertInto('suppliers').values({ code: 'ACME', name: 'Acme', email: null, lead_time_days: 30, created_at: now, updated_at: now }).returning('id').execute();
    // Supply covers about half the waiting units: 200 lines spread over 20 orders and 200 days.
    const perLine = Math.ceil(waiting / 2 / PO_LINES);
    for (let po = 0; po < PO_LINES / 10; po += 1) {
      const [order] = await db
        .insertInto('purchase_orders')
        .values({ supplier_id: supplier!.id, reference: `bench-${po}`, status: 'ordered', created_at: now, ordered_at: now, updated_at: now })
        .returning('id')
        .execute();
      await db
        .insertInto('po_lines')
        .values(Array.from({ length: 10 }, (_, line) => ({
          po_id: order!.id, line_no: line + 1, item_id: itemId, quantity: perLine, unit_cost: 500, expected_on: today,
        })))
        .execute();
    }
    await shiftSupply(0);
    await store.transaction(async (tx) => recomputeEtas(tx, (await tx.lockItems([itemId]))[0] as Item));

    const recompute = () => store.transaction(async (tx) => recomputeEtas(tx, (await tx.lockItems([itemId]))[0] as Item));
    const lineIds = (await db.selectFrom('po_lines').select('id').orderBy('id').execute()).map((r) => r.id);
    const middle = lineIds[Math.floor(lineIds.length / 2)] as number;

    // The common input change: one PO line's expected date moves by a week (then back).
    const oneLineRuns: number[] = [];
    let oneLineChanges = 0;
    for (let run = 0; run < RUNS; run += 1) {
      await moveLine(middle, run % 2 === 0 ? 7 : 0);
      const before = await eventCount();
      oneLineRuns.push(await timed(recompute, oneLineRuns));
      oneLineChanges = (await eventCount()) - before;
    }
    // The worst case: every line's date moves a day, so every backorder gets a new ETA and an event.
    const allMoveRuns: number[] = [];
    let allMoveChanges = 0;
    for (let run = 0; run < RUNS; run += 1) {
      await shiftSupply(run % 2 === 0 ? 1 : 0);
      const before = await eventCount();
      allMoveRuns.push(await timed(recompute, allMoveRuns));
      allMoveChanges = (await eventCount()) - before;
    }
    const unchangedRuns: number[] = [];
    for (let run = 0; run < RUNS; run += 1) unchangedRuns.push(await timed(recompute, unchangedRuns));
    const { queue, supply } = await store.read(async (tx) => ({ queue: await tx.waitingLinesOf(itemId), supply: await tx.incomingSupplyOf(itemId) }));
    const walkRuns: number[] = [];
    for (let run = 0; run < RUNS; run += 1) walkRuns.push(await timed(async () => promiseDates(queue, supply, today, 30)));

    const baseline = median(walkRuns);
    const params = { backorders: BACKORDERS, waitingUnits: waiting, openPoLines: supply.length, runs: RUNS, quick: QUICK };
    for (const [name, runs, changes, what] of [
      ['eta-recompute-sqlite', oneLineRuns, oneLineChanges, 'one PO line moved a week'],
      ['eta-recompute-all-move-sqlite', allMoveRuns, allMoveChanges, 'every PO line moved a day'],
    ] as const) {
      const value = median(runs);
      report({
        name,
        value: round(value),
        unit: 'ms',
        baseline: round(baseline),
        ratio: Number((value / baseline).toFixed(1)),
        params: { ...params, change: what },
        goal: `< ${GOAL_MS} ms`,
        met: value < GOAL_MS,
        extra: {
          etaChangesPerRun: changes,
          cpuMs: round(median(cpuTimes.get(runs) ?? [])),
          unchangedRecomputeMs: round(median(unchangedRuns)),
          unchangedRecomputeCpuMs: round(median(cpuTimes.get(unchangedRuns) ?? [])),
          worstRunMs: round(Math.max(...runs)),
          loadAverage: Number(loadavg()[0]?.toFixed(1)),
        },
      });
    }

    async function moveLine(id: number, days: number): Promise<void> {
      const index = lineIds.indexOf(id);
      await db.updateTable('po_lines').set({ expected_on: addDays(today, index + 1 + days) }).where('id', '=', id).execute();
    }

    /** Puts PO line n on day n (+ `offset`): alternating offsets move every covered backorder's date. */
    async function shiftSupply(offset: number): Promise<void> {
      const rows = await db.selectFrom('po_lines').select('id').orderBy('id').execute();
      for (const [index, row] of rows.entries()) {
        await db.updateTable('po_lines').set({ expected_on: addDays(today, index + 1 + offset) }).where('id', '=', row.id).execute();
      }
    }

    async function eventCount(): Promise<number> {
      const [row] = await db.selectFrom('events').select((eb) => eb.fn.countAll<number>().as('n')).execute();
      return Number(row?.n ?? 0);
    }
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** CPU time of this process during each timed run, beside wall time: the machine may be shared. */
const cpuTimes = new Map<readonly number[], number[]>();

async function timed(work: () => Promise<unknown>, into?: readonly number[]): Promise<number> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  await work();
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (into) {
    const used = process.cpuUsage(cpu);
    cpuTimes.set(into, [...(cpuTimes.get(into) ?? []), (used.user + used.system) / 1000]);
  }
  return wall;
}


function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

await main();
