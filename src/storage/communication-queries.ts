import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type {
  ClaimedDelivery, CommunicationRecords, DateMailed, Delivery, DeliveryFilter, DeliveryOutcome, DeliveryStatus, FanOutCursor,
  NewDelivery, NewWebhookEndpoint, Subscription, SubscriptionFilter, WebhookEndpoint, WebhookEndpointPatch,
} from '../app/communication/ports.js';
import type { StoredEvent } from '../app/ports.js';
import type { DialectName } from './dialect-name.js';
import type { Database, DeliveriesTable, EventsTable, SubscriptionsTable, WebhookEndpointsTable } from './schema.js';
import { chunks } from './chunks.js';

type Executor = Kysely<Database> | Transaction<Database>;

const FAN_OUT = 'fan-out';

/** The communication port over one Kysely executor; `KyselyUnitOfWork.communication` hands it out. */
export class CommunicationQueries implements CommunicationRecords {
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
    private readonly now: string,
  ) {}

  get holesAreFinal(): boolean {
    return this.dialect === 'sqlite';
  }

  async insertEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint> {
    const row = await this.db
      .insertInto('webhook_endpoints')
      .values({
        url: endpoint.url, secret: endpoint.secret, event_types: JSON.stringify(endpoint.eventTypes),
        description: endpoint.description, active: 1, disabled_reason: null, created_at: this.now, updated_at: this.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toEndpoint(row);
  }

  async updateEndpoint(id: number, patch: WebhookEndpointPatch): Promise<void> {
    const set: Record<string, unknown> = { updated_at: this.now };
    if (patch.url !== undefined) set['url'] = patch.url;
    if (patch.secret !== undefined) set['secret'] = patch.secret;
    if (patch.eventTypes !== undefined) set['event_types'] = JSON.stringify(patch.eventTypes);
    if (patch.description !== undefined) set['description'] = patch.description;
    if (patch.active !== undefined) {
      set['active'] = patch.active ? 1 : 0;
      // Turning an endpoint back on starts a fresh streak.
      if (patch.active) Object.assign(set, { failure_streak: 0, failing_since: null, disabled_reason: null });
    }
    await this.db.updateTable('webhook_endpoints').set(set).where('id', '=', id).execute();
    if (patch.active === true) {
      // Its waiting deliveries go out now, not at the end of back-offs earned while it was failing.
      await this.db
        .updateTable('deliveries')
        .set({ next_attempt_at: this.now, updated_at: this.now })
        .where('endpoint_id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '>', this.now)
        .execute();
    }
  }

  async deleteEndpoint(id: number): Promise<void> {
    await this.db.deleteFrom('deliveries').where('endpoint_id', '=', id).execute();
    await this.db.deleteFrom('webhook_endpoints').where('id', '=', id).execute();
  }

  async findEndpoint(id: number): Promise<WebhookEndpoint | null> {
    const row = await this.db.selectFrom('webhook_endpoints').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toEndpoint(row) : null;
  }

  async listEndpoints(): Promise<WebhookEndpoint[]> {
    return (await this.db.selectFrom('webhook_endpoints').selectAll().orderBy('id').execute()).map(toEndpoint);
  }

  async recordEndpointResults(id: number, failures: number, resetBeforeFailures: boolean): Promise<{ streak: number; failingSince: string | null }> {
    const since = failures === 0 ? null : this.now;
    const row = await this.db
      .updateTable('webhook_endpoints')
      .set({
        failure_streak: resetBeforeFailures ? failures : sql`failure_streak + ${failures}`,
        failing_since: resetBeforeFailures ? since : sql`coalesce(failing_since, ${since})`,
      })
      .where('id', '=', id)
      .returning(['failure_streak', 'failing_since'])
      .executeTakeFirst();
    return { streak: row?.failure_streak ?? 0, failingSince: row?.failing_since ?? null };
  }

  async disableEndpoint(id: number, reason: string): Promise<boolean> {
    const result = await this.db
      .updateTable('webhook_endpoints')
      .set({ active: 0, disabled_reason: reason, updated_at: this.now })
      .where('id', '=', id)
      .where('active', '=', 1)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async lockFanOutCursor(): Promise<FanOutCursor> {
    let query = this.db.selectFrom('outbox_cursors').selectAll().where('name', '=', FAN_OUT);
    if (this.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirstOrThrow();
    return {
      lastSeq: row.last_seq,
      gap: row.gap_horizon !== null && row.gap_seen_at !== null ? { horizon: row.gap_horizon, writers: JSON.parse(row.gap_writers ?? '[]') as string[], seenAt: row.gap_seen_at } : null,
    };
  }

  async saveFanOutCursor(cursor: FanOutCursor): Promise<void> {
    await this.db
      .updateTable('outbox_cursors')
      .set({ last_seq: cursor.lastSeq, gap_horizon: cursor.gap?.horizon ?? null, gap_writers: cursor.gap ? JSON.stringify(cursor.gap.writers) : null, gap_seen_at: cursor.gap?.seenAt ?? null })
      .where('name', '=', FAN_OUT)
      .execute();
  }

  async hasWork(skipTargets: readonly string[] = []): Promise<boolean> {
    const now = this.now;
    const targets = await this.workableTargets(skipTargets);
    const due = targets.map((target) => sql`exists (select 1 from deliveries where target = ${target} and status = 'pending' and next_attempt_at <= ${now}
          and (locked_until is null or locked_until < ${now}))`);
    const { rows } = await sql<{ work: number | boolean }>`
      select (exists (select 1 from events where seq > (select last_seq from outbox_cursors where name = ${FAN_OUT}))
        ${due.length > 0 ? sql`or ${sql.join(due, sql` or `)}` : sql``}) as work`.execute(this.db);
    return Boolean(rows[0]?.work);
  }

  /**
   * The targets with pending deliveries this worker may send, less `skipTargets` and webhooks that
   * are switched off. Found by stepping through the pending index one target at a time, so a long
   * backlog of a target nobody sends now (customers' mail waiting for SMTP, a switched-off
   * webhook's events) costs one index step per poll instead of a row each: every claim scanned
   * them, and a shop without SMTP polled slower every day its customers' mails waited.
   */
  private async workableTargets(skipTargets: readonly string[]): Promise<string[]> {
    const { rows } = await sql<{ target: string; endpoint_id: number | null }>`
      with recursive pending (target) as (
        select (select target from deliveries where status = 'pending' order by target limit 1)
        union all
        select (select d.target from deliveries d where d.status = 'pending' and d.target > p.target order by d.target limit 1)
        from pending p where p.target is not null)
      select p.target, (select d.endpoint_id from deliveries d where d.status = 'pending' and d.target = p.target order by d.subject, d.event_seq limit 1) as endpoint_id
      from pending p where p.target is not null`.execute(this.db);
    const endpointIds = [...new Set(rows.flatMap((r) => (r.endpoint_id === null ? [] : [r.endpoint_id])))];
    const active = new Set<number>();
    if (endpointIds.length > 0) {
      for (const row of await this.db.selectFrom('webhook_endpoints').select('id').where('id', 'in', endpointIds).where('active', '=', 1).execute()) active.add(row.id);
    }
    return rows.filter((r) => !skipTargets.includes(r.target) && (r.endpoint_id === null || active.has(r.endpoint_id))).map((r) => r.target);
  }

  async fanOutPosition(): Promise<number> {
    const row = await this.db.selectFrom('outbox_cursors').select('last_seq').where('name', '=', FAN_OUT).executeTakeFirst();
    return row?.last_seq ?? 0;
  }

  async eventWriters(): Promise<string[] | null> {
    if (this.dialect !== 'postgres') return null;
    const { rows } = await sql<{ vxid: string }>`
      select distinct virtualtransaction as vxid from pg_locks
      where locktype = 'relation' and relation = to_regclass('events') and mode = 'RowExclusiveLock'
        and pid <> pg_backend_pid() and granted`.execute(this.db);
    return rows.map((r) => r.vxid).sort();
  }

  async anyRunning(transactions: readonly string[]): Promise<boolean> {
    if (this.dialect !== 'postgres' || transactions.length === 0) return false;
    // A transaction holds the lock on its own virtual id until it ends.
    const { rows } = await sql<{ running: boolean }>`
      select exists (select 1 from pg_locks where locktype = 'virtualxid' and virtualxid = any(${[...transactions]})) as running`.execute(this.db);
    return rows[0]?.running === true;
  }

  async insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void> {
    for (const chunk of chunks(deliveries, 500)) {
      await this.db
        .insertInto('deliveries')
        .values(
          chunk.map((d) => ({
            target: d.target, endpoint_id: d.endpointId, event_seq: d.eventSeq, event_type: d.eventType, subject: d.subject,
            status: 'pending', next_attempt_at: this.now, created_at: this.now, updated_at: this.now, last_error: d.note ?? null,
          })),
        )
        .onConflict((oc) => oc.columns(['target', 'event_seq']).doNothing())
        .execute();
    }
  }

  async claimDeliveries(workerId: string, chains: number, perChain: number, leaseMs: number, skipTargets: readonly string[] = []): Promise<ClaimedDelivery[]> {
    const now = this.now;
    const leaseUntil = this.later(leaseMs);
    // A head is the oldest pending delivery of its chain; only heads are claimed, so a chain is
    // held by one worker at a time and its events go out in order.
    // Each target read on its own (its index range only), the oldest heads of all of them taken.
    const candidates: Selectable<DeliveriesTable>[] = [];
    for (const target of await this.workableTargets(skipTargets)) {
      const { rows } = await sql<Selectable<DeliveriesTable>>`
        select d.* from deliveries d
        where d.target = ${target} and d.status = 'pending' and d.next_attempt_at <= ${now}
          and (d.locked_until is null or d.locked_until < ${now})
          and (d.endpoint_id is null or exists (select 1 from webhook_endpoints w where w.id = d.endpoint_id and w.active = 1))
          and not exists (
            select 1 from deliveries e
            where e.target = d.target and e.subject = d.subject and e.status = 'pending' and e.event_seq < d.event_seq)
        order by d.event_seq
        limit ${chains}
        ${this.dialect === 'postgres' ? sql`for update of d skip locked` : sql``}`.execute(this.db);
      candidates.push(...rows);
    }
    const heads = candidates.sort((a, b) => a.event_seq - b.event_seq).slice(0, chains);
    if (heads.length === 0) return [];
    const claimed: Selectable<DeliveriesTable>[] = [];
    const followers = perChain > 1 ? await this.followersOf(heads, perChain - 1) : [];
    for (const head of heads) {
      claimed.push(head);
      // Behind the head: a contiguous run of due deliveries that nobody holds. A retried one ends
      // it, and so does one another worker holds (behind a replayed dead letter, say), which
      // would otherwise be sent twice at once.
      for (const next of followers.filter((f) => f.target === head.target && f.subject === head.subject && f.event_seq > head.event_seq)) {
        if (next.next_attempt_at > now || (next.locked_until !== null && next.locked_until >= now)) break;
        claimed.push(next);
      }
    }
    for (const ids of chunks(claimed.map((d) => d.id), 500)) {
      await this.db.updateTable('deliveries').set({ locked_until: leaseUntil, locked_by: workerId }).where('id', 'in', ids).execute();
    }
    const events = new Map<number, StoredEvent>();
    for (const seqs of chunks([...new Set(claimed.map((d) => d.event_seq))], 500)) {
      for (const row of await this.db.selectFrom('events').selectAll().where('seq', 'in', seqs).execute()) events.set(row.seq, toEvent(row));
    }
    return claimed.map((row) => ({ delivery: toDelivery(row), event: events.get(row.event_seq) as StoredEvent }));
  }

  async renewLeases(workerId: string, ids: readonly number[], leaseMs: number): Promise<void> {
    for (const chunk of chunks(ids, 500)) {
      await this.db
        .updateTable('deliveries')
        .set({ locked_until: this.later(leaseMs) })
        .where('id', 'in', chunk)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'pending')
        .execute();
    }
  }

  private async followersOf(heads: readonly Selectable<DeliveriesTable>[], perChain: number): Promise<Selectable<DeliveriesTable>[]> {
    // One index range per chain, each cut at `perChain` rows, so a long backlog behind a head costs nothing.
    const perHead = heads.map((h) => sql`select * from (
        select * from deliveries
        where target = ${h.target} and subject = ${h.subject} and status = 'pending' and event_seq > ${h.event_seq}
        order by event_seq limit ${perChain}) ${sql.raw(`chain_${h.id}`)}`);
    const result = await sql<Selectable<DeliveriesTable>>`${sql.join(perHead, sql` union all `)}`.execute(this.db);
    return [...result.rows].sort((a, b) => a.event_seq - b.event_seq);
  }

  async recordOutcomes(outcomes: readonly DeliveryOutcome[], maxAttempts: number): Promise<void> {
    const released = outcomes.filter((o) => 'released' in o).map((o) => o.id);
    for (const ids of chunks(released, 500)) {
      await this.db.updateTable('deliveries').set({ locked_until: null, locked_by: null }).where('id', 'in', ids).where('status', '=', 'pending').execute();
    }
    const successes = new Map<string, number[]>();
    for (const o of outcomes) {
      if ('released' in o || !o.ok) continue;
      const key = JSON.stringify([o.status, o.note]);
      successes.set(key, [...(successes.get(key) ?? []), o.id]);
    }
    for (const [key, all] of successes) {
      const [status, note] = JSON.parse(key) as [number | null, string | null];
      for (const ids of chunks(all, 500)) {
        await this.db
          .updateTable('deliveries')
          .set({
            status: 'delivered', attempts: sql`attempts + 1`, delivered_at: this.now, updated_at: this.now,
            last_status: status, last_error: note, locked_until: null, locked_by: null,
          })
          .where('id', 'in', ids)
          .where('status', '=', 'pending')
          .execute();
      }
    }
    for (const o of outcomes) {
      if ('released' in o || o.ok) continue;
      await this.db
        .updateTable('deliveries')
        .set({
          status: sql<string>`case when attempts + 1 >= ${maxAttempts} then 'dead' else 'pending' end`,
          attempts: sql`attempts + 1`, next_attempt_at: this.later(o.retryAfterMs), updated_at: this.now,
          last_status: o.status, last_error: o.error.slice(0, 1000), locked_until: null, locked_by: null,
        })
        .where('id', '=', o.id)
        .where('status', '=', 'pending')
        .execute();
    }
  }

  private later(ms: number): string {
    return new Date(Date.parse(this.now) + ms).toISOString();
  }

  async closeUnsent(target: string, eventsBefore: string, note: string): Promise<number> {
    const result = await this.db
      .updateTable('deliveries')
      .set({ status: 'delivered', delivered_at: this.now, updated_at: this.now, last_error: note })
      .where('target', '=', target)
      .where('status', '=', 'pending')
      .where((eb) => eb.exists(eb.selectFrom('events').select('seq').whereRef('events.seq', '=', 'deliveries.event_seq').where('events.created_at', '<', eventsBefore)))
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', this.now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async markDelivered(id: number, note: string | null): Promise<void> {
    await this.db
      .updateTable('deliveries')
      .set({ status: 'delivered', attempts: sql`attempts + 1`, delivered_at: this.now, updated_at: this.now, last_error: note, locked_until: null, locked_by: null })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  }

  async findDelivery(id: number): Promise<Delivery | null> {
    const row = await this.db.selectFrom('deliveries').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toDelivery(row) : null;
  }

  async findDeliveries(ids: readonly number[]): Promise<Delivery[]> {
    const found: Delivery[] = [];
    for (const chunk of chunks(ids, 500)) found.push(...(await this.db.selectFrom('deliveries').selectAll().where('id', 'in', chunk).execute()).map(toDelivery));
    return found;
  }

  async listDeliveries(filter: DeliveryFilter): Promise<Delivery[]> {
    let query = this.db.selectFrom('deliveries').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.endpointId !== undefined) query = query.where('endpoint_id', '=', filter.endpointId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    return (await query.execute()).map(toDelivery);
  }

  async replayDeliveries(ids: readonly number[]): Promise<number> {
    let count = 0;
    for (const chunk of chunks(ids, 500)) {
      const result = await this.db
        .updateTable('deliveries')
        .set({ status: 'pending', attempts: 0, next_attempt_at: this.now, updated_at: this.now, locked_until: null, locked_by: null })
        .where('id', 'in', chunk)
        .where('status', '=', 'dead')
        .executeTakeFirst();
      count += Number(result.numUpdatedRows);
    }
    return count;
  }

  async deadDeliveryIds(endpointId: number | null, limit: number): Promise<number[]> {
    let query = this.db.selectFrom('deliveries').select('id').where('status', '=', 'dead').orderBy('id').limit(limit);
    if (endpointId !== null) query = query.where('endpoint_id', '=', endpointId);
    return (await query.execute()).map((r) => r.id);
  }

  async countDeliveries(status: DeliveryStatus): Promise<number> {
    const row = await this.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<string | number>().as('n')).where('status', '=', status).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async nextPendingLineEvent(target: string, subject: string, eventType: string, lineId: number, afterSeq: number): Promise<StoredEvent | null> {
    // events.payload is JSON text on both dialects. Its line is read in a scalar subquery, one
    // event at a time as the chain's range of the pending index (deliveries_chain) is walked, up
    // to the first match: as a join PostgreSQL walked the events table from its start instead.
    const lineOfEvent = this.dialect === 'postgres'
      ? sql<string>`(select (e.payload::json->>'lineId') from events e where e.seq = deliveries.event_seq)`
      : sql<number>`(select json_extract(e.payload, '$.lineId') from events e where e.seq = deliveries.event_seq)`;
    const next = this.db
      .selectFrom('deliveries')
      .select('deliveries.event_seq')
      .where('deliveries.target', '=', target)
      .where('deliveries.subject', '=', subject)
      .where('deliveries.status', '=', 'pending')
      .where('deliveries.event_seq', '>', afterSeq)
      .where('deliveries.event_type', '=', eventType)
      .where(sql<boolean>`${lineOfEvent} = ${this.dialect === 'postgres' ? String(lineId) : lineId}`)
      .orderBy('deliveries.event_seq')
      .limit(1);
    const row = await this.db.selectFrom('events').selectAll().where('events.seq', '=', next).executeTakeFirst();
    return row ? toEvent(row) : null;
  }

  async lastDateMailed(lineId: number): Promise<DateMailed | null> {
    const row = await this.db.selectFrom('line_dates_mailed').select('eta').where('line_id', '=', lineId).executeTakeFirst();
    return row ? { lineId, eta: row.eta } : null;
  }

  async recordDatesMailed(dates: readonly DateMailed[]): Promise<void> {
    // One row per line (PostgreSQL refuses to update a row twice in one statement): the last told wins.
    const byLine = [...new Map(dates.map((d) => [d.lineId, d.eta])).entries()];
    for (const chunk of chunks(byLine, 500)) {
      await this.db
        .insertInto('line_dates_mailed')
        .values(chunk.map(([lineId, eta]) => ({ line_id: lineId, eta })))
        .onConflict((oc) => oc.column('line_id').doUpdateSet((eb) => ({ eta: eb.ref('excluded.eta') })))
        .execute();
    }
  }

  async findActiveSubscription(itemId: number, emailKey: string): Promise<Subscription | null> {
    const row = await this.db
      .selectFrom('subscriptions').selectAll()
      .where('item_id', '=', itemId).where('email_key', '=', emailKey).where('status', '=', 'active')
      .executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async insertSubscription(subscription: { itemId: number; sku: string; email: string; emailKey: string }): Promise<Subscription> {
    const row = await this.db
      .insertInto('subscriptions')
      .values({ item_id: subscription.itemId, sku: subscription.sku, email: subscription.email, email_key: subscription.emailKey, status: 'active', created_at: this.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toSubscription(row);
  }

  async addSubscriptionRequest(id: number): Promise<void> {
    await this.db.updateTable('subscriptions').set({ requests: sql`requests + 1` }).where('id', '=', id).execute();
  }

  async findSubscription(id: number): Promise<Subscription | null> {
    const row = await this.db.selectFrom('subscriptions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toSubscription(row) : null;
  }

  async listSubscriptions(filter: SubscriptionFilter): Promise<Subscription[]> {
    let query = this.db.selectFrom('subscriptions').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.itemId !== undefined) query = query.where('item_id', '=', filter.itemId);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    return (await query.execute()).map(toSubscription);
  }

  async waitingSubscriptions(itemId: number, limit: number | null): Promise<Subscription[]> {
    let query = this.db
      .selectFrom('subscriptions').selectAll()
      .where('item_id', '=', itemId).where('status', '=', 'active')
      .orderBy('created_at').orderBy('id');
    if (limit !== null) query = query.limit(limit);
    return (await query.execute()).map(toSubscription);
  }

  async itemsWithWaitingSubscribers(itemIds: readonly number[]): Promise<ReadonlySet<number>> {
    const found = new Set<number>();
    for (const chunk of chunks(itemIds, 500)) {
      const rows = await this.db
        .selectFrom('subscriptions').select('item_id').distinct()
        .where('item_id', 'in', chunk).where('status', '=', 'active')
        .execute();
      for (const row of rows) found.add(row.item_id);
    }
    return found;
  }

  async markSubscriptionsNotified(ids: readonly number[], restockAt: string): Promise<number[]> {
    const marked: number[] = [];
    for (const chunk of chunks(ids, 500)) {
      const rows = await this.db
        .updateTable('subscriptions')
        .set({ status: 'notified', notified_at: this.now, notified_for: restockAt })
        .where('id', 'in', chunk)
        .where('status', '=', 'active')
        .returning('id')
        .execute();
      marked.push(...rows.map((r) => r.id));
    }
    return marked;
  }

  async countNotifiedFor(itemId: number, restockAt: string): Promise<number> {
    const row = await this.db
      .selectFrom('subscriptions')
      .select((eb) => eb.fn.countAll<number>().as('told'))
      .where('item_id', '=', itemId)
      .where('notified_for', '=', restockAt)
      .executeTakeFirst();
    return Number(row?.told ?? 0);
  }

  async unsubscribe(id: number, onlyWaiting = false): Promise<boolean> {
    const result = await this.db
      .updateTable('subscriptions')
      .set({ status: 'unsubscribed', unsubscribed_at: this.now })
      .where('id', '=', id)
      .where('status', onlyWaiting ? '=' : '!=', onlyWaiting ? 'active' : 'unsubscribed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async secret(name: string): Promise<string | null> {
    const row = await this.db.selectFrom('communication_secrets').select('value').where('name', '=', name).executeTakeFirst();
    return row?.value ?? null;
  }
}

function toEndpoint(row: Selectable<WebhookEndpointsTable>): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    secret: row.secret,
    eventTypes: JSON.parse(row.event_types) as string[],
    description: row.description,
    active: row.active === 1,
    failureStreak: row.failure_streak,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDelivery(row: Selectable<DeliveriesTable>): Delivery {
  return {
    id: row.id,
    target: row.target,
    endpointId: row.endpoint_id,
    eventSeq: row.event_seq,
    eventType: row.event_type,
    subject: row.subject,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    lastStatus: row.last_status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deliveredAt: row.delivered_at,
  };
}

function toEvent(row: Selectable<EventsTable>): StoredEvent {
  return {
    seq: row.seq,
    type: row.type,
    subjectType: row.subject_type as StoredEvent['subjectType'],
    subjectId: row.subject_id,
    payload: JSON.parse(row.payload) as unknown,
    createdAt: row.created_at,
  };
}

function toSubscription(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: row.id,
    itemId: row.item_id,
    sku: row.sku,
    email: row.email,
    status: row.status as Subscription['status'],
    requests: row.requests,
    createdAt: row.created_at,
    notifiedAt: row.notified_at,
    unsubscribedAt: row.unsubscribed_at,
  };
}

