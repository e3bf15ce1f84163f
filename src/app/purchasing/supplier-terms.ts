import type { UnitOfWork } from '../ports.js';
import type { ItemSupplierLink, PurchaseOrderRecord, ReceiptRecord } from './ports.js';
import { openUnits, purchaseOrderView, type PurchaseOrderView } from './purchase-order-view.js';

/** A line that does not keep to its supplier's terms: the order goes through, the buyer is told. */
export interface TermsWarning {
  readonly lineId: number;
  readonly sku: string;
  readonly message: string;
}

/**
 * The lines of an order still being made or awaited that break the supplier's terms for the item
 * (its item–supplier link): below the minimum order, not whole packs, or no terms at all (then the
 * cost is the item's own and the lead time the supplier's).
 */
export function termsWarnings(order: PurchaseOrderRecord, links: readonly ItemSupplierLink[]): TermsWarning[] {
  if (!heldToTerms(order)) return [];
  return order.lines.filter((line) => order.status === 'draft' || openUnits(line) > 0).flatMap((line) => {
    const link = links.find((l) => l.itemId === line.itemId);
    const warn = (message: string): TermsWarning => ({ lineId: line.id, sku: line.sku, message: `${line.sku}: ${message}` });
    if (!link) return [warn(`${order.supplier} has no terms for this item (no item–supplier link): the cost is the item's own, the lead time the supplier's`)];
    const warnings: TermsWarning[] = [];
    if (line.quantity < link.moq) warnings.push(warn(`${line.quantity} is below ${order.supplier}'s minimum order of ${link.moq}`));
    if (line.quantity % link.packSize !== 0) {
      const fewer = Math.floor(line.quantity / link.packSize) * link.packSize;
      const more = fewer + link.packSize;
      warnings.push(warn(`${line.quantity} is not a whole number of packs of ${link.packSize}${fewer > 0 ? ` (${fewer} or ${more})` : ` (${more})`}`));
    }
    return warnings;
  });
}

/** One order as answered on its own: its view with receipts, and how its lines keep to the supplier's terms. */
export async function purchaseOrderAnswer(tx: UnitOfWork, order: PurchaseOrderRecord, receipts?: readonly ReceiptRecord[]): Promise<PurchaseOrderView> {
  const links = await tx.purchasing.listLinks({ supplierId: order.supplierId });
  return { ...purchaseOrderView(order, receipts), warnings: termsWarnings(order, links) };
}

/**
 * Many orders (a page of the list, an import) with the warnings each would have on its own, from
 * one read of the links between their suppliers and items; a closed order has none.
 */
export async function purchaseOrderAnswers(tx: UnitOfWork, orders: readonly PurchaseOrderRecord[]): Promise<PurchaseOrderView[]> {
  const open = orders.filter(heldToTerms);
  const itemIds = [...new Set(open.flatMap((order) => order.lines.map((line) => line.itemId)))];
  const supplierIds = [...new Set(open.map((order) => order.supplierId))];
  const links = itemIds.length === 0 ? [] : await tx.purchasing.listLinks({ itemIds, supplierIds });
  return orders.map((order) => ({ ...purchaseOrderView(order), warnings: termsWarnings(order, links.filter((link) => link.supplierId === order.supplierId)) }));
}

/** An order still being made or awaited: its lines are held to the supplier's terms. */
function heldToTerms(order: PurchaseOrderRecord): boolean {
  return order.status === 'draft' || order.status === 'ordered' || order.status === 'partially_received';
}
