import { orderStatus } from '../domain/order-status.js';
import type { OrderStatus } from '../domain/types.js';
import type { UnitOfWork } from './ports.js';

/**
 * Records that the lines of accepted orders changed: re-derives their stored status and marks
 * every one of them updated now, so a caller polling orders by updatedAt sees a fill, a shipment,
 * a cancellation or a return to the queue even when the status stays the same. One read for all
 * of them, and one write per status and per chunk of orders, never one per line.
 */
export async function refreshOrderStatuses(tx: UnitOfWork, orderIds: readonly number[]): Promise<void> {
  if (orderIds.length === 0) return;
  const changed = new Map<OrderStatus, number[]>();
  const unchanged: number[] = [];
  for (const totals of await tx.orderUnitTotals(orderIds)) {
    if (totals.status === 'rejected') continue;
    const status = orderStatus([totals]);
    if (status === totals.status) {
      unchanged.push(totals.orderId);
      continue;
    }
    const ids = changed.get(status) ?? [];
    ids.push(totals.orderId);
    changed.set(status, ids);
  }
  for (const [status, ids] of changed) await tx.setOrdersStatus(ids, status);
  await tx.markOrdersUpdated(unchanged);
}
