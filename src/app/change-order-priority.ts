import { isClosed } from '../domain/order-status.js';
import { lockOrder } from './lock-order.js';
import { orderView, type OrderView } from './order-view.js';
import type { OrderRecord, Store } from './ports.js';
import { fail, invalid, ok, type Result } from './result.js';
import { snapshotStatuses } from './item-status.js';
import { settleItems } from './settle-items.js';
import { checkInteger, checkKnownFields, firstFailure, isRecord } from './validate.js';

/**
 * Changes an order's priority, which moves its backorders in their queues and re-derives ETAs.
 * A closed order (shipped, cancelled or rejected) keeps its priority: a 409 names its status.
 */
export async function changeOrderPriority(store: Store, orderId: number, input: unknown, actor: string): Promise<Result<OrderView>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(checkKnownFields('', input, ['priority']), checkInteger('priority', input['priority'], -1_000_000, 1_000_000));
  if (failure) return failure;
  const priority = input['priority'] as number;
  return store.transaction(async (tx) => {
    const locked = await lockOrder(tx, orderId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    if (isClosed(order.status)) {
      return fail('CONFLICT', `order ${orderId} is ${order.status}; priority can change only while some of its units wait or are still to ship`, { status: order.status });
    }
    if (order.priority === priority) return ok(orderView(order));
    const before = await snapshotStatuses(tx, items);
    await tx.setOrderPriority(orderId, priority);
    await tx.insertEvents([{ type: 'order.priority_changed', subjectType: 'order', subjectId: String(orderId), payload: { orderId, previousPriority: order.priority, priority, actor } }]);
    await settleItems(tx, items.map((i) => i.id), before, actor);
    return ok(orderView((await tx.findOrder(orderId)) as OrderRecord));
  });
}
