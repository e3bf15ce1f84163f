import type { Item } from '../../domain/types.js';
import { recordPurchaseOrderChange } from './purchase-order-audit.js';
import { addDays, dateOf } from '../../domain/dates.js';
import { snapshotStatuses } from '../item-status.js';
import type { Store, UnitOfWork } from '../ports.js';
import { fail, ok, type Result } from '../result.js';
import { settleItems } from '../settle-items.js';
import { lockPurchaseOrder, wrongStatus } from './lock-purchase-order.js';
import { leadTimeDays } from './new-lines.js';
import type { PurchaseOrderLineRecord, PurchaseOrderRecord } from './ports.js';
import type { PurchaseOrderView } from './purchase-order-view.js';
import { purchaseOrderAnswer } from './supplier-terms.js';

/**
 * Sends a draft to its supplier (`draft → ordered`): its lines become incoming supply, their
 * expected dates become the promised dates the scorecard judges by, and the promise dates of
 * waiting backorders are recomputed in the same transaction. A date left to the lead time counts
 * it from today, the day the supplier gets the order; a date given that has passed since is
 * refused, naming the line.
 */
export async function sendPurchaseOrder(store: Store, poId: number, actor: string): Promise<Result<PurchaseOrderView>> {
  return store.transaction(async (tx) => {
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const sent = await sendLocked(tx, locked.value.order, locked.value.items, actor);
    if (!sent.ok) return sent;
    return ok(await purchaseOrderAnswer(tx, (await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord));
  });
}

/** Sends an order whose items the caller has locked. */
export async function sendLocked(tx: UnitOfWork, order: PurchaseOrderRecord, items: readonly Item[], actor: string): Promise<Result<null>> {
  const failure = wrongStatus(order, 'sending', ['draft']);
  if (failure) return failure;
  if (order.lines.length === 0) return fail('CONFLICT', `purchase order ${order.id} has no lines to send`, { field: 'lines' });
  const today = dateOf(new Date(tx.now));
  const passed = order.lines.findIndex((l) => !l.expectedByLeadTime && l.expectedOn < today);
  if (passed >= 0) {
    const line = order.lines[passed] as PurchaseOrderLineRecord;
    const field = `lines[${passed}].expectedOn`;
    return fail('CONFLICT', `${field}: lineId ${line.id} (${line.sku}) is expected on ${line.expectedOn}, which has passed; give it a date from today before sending`, { field, lineId: line.id });
  }
  const before = await snapshotStatuses(tx, items);
  const dated = await datesFromToday(tx, order, today);
  for (const line of dated) await tx.purchasing.updatePurchaseOrderLine(line.id, { expectedOn: line.expectedOn });
  await tx.purchasing.setPurchaseOrder(order.id, { status: 'ordered', orderedAt: tx.now });
  await tx.purchasing.promiseLines(order.id);
  const [supplier] = await tx.purchasing.findSuppliers([order.supplier]);
  await tx.insertEvents([{
    type: 'po.sent',
    subjectType: 'po',
    subjectId: String(order.id),
    payload: {
      poId: order.id,
      supplier: order.supplier,
      // Where the worker mails the order (RESTOCK_MAIL_SUPPLIERS), as the supplier's record had it when sent.
      supplierEmail: supplier?.email ?? null,
      reference: order.reference,
      lines: order.lines.map((l) => ({ lineId: l.id, sku: l.sku, quantity: l.quantity, expectedOn: dated.find((d) => d.id === l.id)?.expectedOn ?? l.expectedOn })),
    },
  }]);
  await settleItems(tx, items.map((i) => i.id), before, actor);
  await recordPurchaseOrderChange(tx, actor, 'sent', order.id, order);
  return ok(null);
}

/** The lines whose date was left to the lead time, dated from `today` by today's lead time. */
async function datesFromToday(tx: UnitOfWork, order: PurchaseOrderRecord, today: string): Promise<{ id: number; expectedOn: string }[]> {
  const byLeadTime = order.lines.filter((l) => l.expectedByLeadTime);
  if (byLeadTime.length === 0) return [];
  const [supplier] = await tx.purchasing.findSuppliers([order.supplier]);
  if (!supplier) throw new Error(`sendLocked: supplier ${order.supplier} vanished`);
  const links = await tx.purchasing.listLinks({ supplierId: order.supplierId });
  return byLeadTime.map((line) => ({ id: line.id, expectedOn: addDays(today, leadTimeDays(supplier, links.find((l) => l.itemId === line.itemId))) }));
}
