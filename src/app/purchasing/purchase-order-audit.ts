import { recordSettingChange } from '../audit-trail.js';
import type { UnitOfWork } from '../ports.js';
import type { PurchaseOrderRecord } from './ports.js';

/** What a buyer sets on a purchase order, as the audit trail compares it (not receipts' progress). */
function purchaseOrderTerms(order: PurchaseOrderRecord): object {
  return {
    supplier: order.supplier,
    reference: order.reference,
    status: order.status,
    lines: order.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitCost: l.unitCost, expectedOn: l.expectedOn, cancelled: l.cancelled })),
  };
}

/**
 * Records who did `action` to purchase order `poId` (created, lines_added, line_removed, updated,
 * sent, cancelled) and what it changed, in the caller's transaction; returns the order as it is now.
 */
export async function recordPurchaseOrderChange(
  tx: UnitOfWork, actor: string, action: string, poId: number, before: PurchaseOrderRecord | null,
): Promise<PurchaseOrderRecord> {
  const after = (await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord;
  await recordSettingChange(tx, actor, {
    subjectType: 'purchase_order', subjectKey: String(poId), action,
    before: before ? purchaseOrderTerms(before) : null, after: purchaseOrderTerms(after),
  });
  return after;
}
