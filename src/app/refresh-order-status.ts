import { orderStatus } from '../domain/order-status.js';
import type { UnitOfWork } from './ports.js';

/** Re-derives the stored status of accepted orders after their lines changed. */
export async function refreshOrderStatuses(tx: UnitOfWork, orderIds: readonly number[]): Promise<void> {
  for (const id of orderIds) {
    const order = await tx.findOrder(id);
    if (!order || order.status === 'rejected') continue;
    const status = orderStatus(order.lines);
    if (status !== order.status) await tx.setOrderStatus(id, status);
  }
}
