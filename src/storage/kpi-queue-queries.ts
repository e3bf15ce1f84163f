import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { FilledLine } from '../domain/kpi/first-fills.js';
import type { PromisedLine } from '../domain/kpi/promise-outcome.js';
import type { QueueEvent } from '../domain/kpi/queue-event.js';
import { FILLED_FROM_QUEUE, RETURNED_TO_QUEUE } from '../domain/queue-reasons.js';
import { everyItem, type ItemScope } from './kpi-item-scope.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;
type Row = Record<string, unknown>;

// Written into the statement, not bound: only a literal lets SQLite use the partial indexes on them.
export const FILLED_SQL = sql.lit(FILLED_FROM_QUEUE);
export const RETURNED_SQL = sql.lit(RETURNED_TO_QUEUE);

/**
 * Lines with units allocated from the queue in [from, until), each with its queue history up to
 * `until` (time to fill counts a unit at its first fill, so earlier fills and returns matter).
 */
export async function readFilledLines(db: Executor, from: string, until: string, scope: ItemScope = everyItem): Promise<Map<number, FilledLine[]>> {
  const ids = sql`select line_id from movements where reason = ${FILLED_SQL} and created_at >= ${from} and created_at < ${until} ${scope('item_id')}`;
  const lines = (await sql<Row>`
    select id, item_id, placed_at, quantity, placed_backordered from order_lines where id in (${ids})`.execute(db)).rows;
  const events = await queueEvents(db, ids, until);
  return byItem(lines, (line) => ({
    placedAt: String(line['placed_at']),
    quantity: num(line['quantity']),
    placedBackordered: num(line['placed_backordered']),
    events: events.get(num(line['id'])) ?? [],
  }));
}

/**
 * Lines whose first ETA is a day in [fromDay, beforeDay), each with today's waiting units and its
 * whole queue history (the outcome is judged by undoing what came after the ETA day).
 */
export async function readPromisedLines(db: Executor, fromDay: string, beforeDay: string, scope: ItemScope = everyItem): Promise<Map<number, PromisedLine[]>> {
  const ids = sql`select id from order_lines where first_eta >= ${fromDay} and first_eta < ${beforeDay} ${scope('item_id')}`;
  const lines = (await sql<Row>`
    select id, item_id, first_eta, backordered from order_lines where first_eta >= ${fromDay} and first_eta < ${beforeDay} ${scope('item_id')}`.execute(db)).rows;
  const events = await queueEvents(db, ids);
  return byItem(lines, (line) => ({
    firstEta: String(line['first_eta']),
    waitingNow: num(line['backordered']),
    events: events.get(num(line['id'])) ?? [],
  }));
}

/** Fills, returns to the queue and cancellations of waiting units of the lines `ids` selects, in time order, by line. */
async function queueEvents(db: Executor, ids: RawBuilder<unknown>, until?: string): Promise<Map<number, QueueEvent[]>> {
  const before = (column: string) => (until === undefined ? sql`` : sql`and ${sql.ref(column)} < ${until}`);
  const rows = (await sql<Row>`
    select line_id, created_at, reason, abs(allocated_delta) as units, 0 as source, id from movements
    where line_id in (${ids}) and reason in (${FILLED_SQL}, ${RETURNED_SQL}) ${before('created_at')}
    union all
    select line_id, created_at, 'cancelled', quantity, 1, id from backorder_cancellations
    where line_id in (${ids}) ${before('created_at')}
    order by created_at, source, id`.execute(db)).rows;
  const events = new Map<number, QueueEvent[]>();
  for (const row of rows) {
    const reason = String(row['reason']);
    const event: QueueEvent = { at: String(row['created_at']), kind: reason === FILLED_FROM_QUEUE ? 'filled' : reason === RETURNED_TO_QUEUE ? 'returned' : 'cancelled', units: num(row['units']) };
    const line = num(row['line_id']);
    const list = events.get(line);
    if (list) list.push(event);
    else events.set(line, [event]);
  }
  return events;
}

function byItem<T>(lines: readonly Row[], build: (line: Row) => T): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const line of lines) {
    const item = num(line['item_id']);
    const list = map.get(item);
    if (list) list.push(build(line));
    else map.set(item, [build(line)]);
  }
  return map;
}

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
