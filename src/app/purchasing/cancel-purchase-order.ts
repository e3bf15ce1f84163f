import { snapshotStatuses } from '../item-status.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import type { Store } from '../ports.js';
import { invalid, ok, type Result } from '../result.js';
import { settleItems } from '../settle-items.js';
import { checkKnownFields, checkText, firstFailure, isRecord } from '../validate.js';
import { isOpenSupply, lockPurchaseOrder, statusFromLines, wrongStatus } from './lock-purchase-order.js';
import type { PurchaseOrderRecord } from './ports.js';
import { openUnits, purchaseOrderView, type PurchaseOrderView } from './purchase-order-view.js';

/**
 * Cancels what is left of an order that is not closed: the units of its lines not yet received are
 * recorded as cancelled and stop counting as incoming; units already received stay. The order then
 * closes as its lines say (statusFromLines), as when each line's rest is cancelled by an edit:
 * `cancelled` if nothing came, `received` if goods did, so lists of received orders show every
 * order that delivered. Promise dates of waiting backorders that counted on the cancelled units
 * are recomputed in the same transaction.
 */
export async function cancelPurchaseOrder(store: Store, poId: number, input: unknown, actor: string): Promise<Result<PurchaseOrderView>> {
  const body = input ?? {};
  if (!isRecord(body)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', body, ['reason']),
    body['reason'] !== undefined ? checkText('reason', body['reason'], { max: 500, multiline: true }) : null,
  );
  if (failure) return failure;
  const reason = (body['reason'] as string | undefined) ?? 'cancelled';
  return store.transaction(async (tx) => {
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    const refused = wrongStatus(order, 'cancelling', ['draft', 'ordered', 'partially_received']);
    if (refused) return refused;
    const before = await snapshotStatuses(tx, items);
    await tx.purchasing.cancelOpenLines(poId);
    const status = statusFromLines(((await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord).lines);
    await tx.purchasing.setPurchaseOrder(poId, { status, closedAt: tx.now });
    await tx.insertEvents([{
      type: 'po.cancelled',
      subjectType: 'po',
      subjectId: String(poId),
      payload: {
        poId,
        supplier: order.supplier,
        reference: order.reference,
        status,
        reason,
        lines: order.lines.filter((l) => openUnits(l) > 0).map((l) => ({ lineId: l.id, sku: l.sku, cancelled: openUnits(l) })),
      },
    }]);
    if (isOpenSupply(order.status)) await settleItems(tx, items.map((i) => i.id), before, actor);
    return ok(purchaseOrderView(await recordPurchaseOrderChange(tx, actor, 'cancelled', poId, order)));
  });
}
