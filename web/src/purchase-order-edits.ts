import type { PurchaseOrder, PurchaseOrderLine } from './api/types';
import type { Refusal } from './components/use-form-check';
import { CODE_PATTERN, parseMoney, parseWholeNumber } from './parse-input';

/** The most units a purchase-order line takes (the API's MAX_QUANTITY). */
const MAX_UNITS = 1_000_000_000;

/** The text typed for one line of a purchase order, as its edit form holds it. */
export interface LineDraft {
  readonly quantity: string;
  readonly unitCost: string;
  readonly expectedOn: string;
}

/** A line to add to a draft, as typed: cost and date may be left empty for the supplier's defaults. */
export interface NewLineDraft extends LineDraft {
  readonly sku: string;
}

export const EMPTY_NEW_LINE: NewLineDraft = { sku: '', quantity: '', unitCost: '', expectedOn: '' };

/** A line for POST /purchase-orders/{id}/lines: cost and date left out take the supplier's. */
export interface NewLine {
  readonly sku: string;
  readonly quantity: number;
  readonly unitCost?: number;
  readonly expectedOn?: string;
}

/** One line's change for PATCH /purchase-orders/{id}: only the fields that differ from the saved line. */
export interface LineChange {
  readonly lineId: number;
  readonly quantity?: number;
  readonly unitCost?: number;
  readonly expectedOn?: string;
}

/** A saved line as its form shows it (money as 12.50). */
export function draftOfLine(line: PurchaseOrderLine): LineDraft {
  return { quantity: String(line.quantity), unitCost: (line.unitCost / 100).toFixed(2), expectedOn: line.expectedOn };
}

/** Whether a line's units, cost or date may still change: the order is not closed and units of it are still open. */
export function isEditable(order: PurchaseOrder, line: PurchaseOrderLine): boolean {
  return ['draft', 'ordered', 'partially_received'].includes(order.status) && line.open > 0;
}

/**
 * The changes typed into an order's lines (`drafts[k]` belongs to `order.lines[k]`), each naming
 * its form line by `index`, or the first refusal naming the field (`lines[k].quantity`): units a
 * whole number no lower than what was received, a cost an amount, a date given and, when changed,
 * not already past. A line left as it was is not sent; an untouched date that has passed (an
 * overdue order) does not stop a change of its units.
 */
export function lineChangesOf(order: PurchaseOrder, drafts: readonly LineDraft[], today: string): { readonly changes: readonly (LineChange & { readonly index: number })[] } | { readonly refusal: Refusal } {
  const changes: (LineChange & { index: number })[] = [];
  for (const [index, line] of order.lines.entries()) {
    const draft = drafts[index];
    if (!draft || !isEditable(order, line)) continue;
    const field = `lines[${index}]`;
    const name = `Line ${line.lineNo} (${line.sku})`;
    const least = Math.max(1, line.received);
    const quantity = parseWholeNumber(draft.quantity, MAX_UNITS);
    if (quantity === null || quantity < least) {
      const why = line.received > 0 ? `at least the ${line.received} already received` : 'at least 1';
      return { refusal: { field: `${field}.quantity`, message: `${name}: units must be a whole number, ${why}.` } };
    }
    const unitCost = parseMoney(draft.unitCost);
    if (unitCost === null) return { refusal: { field: `${field}.unitCost`, message: `${name}: unit cost must be an amount such as 7.25 (at most 20,000,000.00).` } };
    if (draft.expectedOn === '') return { refusal: { field: `${field}.expectedOn`, message: `${name}: give the date the goods are expected.` } };
    if (draft.expectedOn !== line.expectedOn && draft.expectedOn < today) {
      return { refusal: { field: `${field}.expectedOn`, message: `${name}: the expected date ${draft.expectedOn} has passed; goods can be expected today (${today}) or later.` } };
    }
    const change = {
      ...(quantity !== line.quantity ? { quantity } : {}),
      ...(unitCost !== line.unitCost ? { unitCost } : {}),
      ...(draft.expectedOn !== line.expectedOn ? { expectedOn: draft.expectedOn } : {}),
    };
    if (Object.keys(change).length > 0) changes.push({ index, lineId: line.id, ...change });
  }
  return { changes };
}

/**
 * A line to add to a draft (`{sku, quantity, unitCost?, expectedOn?}`), or the first refusal
 * naming its field as the API would (`lines[0].sku`): the API's own refusals land on the same field.
 */
export function newLineOf(draft: NewLineDraft, today: string): { readonly line: NewLine } | { readonly refusal: Refusal } {
  const refuse = (field: string, message: string) => ({ refusal: { field: `lines[0].${field}`, message } });
  const sku = draft.sku.trim();
  if (!CODE_PATTERN.test(sku)) return refuse('sku', 'Give the sku of the item to order (letters, digits, dots, underscores or hyphens).');
  const quantity = parseWholeNumber(draft.quantity, MAX_UNITS);
  if (quantity === null || quantity < 1) return refuse('quantity', 'Units must be a whole number of at least 1.');
  const unitCost = draft.unitCost.trim() === '' ? undefined : parseMoney(draft.unitCost);
  if (unitCost === null) return refuse('unitCost', 'Unit cost must be an amount such as 7.25, or empty for the supplier’s cost.');
  if (draft.expectedOn !== '' && draft.expectedOn < today) {
    return refuse('expectedOn', `The expected date ${draft.expectedOn} has passed; leave it empty to use the supplier's lead time.`);
  }
  return { line: { sku, quantity, ...(unitCost !== undefined ? { unitCost } : {}), ...(draft.expectedOn !== '' ? { expectedOn: draft.expectedOn } : {}) } };
}

/** Whether an order is closed (received or cancelled): it leaves the open orders, and its card's forms go. */
export function isClosed(order: PurchaseOrder): boolean {
  return order.status === 'received' || order.status === 'cancelled';
}
