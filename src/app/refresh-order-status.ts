import { orderStatus } from '../domain/order-status.js';
import type { OrderStatus } from '../domain/types.js';
import type { UnitOfWork } from './ports.js';

/**
 * Records that the lines of accepted orders changed: re-derives their stored status and marks
 * every one of them updated now, so a caller polling orders by updatedAt sees a fill, a shipment,
 * a cancellation or a return to the queue even when the status stays the same; `alsoMarked` are
 * marked updated with them (their lines changed, not their units: a moved promise date), in the
 * same ordered statements. One read for all of them, and one write per chunk, never one per line.
 */
export async function refreshOrderStatuses(tx: UnitOfWork, orderIds: readonly number[], alsoMarked: readonly number[] = []): Promise<void> {
  if (orderIds.length === 0) {
    await tx.markOrdersUpdated(alsoMarked);
    return;
  }
  // Locked before their lines are summed: another transaction holding other items' locks may be
  // changing other lines of the same orders (a receipt of one item and one of another, both filling
  // an order waiting for each). Summed first, each would count the other's line as it was and store
  // a status neither order of events gives; the second to lock now reads the first's lines.
  await tx.lockOrderRows([...orderIds, ...alsoMarked]);
  const refreshed: number[] = [];
  const changed = new Map<number, OrderStatus>();
  for (const totals of await tx.orderUnitTotals(orderIds)) {
    if (totals.status === 'rejected') continue;
    refreshed.push(totals.orderId);
    const status = orderStatus([totals]);
    if (status !== totals.status) changed.set(totals.orderId, status);
  }
  // One write for all of them, each row's status chosen in it, taking the rows' locks in ascending
  // id order. Transactions that refresh the same orders often hold different item locks (a fill of
  // one item, a shipment of another, both on orders with lines of each), so they run side by side;
  // had each written per status, then the rest, the two could each hold an order the other waits
  // for, a deadlock PostgreSQL breaks by failing one (40P01) after deadlock_timeout, to be retried whole.
  // In one order, whoever locks the lowest order they share goes first and the other waits.
  await tx.markOrdersUpdated([...refreshed, ...alsoMarked], changed);
}
