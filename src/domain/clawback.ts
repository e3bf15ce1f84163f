import type { QueueEntry } from './types.js';
import { compareQueueEntries } from './queue.js';

export interface AllocationAtLocation extends Omit<QueueEntry, 'backordered'> {
  readonly allocated: number;
}

export interface Clawback {
  readonly lineId: number;
  readonly orderId: number;
  readonly quantity: number;
}

/**
 * When a count leaves a location with `onHand < allocated`, takes `shortfall` units back from
 * the allocations there, lowest-priority and newest lines first (the reverse of serving order),
 * so the customers who would be served first keep their stock. The taken units go back to the
 * queue at the line's original place.
 */
export function planClawback(allocations: readonly AllocationAtLocation[], shortfall: number): Clawback[] {
  const byLastServed = [...allocations].sort((a, b) =>
    compareQueueEntries({ ...b, backordered: 0 }, { ...a, backordered: 0 }),
  );
  const result: Clawback[] = [];
  let remaining = shortfall;
  for (const allocation of byLastServed) {
    if (remaining <= 0) break;
    const take = Math.min(remaining, allocation.allocated);
    if (take > 0) result.push({ lineId: allocation.lineId, orderId: allocation.orderId, quantity: take });
    remaining -= take;
  }
  return result;
}
