import { daysBetween, dateOf } from '../domain/dates.js';
import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, isRowId, pageOf, type Page } from './pagination.js';
import type { QueueRow, Store } from './ports.js';
import { resolveItem } from './resolve.js';
import { asFilter, ok, type Result } from './result.js';
import { checkSku } from './validate.js';

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
  return store.read(async (tx) => {
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
 * A page of an item's queue in serving order: the whole queue unless a limit or a cursor is given;
 * the cursor stands after the position last shown.
 */
export async function backorderQueuePage(store: Store, sku: string, query: QueuePageQuery): Promise<Result<Page<QueuePosition>>> {
  const failure = checkLimit(query.limit);
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const queue = await backorderQueue(store, sku);
  if (!queue.ok) return queue;
  if (query.limit === undefined && query.cursor === undefined) return ok({ items: queue.value, nextCursor: null });
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const after = cursor.value ?? 0;
  return ok(pageOf(queue.value.slice(after, after + limit + 1), limit, (row) => row, (row) => row.position));
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
