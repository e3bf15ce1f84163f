import { orderView, type OrderView } from './order-view.js';
import type { Store } from './ports.js';
import { fail, ok, type Result } from './result.js';

/** One order with its lines, allocations and ETAs, or NOT_FOUND. */
export async function getOrder(store: Store, id: number): Promise<Result<OrderView>> {
  const order = await store.read((tx) => tx.findOrder(id));
  return order ? ok(orderView(order)) : fail('NOT_FOUND', `no order with id ${id}`, { field: 'id' });
}
