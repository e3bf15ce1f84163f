import type { Store } from '../ports.js';
import { fail, invalid, ok, type Result } from '../result.js';
import { checkKnownFields, isRecord } from '../validate.js';
import { lockPurchaseOrder, wrongStatus } from './lock-purchase-order.js';
import { parseRequestedLines, resolveLines } from './new-lines.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import type { PurchaseOrderView } from './purchase-order-view.js';
import { resolveSupplier } from './resolve-supplier.js';
import { purchaseOrderAnswer } from './supplier-terms.js';

/** Adds lines to a draft (`{lines: [{sku, quantity, unitCost?, expectedOn?}]}`); a sent order's lines are fixed. */
export async function addPurchaseOrderLines(store: Store, poId: number, input: unknown, actor: string): Promise<Result<PurchaseOrderView>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const unknownField = checkKnownFields('', input, ['lines']);
  if (unknownField) return unknownField;
  const lines = parseRequestedLines('lines', input['lines']);
  if (!lines.ok) return lines;
  return store.transaction(async (tx) => {
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const { order } = locked.value;
    const failure = wrongStatus(order, 'adding lines', ['draft']);
    if (failure) return failure;
    const supplier = await resolveSupplier(tx, order.supplier);
    if (!supplier.ok) return supplier;
    const rows = await resolveLines(tx, supplier.value, lines.value);
    if (!rows.ok) return rows;
    await tx.purchasing.insertPurchaseOrderLines(poId, rows.value);
    await tx.purchasing.setPurchaseOrder(poId, {});
    return ok(await purchaseOrderAnswer(tx, await recordPurchaseOrderChange(tx, actor, 'lines_added', poId, order)));
  });
}

/** Removes a line from a draft; a sent order keeps its lines (cancel the order instead). */
export async function removePurchaseOrderLine(store: Store, poId: number, lineId: number, actor: string): Promise<Result<PurchaseOrderView>> {
  return store.transaction(async (tx) => {
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const { order } = locked.value;
    const failure = wrongStatus(order, 'removing lines', ['draft']);
    if (failure) return failure;
    if (!order.lines.some((l) => l.id === lineId)) return fail('NOT_FOUND', `lineId: purchase order ${poId} has no line ${lineId}`, { field: 'lineId' });
    await tx.purchasing.deletePurchaseOrderLine(lineId);
    await tx.purchasing.setPurchaseOrder(poId, {});
    return ok(await purchaseOrderAnswer(tx, await recordPurchaseOrderChange(tx, actor, 'line_removed', poId, order)));
  });
}
