import type { Item } from '../../domain/types.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import { snapshotStatuses } from '../item-status.js';
import type { Store, UnitOfWork } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import { settleItems } from '../settle-items.js';
import { lockPurchaseOrder, wrongStatus } from './lock-purchase-order.js';
import type { PurchaseOrderRecord } from './ports.js';
import { purchaseOrderView, type PurchaseOrderView } from './purchase-order-view.js';

/**
 * Sends a draft to its supplier (`draft → ordered`): its lines become incoming supply, their
 * expected dates become the promised dates the scorecard judges by, and the promise dates of
 * waiting backorders are recomputed in the same transaction.
 */
export async function sendPurchaseOrder(store: Store, poId: number, actor: string): Promise<Result<PurchaseOrderView>> {
  return store.transaction(async (tx) => {
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const sent = await sendLocked(tx, locked.value.order, locked.value.items, actor);
    if (!sent.ok) return sent;
    return ok(purchaseOrderView((await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord));
  });
}

/** Sends an order whose items the caller has locked. */
export async function sendLocked(tx: UnitOfWork, order: PurchaseOrderRecord, items: readonly Item[], actor: string): Promise<Result<null>> {
  const failure = wrongStatus(order, 'sending', ['draft']);
  if (failure) return failure;
  if (order.lines.length === 0) return fail('CONFLICT', `purchase order ${order.id} has no lines to send`, { field: 'lines' });
  const before = await snapshotStatuses(tx, items);
  await tx.purchasing.setPurchaseOrder(order.id, { status: 'ordered', orderedAt: tx.now });
  await tx.purchasing.promiseLines(order.id);
  await tx.insertEvents([{
    type: 'po.sent',
    subjectType: 'po',
    subjectId: String(order.id),
    payload: {
      poId: order.id,
      supplier: order.supplier,
      reference: order.reference,
      lines: order.lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity, expectedOn: l.expectedOn })),
    },
  }]);
  await settleItems(tx, items.map((i) => i.id), before, actor);
  await recordPurchaseOrderChange(tx, actor, 'sent', order.id, order);
  return ok(null);
}
