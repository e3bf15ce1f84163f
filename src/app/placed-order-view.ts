import type { PromiseDate } from '../domain/eta.js';
import type { PlannedLine } from '../domain/placement.js';
import type { LocatedStock, OrderStatus } from '../domain/types.js';
import type { OrderView } from './order-view.js';
import type { NewOrder } from './ports.js';

/** What accepting an order wrote that its plan does not say: the ids and the order's status. */
export interface PlacedOrder {
  readonly id: number;
  readonly lineIds: readonly number[];
  readonly status: OrderStatus;
}

/**
 * The view of an order just accepted, built from what placement wrote instead of read back: its
 * lines are exactly the plan (settling never changes a new order's lines: a line that waits took
 * every free unit of its item, so nothing is left to fill it), and each waiting line's promise
 * date is the one settling stored. The same as `orderView(findOrder(id))` in the transaction;
 * test/storage/properties.test.ts compares the two after every placement.
 */
export function placedOrderView(
  placed: PlacedOrder,
  order: NewOrder,
  lines: readonly PlannedLine[],
  stocks: readonly LocatedStock[],
  promises: ReadonlyMap<number, PromiseDate>,
  now: string,
): OrderView {
  const levels = new Map(stocks.map((s) => [`${s.itemId}|${s.locationId}`, s]));
  const levelOf = (itemId: number, locationId: number) => levels.get(`${itemId}|${locationId}`) as LocatedStock;
  return {
    id: placed.id,
    externalId: order.externalId,
    customer: order.customer,
    priority: order.priority,
    shortage: order.shortage,
    status: placed.status,
    // Nothing supersedes an order that stands: its externalId is taken.
    supersededBy: null,
    placedAt: order.placedAt,
    updatedAt: now,
    lines: lines.map((line, index) => {
      const id = placed.lineIds[index] as number;
      const promise = promises.get(id);
      const takes = [...line.takes].sort((a, b) => {
        const [x, y] = [levelOf(line.itemId, a.locationId), levelOf(line.itemId, b.locationId)];
        return x.locationPriority - y.locationPriority || x.locationId - y.locationId;
      });
      return {
        id,
        sku: line.sku,
        quantity: line.quantity,
        allocated: line.quantity - line.backordered - line.cancelled,
        allocations: takes.map((take) => ({ location: levelOf(line.itemId, take.locationId).locationCode, quantity: take.quantity })),
        backordered: line.backordered,
        shipped: 0,
        cancelled: line.cancelled,
        eta: promise?.eta ?? null,
        etaEstimated: promise?.estimated ?? false,
      };
    }),
  };
}
