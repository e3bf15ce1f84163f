import type { Item } from '../domain/types.js';
import { ITEM_COLUMNS } from './export-items.js';
import {
  booleanCell, checkColumns, integerCell, repeatedKeys, runImport, wrongWidths,
  type ImportOptions, type ImportPlan, type ImportReportWithWarnings, type ImportRow, type RowOutcome,
} from './import-runner.js';
import { createItem, updateItem, type ItemWarning } from './manage-items.js';
import type { Store } from './ports.js';
import { invalid, type Failure, type Result } from './result.js';

type ItemInput = Record<string, string | number | boolean | null | undefined>;

/** What PATCH /items/{sku} would have warned of for a row (an item discontinued while customers wait for it), with its line and sku. */
export interface ItemImportWarning extends ItemWarning {
  readonly line: number;
  readonly sku: string;
}

/** A row's outcome and, for a row that was imported, what its change warned of. */
interface RowResult {
  readonly outcome: RowOutcome;
  readonly warnings: readonly ItemImportWarning[];
}

/**
 * Imports an items CSV (columns of `ITEM_COLUMNS`, `sku` required, `name` required for new skus),
 * upserting by sku through createItem/updateItem, all rows in one transaction. Only the columns
 * present are changed; an empty cell leaves a field as it is, except `backorderLimit` (empty = no
 * limit) and `substitutes` (empty = none, else skus joined with "|"). Substitutes are set once
 * every row is in, so a row may name an item that appears later in the file. A row that
 * discontinues an item customers still wait for (or that is still on order) reports updateItem's
 * warning with its line, counted in the import's transaction only for the rows that discontinue.
 */
export async function importItems(store: Store, columns: readonly string[], rows: readonly ImportRow[], options: ImportOptions): Promise<Result<ImportReportWithWarnings<ItemImportWarning>>> {
  const columnFailure = checkColumns(columns, ['sku'], ITEM_COLUMNS);
  if (columnFailure) return columnFailure;
  const withSubstitutes = columns.includes('substitutes');
  const plan: ImportPlan<ItemImportWarning> = {
    check: (all) => [...wrongWidths(all, columns), ...repeatedKeys(all, skuOf, 'sku', (row) => `sku ${skuOf(row)}`)],
    steps: (all) => all.length * (withSubstitutes ? 2 : 1),
    async apply(inner, tx, all, record, tick) {
      const known = new Map((await tx.findItems(all.map(skuOf))).map((item) => [item.sku, item]));
      // The global lock order: every existing item this import may change, locked in id order up front.
      await tx.lockItems([...known.values()].map((item) => item.id).sort((a, b) => a - b));
      const upserted = new Map<number, RowResult>();
      for (const row of all) {
        const result = await upsert(inner, known, row, columns, options.actor);
        tick();
        if (!('outcome' in result)) record(row, result);
        else if (withSubstitutes) upserted.set(row.line, result);
        else record(row, result.outcome, result.warnings);
      }
      if (!withSubstitutes) return;
      for (const row of all) {
        const first = upserted.get(row.line);
        if (first !== undefined) {
          const outcome = await setSubstitutes(inner, known, row, first.outcome, options.actor);
          record(row, outcome, first.warnings);
        }
        tick();
      }
    },
  };
  return runImport(store, rows, plan, options);
}

async function upsert(store: Store, known: Map<string, Item>, row: ImportRow, columns: readonly string[], actor: string): Promise<RowResult | Failure> {
  const input = itemInput(row, columns);
  const current = known.get(skuOf(row));
  if (!current) {
    if (input['name'] === undefined) return invalid('name', 'is required for a new item');
    const created = await createItem(store, input, actor);
    if (!created.ok) return created;
    known.set(created.value.sku, created.value);
    return { outcome: 'created', warnings: [] };
  }
  const patch = changes(current, input);
  if (Object.keys(patch).length === 0) return { outcome: 'unchanged', warnings: [] };
  // updateItem counts what waits only when the row discontinues the item: other rows cost no query for it.
  const updated = await updateItem(store, current.sku, patch, actor);
  if (!updated.ok) return updated;
  const { warnings, ...item } = updated.value;
  known.set(item.sku, item);
  return { outcome: 'updated', warnings: warnings.map((warning) => ({ line: row.line, sku: item.sku, ...warning })) };
}

async function setSubstitutes(store: Store, known: ReadonlyMap<string, Item>, row: ImportRow, first: RowOutcome, actor: string): Promise<RowOutcome | Failure> {
  const current = known.get(skuOf(row)) as Item;
  const substitutes = substitutesOf(row);
  if (sameList(current.substitutes, substitutes)) return first;
  const updated = await updateItem(store, current.sku, { substitutes }, actor);
  if (!updated.ok) return updated;
  return first === 'created' ? 'created' : 'updated';
}

function skuOf(row: ImportRow): string {
  return row.cells['sku']?.trim() ?? '';
}

function substitutesOf(row: ImportRow): string[] {
  const text = row.cells['substitutes']?.trim() ?? '';
  return text === '' ? [] : text.split('|').map((s) => s.trim());
}

/** The row as use-case input, without substitutes (set in a second pass). */
function itemInput(row: ImportRow, columns: readonly string[]): ItemInput {
  const text = (column: string) => {
    const value = row.cells[column]?.trim();
    return value === '' ? undefined : value;
  };
  const input: ItemInput = { sku: skuOf(row) };
  const set = (key: string, value: ItemInput[string]) => {
    if (value !== undefined) input[key] = value;
  };
  set('name', text('name'));
  set('unitPrice', integerCell(row.cells['unitPrice']));
  set('unitCost', integerCell(row.cells['unitCost']));
  set('backorderPolicy', text('backorderPolicy'));
  if (columns.includes('backorderLimit')) input['backorderLimit'] = integerCell(row.cells['backorderLimit']) ?? null;
  set('lowStockThreshold', integerCell(row.cells['lowStockThreshold']));
  set('leadTimeDays', integerCell(row.cells['leadTimeDays']));
  set('discontinued', booleanCell(row.cells['discontinued']));
  return input;
}

/** The fields of `input` that differ from the stored item (sku aside). */
function changes(item: Item, input: ItemInput): ItemInput {
  const stored = item as unknown as Readonly<Record<string, unknown>>;
  const patch: ItemInput = {};
  for (const [key, value] of Object.entries(input)) {
    if (key !== 'sku' && value !== undefined && stored[key] !== value) patch[key] = value;
  }
  return patch;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
