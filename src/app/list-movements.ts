import type { MovementKind } from '../domain/types.js';
import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, isRowId, pageOf, type Page } from './pagination.js';
import type { Movement, Store } from './ports.js';
import { parseTimeWindow, type TimeWindowQuery } from './instant.js';
import { resolveItem, resolveLocation } from './resolve.js';
import { asFilter, ok, type Result } from './result.js';
import { checkOneOf, checkSku, firstFailure } from './validate.js';

export const MOVEMENT_KINDS: readonly MovementKind[] = ['receipt', 'adjustment', 'allocation', 'deallocation', 'shipment', 'transfer_out', 'transfer_in'];

export interface MovementQuery extends TimeWindowQuery {
  readonly sku?: string | undefined;
  readonly location?: string | undefined;
  readonly kind?: string | undefined;
  /** `oldest` first (the default, the ledger's own order) or `newest` first. */
  readonly order?: string | undefined;
}

export const MOVEMENT_ORDERS = ['oldest', 'newest'] as const;

/** A ledger row as the API shows it (SPEC §1). */
export interface MovementView {
  readonly id: number;
  readonly sku: string;
  readonly location: string;
  readonly kind: MovementKind;
  readonly onHandDelta: number;
  readonly allocatedDelta: number;
  readonly reason: string | null;
  readonly orderId: number | null;
  readonly lineId: number | null;
  readonly reference: string | null;
  readonly actor: string;
  readonly createdAt: string;
}

/** The movement ledger, oldest first (or newest first), filtered by item, location, kind and time range. */
export async function listMovements(store: Store, query: MovementQuery): Promise<Result<Page<MovementView>>> {
  const window = parseTimeWindow(query);
  const failure = firstFailure(
    checkLimit(query.limit),
    query.sku !== undefined ? checkSku('sku', query.sku) : null,
    query.location !== undefined ? checkSku('location', query.location) : null,
    query.kind !== undefined ? checkOneOf('kind', query.kind, MOVEMENT_KINDS) : null,
    query.order !== undefined ? checkOneOf('order', query.order, MOVEMENT_ORDERS) : null,
    window.ok ? null : window,
  );
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return store.read(async (tx) => {
    const item = query.sku !== undefined ? await resolveItem(tx, query.sku) : undefined;
    if (item && !item.ok) return asFilter(item);
    const location = query.location !== undefined ? await resolveLocation(tx, query.location) : undefined;
    if (location && !location.ok) return asFilter(location);
    const rows = await tx.listMovements({
      sku: query.sku, location: query.location, kind: query.kind,
      ...(window.ok ? window.value : {}),
      afterId: cursor.value, newestFirst: query.order === 'newest', limit: limit + 1,
    });
    return ok(pageOf(rows, limit, view, (m) => m.id));
  });
}

function view(m: Movement): MovementView {
  return {
    id: m.id, sku: m.sku, location: m.location, kind: m.kind, onHandDelta: m.onHandDelta, allocatedDelta: m.allocatedDelta,
    reason: m.reason, orderId: m.orderId, lineId: m.lineId, reference: m.reference, actor: m.actor, createdAt: m.createdAt,
  };
}
