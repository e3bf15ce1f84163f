import { orderStatus } from '../domain/order-status.js';
import type { OrderStatus } from '../domain/types.js';
import type { UnitOfWork } from './ports.js';

/** Re-derives the stored status of accepted orders after their lines changed (one read for all of them). */
export async function refreshOrderStatuses(tx: UnitOfWork, orderIds: readonly number[]): Promise<void> {
  if (orderIds.length === 0) return;
  const changed = new Map<OrderStatus, number[]>();
  for (const totals of await tx.orderUnitTotals(orderIds)) {
    if (totals.status === 'rejected') continue;
    const status = orderStatus([totals]);
    if (status === totals.status) continue;
    const ids = changed.get(status) ?? [];
    ids.push(totals.orderId);
    changed.set(status, ids);
  }
  for (const [status, ids] of changed) await tx.setOrdersStatus(ids, status);
}
