import { allPages } from './export-pages.js';
import { listMovements, type MovementQuery } from './list-movements.js';
import { MAX_PAGE_SIZE } from './pagination.js';
import type { Store } from './ports.js';
import type { Result } from './result.js';

/** Columns of a movements CSV: the ledger as written, oldest first. */
export const MOVEMENT_COLUMNS = [
  'id', 'createdAt', 'sku', 'location', 'kind', 'onHandDelta', 'allocatedDelta', 'reason', 'orderId', 'lineId', 'reference', 'actor',
] as const;

export type MovementRow = Record<(typeof MOVEMENT_COLUMNS)[number], string | number | null>;

/** The movement ledger in id order, optionally narrowed by sku, location, kind and time. */
export function exportMovements(store: Store, filter: Omit<MovementQuery, 'cursor' | 'limit'> = {}): Promise<Result<AsyncIterable<MovementRow>>> {
  return allPages(
    (cursor) => listMovements(store, { ...filter, cursor, limit: MAX_PAGE_SIZE }),
    (m) => [{
      id: m.id, createdAt: m.createdAt, sku: m.sku, location: m.location, kind: m.kind, onHandDelta: m.onHandDelta,
      allocatedDelta: m.allocatedDelta, reason: m.reason, orderId: m.orderId, lineId: m.lineId, reference: m.reference, actor: m.actor,
    }],
  );
}
