import { dateOf } from '../domain/dates.js';
import { queuePosition, type QueuePosition } from './backorder-queue.js';
import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, isRowId, pageOf, type Page } from './pagination.js';
import type { BackorderRow, Store } from './ports.js';
import { ok, type Result } from './result.js';

export interface BackorderQuery {
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * Every waiting backorder across items, oldest line first, each with its age and its position in
 * its own item's queue (the queue of one item, in serving order, is `backorderQueue`).
 */
export async function listBackorders(store: Store, query: BackorderQuery): Promise<Result<Page<QueuePosition>>> {
  const failure = checkLimit(query.limit);
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return store.read(async (tx) => {
    const rows = await tx.listBackorders({ afterLineId: cursor.value, limit: limit + 1 });
    const today = dateOf(new Date(tx.now));
    return ok(pageOf(rows, limit, (row) => view(row, today), (row) => row.lineId));
  });
}

function view(row: BackorderRow, today: string): QueuePosition {
  return queuePosition(row, row.position, row.unitsAhead, today);
}
