import { daysBetween, dateOf } from '../domain/dates.js';
import type { QueueKey } from '../domain/queue.js';
import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, isRowId, pageOf, type Page } from './pagination.js';
import type { QueueRow, Store } from './ports.js';
import { resolveItem } from './resolve.js';
import { asFilter, ok, type Result } from './result.js';
import { checkSku, isRecord } from './validate.js';

export interface QueuePosition {
  readonly position: number;
  readonly orderId: number;
  readonly externalId: string | null;
  readonly lineId: number;
  readonly sku: string;
  readonly customer: { readonly id: string | null; readonly email: string | null; readonly name: string | null };
  readonly quantity: number;
  readonly allocated: number;
  readonly backordered: number;
  /** Why the line stands where it does: priority first, then the time it was placed. */
  readonly priority: number;
  readonly placedAt: string;
  readonly ageDays: number;
  readonly eta: string | null;
  readonly etaEstimated: boolean;
  /** Units ahead of this line in the queue. */
  readonly unitsAhead: number;
}

/** An item's backorder queue in serving order, with positions, reasons and promise dates. */
export async function backorderQueue(store: Store, sku: string): Promise<Result<QueuePosition[]>> {
  const failure = checkSku('sku', sku);
  if (failure) return failure;
  return store.snapshot(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return asFilter(item);
    const queue = await tx.queueOf(item.value.id);
    const today = dateOf(new Date(tx.now));
    let unitsAhead = 0;
    return ok(
      queue.map((row, index) => {
        const position = queuePosition(row, index + 1, unitsAhead, today);
        unitsAhead += row.backordered;
        return position;
      }),
    );
  });
}

export interface QueuePageQuery {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * Where a page of an item's queue ended: the serving keys of the last line shown, and its item.
 * A place in the queue would not do: lines filled or placed between two pages move every place,
 * so the next page would skip or repeat lines.
 */
interface QueueCursor extends QueueKey {
  readonly sku: string;
}

/**
 * A page of an item's queue in serving order: the whole queue unless a limit or a cursor is given.
 * The next page starts after the line last shown, whatever changed meanwhile; each line's position
 * is its place in the queue now. A page reads only its own lines and a count of those ahead.
 */
export async function backorderQueuePage(store: Store, sku: string, query: QueuePageQuery): Promise<Result<Page<QueuePosition>>> {
  const failure = checkLimit(query.limit);
  if (failure) return failure;
  // A cursor of another item's queue is as foreign as one of another list.
  const cursor = decodeCursor(query.cursor, (value): value is QueueCursor => isQueueCursor(value) && value.sku === sku);
  if (!cursor.ok) return cursor;
  if (query.limit === undefined && query.cursor === undefined) {
    const queue = await backorderQueue(store, sku);
    return queue.ok ? ok({ items: queue.value, nextCursor: null }) : queue;
  }
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const badSku = checkSku('sku', sku);
  if (badSku) return badSku;
  return store.snapshot(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return asFilter(item);
    const page = await tx.queuePageOf(item.value.id, cursor.value, limit + 1);
    const today = dateOf(new Date(tx.now));
    let unitsAhead = page.unitsAhead;
    const lines = page.rows.map((row, index) => {
      const position = queuePosition(row, page.linesAhead + index + 1, unitsAhead, today);
      unitsAhead += row.backordered;
      return position;
    });
    return ok(pageOf(lines, limit, (line) => line, queueCursorOf));
  });
}

function queueCursorOf(line: QueuePosition): QueueCursor {
  return { sku: line.sku, priority: line.priority, placedAt: line.placedAt, lineId: line.lineId };
}

function isQueueCursor(value: unknown): value is QueueCursor {
  return isRecord(value) && typeof value['sku'] === 'string' && Number.isInteger(value['priority']) && isStoredInstant(value['placedAt']) && isRowId(value['lineId']);
}

/** A time in the form every row's time is written in (Date#toISOString), as a line's placedAt is. */
function isStoredInstant(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 32) return false;
  const time = new Date(value);
  return !Number.isNaN(time.getTime()) && time.toISOString() === value;
}

/** One waiting line as the API shows it: its place, why it stands there, its age and its promise. */
export function queuePosition(row: QueueRow, position: number, unitsAhead: number, today: string): QueuePosition {
  return {
    position,
    orderId: row.orderId,
    externalId: row.externalId,
    lineId: row.lineId,
    sku: row.sku,
    customer: row.customer,
    quantity: row.quantity,
    allocated: row.allocated,
    backordered: row.backordered,
    priority: row.priority,
    placedAt: row.placedAt,
    ageDays: daysBetween(row.placedAt.slice(0, 10), today),
    eta: row.eta,
    etaEstimated: row.etaEstimated,
    unitsAhead,
  };
}
