import { orderView, type OrderView } from './order-view.js';
import type { Store } from './ports.js';
import { fail, ok, type Result } from './result.js';

/**
 * One order with its lines, allocations and ETAs, or NOT_FOUND. Each waiting line says where it
 * stands in its item's queue (SPEC §3), so a storefront can tell its customer without reading
 * the queue itself, which names other customers.
 */
export async function getOrder(store: Store, id: number): Promise<Result<OrderView>> {
  return store.snapshot(async (tx) => {
    const order = await tx.findOrder(id);
    if (!order) return fail('NOT_FOUND', `no order with id ${id}`, { field: 'id' });
    const places = await tx.queuePlacesOf(order.lines.filter((l) => l.backordered > 0).map((l) => l.id));
    const view = orderView(order);
    return ok({ ...view, lines: view.lines.map((line) => ({ ...line, queue: places.get(line.id) ?? null })) });
  });
}
