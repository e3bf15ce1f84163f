import { applyTakes, planAllocation, type LocationTake } from './allocation.js';
import type { LocatedStock, QueueEntry } from './types.js';
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
  const byLastServed = [...allocations].sort((a, b) => compareQueueEntries(b, a));
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

/** Where the units a count took from a line go: to other locations, and what is left back to the queue. */
export interface Rehoming {
  readonly lineId: number;
  readonly orderId: number;
  readonly moves: readonly LocationTake[];
  readonly backordered: number;
}

/**
 * Moves the units `plan` takes back to free units at other active locations where there are any
 * (as placement would take them: one location that covers it, else by priority), so the count
 * changes where those customers' units come from and nothing else; only what they cannot cover
 * goes back to the queue. Lines are served in queue order, so the lowest-priority, newest lines
 * are the ones left waiting. Free units elsewhere wait for nobody (the queue is filled from them
 * before they stay free), so moving allocations to them passes no one.
 */
export function planRehoming(plan: readonly Clawback[], elsewhere: readonly LocatedStock[]): Rehoming[] {
  let stocks = elsewhere;
  // planClawback lists the last served first: serve the others in queue order.
  const rehomed = [...plan].reverse().map((take): Rehoming => {
    const allocation = planAllocation(take.quantity, stocks);
    stocks = applyTakes(stocks, allocation.takes);
    return { lineId: take.lineId, orderId: take.orderId, moves: allocation.takes, backordered: allocation.remaining };
  });
  return rehomed.reverse();
}
