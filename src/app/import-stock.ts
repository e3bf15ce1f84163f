import { adjustStock } from './adjust-stock.js';
import { STOCK_COLUMNS } from './export-stock.js';
import { checkColumns, integerCell, repeatedKeys, runImport, wrongWidths, type ImportOptions, type ImportReportWithWarnings, type ImportRow } from './import-runner.js';
import type { Store } from './ports.js';
import { invalid, ok, type Result } from './result.js';

/**
 * An import's report with what its counts did to the backorder queue (or would do, in a dry run):
 * units of waiting backorders filled, and allocated units a count below them returned to the queue.
 * Both, since one row may return units another fills (a count moving stock between locations).
 */
export interface StockImportReport extends ImportReportWithWarnings {
  readonly backordersFilled: number;
  readonly returnedToQueue: number;
}

/** Columns a stock CSV may have: `allocated` and `available` (as `exportStock` writes them) are ignored. */
export const STOCK_IMPORT_COLUMNS = [...STOCK_COLUMNS, 'reason'] as const;

/**
 * Imports a stock count CSV (`sku,location,count[,reason]`): each row sets the on-hand count of one
 * item at one location through adjustStock (reason `import` unless the row gives one), so the
 * ledger explains every change and the queue is served from any stock that arrives. All rows
 * commit in one transaction.
 */
export async function importStock(store: Store, columns: readonly string[], rows: readonly ImportRow[], options: ImportOptions): Promise<Result<StockImportReport>> {
  const columnFailure = checkColumns(columns, ['sku', 'location', 'count'], STOCK_IMPORT_COLUMNS);
  if (columnFailure) return columnFailure;
  const cell = (row: ImportRow, column: string) => row.cells[column]?.trim() ?? '';
  // Counted afresh by every round (and every retry of one): the report is the last round's.
  let backordersFilled = 0;
  let returnedToQueue = 0;
  const report = await runImport(store, rows, {
    check: (all) => [
      ...wrongWidths(all, columns),
      ...repeatedKeys(all, (row) => `${cell(row, 'sku')}\u0000${cell(row, 'location')}`, 'location', (row) => `${cell(row, 'sku')} at ${cell(row, 'location')}`),
    ],
    steps: (all) => all.length,
    async apply(inner, tx, all, record, tick) {
      backordersFilled = 0;
      returnedToQueue = 0;
      const items = await tx.findItems(all.map((row) => cell(row, 'sku')));
      // The global lock order: the locations where stock may be made, then every item this import
      // may change, each in id order, up front.
      await tx.lockLocations([...new Set(all.map((row) => cell(row, 'location')))], 'stock');
      await tx.lockItems(items.map((item) => item.id).sort((a, b) => a - b));
      // A stock level counted for the first time is created, as items are: the report tells them
      // apart. (A file counts each level once: repeated rows are refused before this runs.)
      const locationCodes = new Map((await tx.listLocations()).map((l) => [l.id, l.code]));
      const skus = new Map(items.map((item) => [item.id, item.sku]));
      const existing = new Set((await tx.stocksOf(items.map((item) => item.id))).map((s) => `${skus.get(s.itemId)}|${locationCodes.get(s.locationId)}`));
      for (const row of all) {
        const count = integerCell(row.cells['count']);
        if (count === undefined) {
          record(row, invalid('count', 'is required'));
        } else {
          const reason = cell(row, 'reason') || 'import';
          const result = await adjustStock(inner, { sku: cell(row, 'sku'), location: cell(row, 'location'), count, reason }, options.actor);
          if (result.ok) {
            backordersFilled += result.value.backordersFilled;
            returnedToQueue += result.value.returnedToQueue;
          }
          const isNew = !existing.has(`${cell(row, 'sku')}|${cell(row, 'location')}`);
          record(row, result.ok ? (result.value.delta === 0 ? 'unchanged' : isNew ? 'created' : 'updated') : result);
        }
        tick();
      }
    },
  }, options);
  return report.ok ? ok({ ...report.value, backordersFilled, returnedToQueue }) : report;
}
