import { allPages } from './export-pages.js';
import { listItems } from './list-items.js';
import { MAX_PAGE_SIZE } from './pagination.js';
import type { Store } from './ports.js';
import type { Result } from './result.js';

/** Columns of an items CSV: the item fields of SPEC §1, the same ones `importItems` reads back. */
export const ITEM_COLUMNS = [
  'sku', 'name', 'unitPrice', 'unitCost', 'backorderPolicy', 'backorderLimit', 'lowStockThreshold', 'leadTimeDays', 'substitutes', 'discontinued',
] as const;

export type ItemRow = Record<(typeof ITEM_COLUMNS)[number], string | number | boolean | null>;

/** Every item in sku order as a flat row: substitutes joined with "|", no backorder limit as null. */
export function exportItems(store: Store): Promise<Result<AsyncIterable<ItemRow>>> {
  return allPages(
    (cursor) => listItems(store, { cursor, limit: MAX_PAGE_SIZE }),
    (item) => [{
      sku: item.sku,
      name: item.name,
      unitPrice: item.unitPrice,
      unitCost: item.unitCost,
      backorderPolicy: item.backorderPolicy,
      backorderLimit: item.backorderLimit,
      lowStockThreshold: item.lowStockThreshold,
      leadTimeDays: item.leadTimeDays,
      substitutes: item.substitutes.join('|'),
      discontinued: item.discontinued,
    }],
  );
}
