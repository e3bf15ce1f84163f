import { CsvError, parse } from 'csv-parse/sync';
import { dateOf, isIsoDate } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { fail, ok, Rollback, type Failure, type Result } from '../result.js';
import { SKU_PATTERN, MAX_QUANTITY } from '../validate.js';
import { insertDraft } from './create-purchase-order.js';
import { itemIdsOf } from './lock-purchase-order.js';
import { expectedDateProblem, MAX_MONEY, type RequestedLine } from './new-lines.js';
import type { PurchaseOrderRecord } from './ports.js';
import type { PurchaseOrderView } from './purchase-order-view.js';
import { sendLocked } from './send-purchase-order.js';
import { purchaseOrderAnswers } from './supplier-terms.js';

/** One bad cell or row of an import: `line` is the CSV line number (the header is line 1). */
export interface ImportRowError {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

export interface ImportResult {
  readonly rows: number;
  readonly purchaseOrders: readonly PurchaseOrderView[];
}

interface ImportRow {
  readonly line: number;
  readonly supplier: string;
  readonly reference: string | null;
  readonly request: RequestedLine;
}

const COLUMNS = { supplier: 'supplier', suppliercode: 'supplier', sku: 'sku', quantity: 'quantity', unitcost: 'unitCost', expectedon: 'expectedOn', reference: 'reference' } as const;
type Column = (typeof COLUMNS)[keyof typeof COLUMNS];
const REQUIRED: readonly Column[] = ['supplier', 'sku', 'quantity'];
export const MAX_IMPORT_ROWS = 10_000;

/**
 * Imports purchase orders from CSV (`supplier, sku, quantity[, unitCost, expectedOn, reference]`):
 * rows of one supplier and reference become one order, as drafts or, with `send`, sent at once.
 * All or nothing: when any row is bad, every bad row is reported by line number and no order is
 * written.
 */
export async function importPurchaseOrders(store: Store, csv: string, actor: string, options: { readonly send?: boolean } = {}): Promise<Result<ImportResult>> {
  const parsed = parseRows(csv);
  if (!parsed.ok) return parsed;
  const { rows, errors: rowErrors } = parsed.value;
  return store.transaction(async (tx) => {
    // The file's suppliers are locked, exclusively and before any item, ahead of the reference
    // check: a second import of the same file waits here and then finds this one's orders.
    const suppliers = await tx.purchasing.lockSuppliers([...new Set(rows.map((r) => r.supplier))], 'exclusive');
    const items = await tx.findItems([...new Set(rows.map((r) => r.request.sku))]);
    const today = dateOf(new Date(tx.now));
    // Rows that could not be read are reported with what the well-formed ones are checked for, in
    // one answer: fixing a file should not take a round per kind of mistake.
    const errors: ImportRowError[] = [...rowErrors];
    const existing = new Map<string, number | null>();
    for (const row of rows) {
      const supplier = suppliers.find((s) => s.code === row.supplier);
      if (!supplier) errors.push({ line: row.line, field: 'supplier', message: `no supplier with code ${row.supplier}` });
      if (!items.some((i) => i.sku === row.request.sku)) errors.push({ line: row.line, field: 'sku', message: `no item with sku ${row.request.sku}` });
      const badDate = row.request.expectedOn !== undefined ? expectedDateProblem(row.request.expectedOn, today) : null;
      if (badDate) errors.push({ line: row.line, field: 'expectedOn', message: badDate });
      if (supplier && row.reference !== null) {
        // A reference names one order of a supplier: importing the same file twice must not order twice.
        const key = JSON.stringify([supplier.id, row.reference]);
        if (!existing.has(key)) existing.set(key, await tx.purchasing.findOrderWithReference(supplier.id, row.reference));
        const id = existing.get(key);
        if (id != null) errors.push({ line: row.line, field: 'reference', message: `${row.supplier} already has purchase order ${id} with reference ${row.reference}` });
      }
    }
    if (errors.length > 0) return rejected([...errors].sort((a, b) => a.line - b.line));
    // Sending locks the items; it must do so before the new lines reference them (on PostgreSQL a
    // reference takes a key-share lock on the item, and taking the row lock after it deadlocks with
    // a second import or an order doing the same).
    const locked = options.send ? await tx.lockItems([...new Set(items.map((i) => i.id))].sort((a, b) => a - b)) : [];
    const groups = new Map<string, ImportRow[]>();
    for (const row of rows) {
      const key = JSON.stringify([row.supplier, row.reference]);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const ids: number[] = [];
    for (const group of groups.values()) {
      const first = group[0] as ImportRow;
      const supplier = suppliers.find((s) => s.code === first.supplier);
      if (!supplier) throw new Error(`importPurchaseOrders: supplier ${first.supplier} vanished`);
      const poId = await insertDraft(tx, supplier, { supplier: supplier.code, reference: first.reference, lines: group.map((r) => r.request) }, actor);
      if (!poId.ok) throw new Rollback(poId);
      ids.push(poId.value);
    }
    const orders = await Promise.all(ids.map(async (id) => (await tx.purchasing.findPurchaseOrder(id)) as PurchaseOrderRecord));
    if (options.send) {
      for (const order of orders) {
        const sent = await sendLocked(tx, order, locked.filter((i) => itemIdsOf(order).includes(i.id)), actor);
        if (!sent.ok) throw new Rollback(sent);
      }
    }
    const imported: PurchaseOrderRecord[] = [];
    for (const id of ids) imported.push((await tx.purchasing.findPurchaseOrder(id)) as PurchaseOrderRecord);
    return ok({ rows: rows.length, purchaseOrders: await purchaseOrderAnswers(tx, imported) });
  });
}

/** The rows of the file that are well-formed, and what is wrong with the others (a bad header or file refuses it whole). */
function parseRows(csv: string): Result<{ rows: ImportRow[]; errors: ImportRowError[] }> {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    // With `info`, csv-parse yields `{record, info}` pairs; its typings do not follow that option.
    records = parse(csv, { info: true, bom: true, trim: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    if (error instanceof CsvError) return rejected([{ line: (error as CsvError & { lines?: number }).lines ?? 1, field: 'csv', message: error.message }]);
    throw error;
  }
  const [header, ...body] = records;
  if (!header) return rejected([{ line: 1, field: 'csv', message: 'is empty; expected a header row' }]);
  const columns: Column[] = [];
  const errors: ImportRowError[] = [];
  for (const name of header.record) {
    const column = COLUMNS[name.toLowerCase().replace(/[^a-z]/g, '') as keyof typeof COLUMNS];
    if (!column) errors.push({ line: header.info.lines, field: name, message: `is not a known column (${Object.values(COLUMNS).filter((c, i, all) => all.indexOf(c) === i).join(', ')})` });
    else if (columns.includes(column)) errors.push({ line: header.info.lines, field: name, message: 'is repeated' });
    if (column) columns.push(column);
  }
  for (const column of REQUIRED) if (!columns.includes(column)) errors.push({ line: header.info.lines, field: column, message: 'column is missing' });
  if (errors.length > 0) return rejected(errors);
  if (body.length === 0) return rejected([{ line: header.info.lines, field: 'csv', message: 'has no rows after the header' }]);
  if (body.length > MAX_IMPORT_ROWS) return rejected([{ line: header.info.lines, field: 'csv', message: `has more than ${MAX_IMPORT_ROWS} rows` }]);
  const rows: ImportRow[] = [];
  for (const { record, info } of body) {
    const cell = (column: Column) => record[columns.indexOf(column)] ?? '';
    const line = info.lines;
    const rowErrors: ImportRowError[] = [];
    const bad = (field: string, message: string) => rowErrors.push({ line, field, message });
    if (record.length !== columns.length) bad('csv', `has ${record.length} cells; the header has ${columns.length}`);
    if (!SKU_PATTERN.test(cell('supplier'))) bad('supplier', 'must be a supplier code');
    if (!SKU_PATTERN.test(cell('sku'))) bad('sku', 'must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"');
    const quantity = wholeNumber(cell('quantity'));
    if (quantity === null || quantity < 1 || quantity > MAX_QUANTITY) bad('quantity', `must be a whole number from 1 to ${MAX_QUANTITY}`);
    const unitCost = cell('unitCost') === '' ? undefined : wholeNumber(cell('unitCost'));
    if (unitCost === null || (unitCost !== undefined && unitCost > MAX_MONEY)) bad('unitCost', 'must be a whole number of minor currency units, or empty');
    const expectedOn = cell('expectedOn') === '' ? undefined : cell('expectedOn');
    if (expectedOn !== undefined && !isIsoDate(expectedOn)) bad('expectedOn', 'must be a date written YYYY-MM-DD, or empty');
    if (cell('reference').length > 100) bad('reference', 'must be at most 100 characters');
    if (cell('reference').includes('\u0000')) bad('reference', 'must not contain NUL characters');
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({
      line,
      supplier: cell('supplier'),
      reference: cell('reference') === '' ? null : cell('reference'),
      request: {
        sku: cell('sku'),
        quantity: quantity as number,
        ...(unitCost !== undefined && unitCost !== null ? { unitCost } : {}),
        ...(expectedOn !== undefined ? { expectedOn } : {}),
      },
    });
  }
  return ok({ rows, errors });
}

function wholeNumber(text: string): number | null {
  return /^\d{1,10}$/.test(text) ? Number(text) : null;
}

function rejected(errors: readonly ImportRowError[]): Failure {
  const [first] = errors;
  const more = errors.length > 1 ? ` (and ${errors.length - 1} more)` : '';
  return fail('VALIDATION_FAILED', `line ${first?.line}, ${first?.field}: ${first?.message}${more}; nothing was imported`, {
    field: first?.field, problems: errors,
  });
}
