import { planQueueFill } from '../domain/queue.js';
import { networkAvailable } from '../domain/allocation.js';
import { FILLED_FROM_QUEUE } from '../domain/queue-reasons.js';
import type { Item } from '../domain/types.js';
import type { NewEvent, NewMovement, UnitOfWork } from './ports.js';

/**
 * Hands an item's free units to the head of its backorder queue (SPEC §3), in the caller's
 * transaction, with the item locked. Afterwards either the queue is empty or nothing is
 * available: invariant 5 holds. Writes are set-based, so one receipt can fill thousands of
 * backorders in a handful of statements. Returns the units allocated and the orders whose lines
 * it filled, whose statuses the caller refreshes (settleItems, once for every item it settles).
 */
export async function fillBackorders(tx: UnitOfWork, item: Item, actor: string): Promise<{ readonly units: number; readonly orderIds: readonly number[] }> {
  const none = { units: 0, orderIds: [] };
  if (item.backordered === 0) return none;
  const stocks = await tx.stocksOf([item.id]);
  if (networkAvailable(stocks) === 0) return none;
  const queue = await tx.queueOf(item.id);
  const fills = planQueueFill(queue, stocks);
  if (fills.length === 0) return none;
  const byLine = new Map(queue.map((entry) => [entry.lineId, entry]));
  const codes = new Map(stocks.map((s) => [s.locationId, s.locationCode]));
  const allocations: { lineId: number; itemId: number; locationId: number; quantity: number }[] = [];
  const movements: NewMovement[] = [];
  const events: NewEvent[] = [];
  let total = 0;
  for (const fill of fills) {
    for (const take of fill.takes) {
      allocations.push({ lineId: fill.lineId, itemId: item.id, locationId: take.locationId, quantity: take.quantity });
      movements.push({
        itemId: item.id, locationId: take.locationId, kind: 'allocation', onHandDelta: 0, allocatedDelta: take.quantity,
        reason: FILLED_FROM_QUEUE, orderId: fill.orderId, lineId: fill.lineId, actor,
      });
    }
    const entry = byLine.get(fill.lineId);
    events.push({
      type: 'backorder.allocated',
      subjectType: 'order',
      subjectId: String(fill.orderId),
      payload: {
        orderId: fill.orderId,
        lineId: fill.lineId,
        sku: item.sku,
        quantity: fill.quantity,
        // Where the units wait to be picked, so a warehouse listening for fills knows which one ships.
        allocations: fill.takes.map((take) => ({ location: codes.get(take.locationId), quantity: take.quantity })),
        stillBackordered: (entry?.backordered ?? fill.quantity) - fill.quantity,
        customer: entry?.customer,
      },
    });
    total += fill.quantity;
  }
  await tx.allocateStock(allocations);
  await tx.addLineAllocations(allocations);
  await tx.moveBackorderedToAllocated(fills.map((f) => ({ lineId: f.lineId, quantity: f.quantity })));
  await tx.insertMovements(movements);
  await tx.changeItemBackordered(item.id, -total);
  await tx.insertEvents(events);
  return { units: total, orderIds: [...new Set(fills.map((f) => f.orderId))] };
}
