import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, pageOf, type Page } from './pagination.js';
import type { Store, StockLevelRow } from './ports.js';
import { resolveItem, resolveLocation } from './resolve.js';
import { asFilter, ok, type Result } from './result.js';
import { checkSku, firstFailure, isRecord, SKU_PATTERN } from './validate.js';

export interface StockLevelQuery {
  readonly sku?: string | undefined;
  readonly location?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/** A stock level as the API shows it (SPEC §1): `available = onHand − allocated`. */
export interface StockLevelView {
  readonly sku: string;
  readonly location: string;
  readonly locationActive: boolean;
  readonly onHand: number;
  readonly allocated: number;
  readonly available: number;
}

type Position = { sku: string; location: string };

/** Stock levels by sku then location, optionally of one item and/or one location. Unknown names are a 4xx. */
export async function listStockLevels(store: Store, query: StockLevelQuery): Promise<Result<Page<StockLevelView>>> {
  const failure = firstFailure(
    checkLimit(query.limit),
    query.sku !== undefined ? checkSku('sku', query.sku) : null,
    query.location !== undefined ? checkSku('location', query.location) : null,
  );
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isPosition);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return store.read(async (tx) => {
    const item = query.sku !== undefined ? await resolveItem(tx, query.sku) : undefined;
    if (item && !item.ok) return asFilter(item);
    const location = query.location !== undefined ? await resolveLocation(tx, query.location) : undefined;
    if (location && !location.ok) return asFilter(location);
    const rows = await tx.listStockLevels({ itemId: item?.value.id, locationId: location?.value.id, after: cursor.value, limit: limit + 1 });
    return ok(pageOf(rows, limit, view, (r) => ({ sku: r.sku, location: r.location })));
  });
}

function view(row: StockLevelRow): StockLevelView {
  return { sku: row.sku, location: row.location, locationActive: row.locationActive, onHand: row.onHand, allocated: row.allocated, available: row.onHand - row.allocated };
}

function isPosition(value: unknown): value is Position {
  return isRecord(value) && typeof value['sku'] === 'string' && SKU_PATTERN.test(value['sku']) && typeof value['location'] === 'string' && SKU_PATTERN.test(value['location']);
}
