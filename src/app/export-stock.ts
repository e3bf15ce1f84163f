import { allPages } from './export-pages.js';
import { listStockLevels } from './list-stock-levels.js';
import { MAX_PAGE_SIZE } from './pagination.js';
import type { Store } from './ports.js';
import type { Result } from './result.js';

/** Columns of a stock CSV; `count` is on-hand, the column `importStock` sets (the others are for reading). */
export const STOCK_COLUMNS = ['sku', 'location', 'count', 'allocated', 'available'] as const;

export type StockRow = Record<(typeof STOCK_COLUMNS)[number], string | number>;

/** Every stock level by sku then location, optionally of one item or one location. */
export function exportStock(store: Store, filter: { readonly sku?: string | undefined; readonly location?: string | undefined } = {}): Promise<Result<AsyncIterable<StockRow>>> {
  return allPages(
    (cursor) => listStockLevels(store, { ...filter, cursor, limit: MAX_PAGE_SIZE }),
    (level) => [{ sku: level.sku, location: level.location, count: level.onHand, allocated: level.allocated, available: level.available }],
  );
}
