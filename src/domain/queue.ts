import { applyTakes, planAllocation, type LocationTake } from './allocation.js';
import type { LocatedStock, QueueEntry } from './types.js';

/** What places a line in its queue: the keys `compareQueueEntries` serves it by. */
export type QueueKey = Pick<QueueEntry, 'priority' | 'placedAt' | 'lineId'>;

/** Queue order of SPEC §3: higher priority first, then older `placedAt`, then lower line id. */
export function compareQueueEntries(a: QueueKey, b: QueueKey): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  if (a.placedAt !== b.placedAt) return a.placedAt < b.placedAt ? -1 : 1;
  return a.lineId - b.lineId;
}

/** The queue sorted into serving order (a new array). */
export function sortQueue<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(compareQueueEntries);
}

export interface QueueFill {
  readonly lineId: number;
  readonly orderId: number;
  readonly takes: readonly LocationTake[];
  readonly quantity: number;
}

/**
 * Hands free units to the head of the queue (SPEC §3): each entry in serving order takes what it
 * can; a head entry that cannot be filled completely is filled partially and keeps its place, and
 * nothing behind it is served while it still waits (no queue jumping).
 */
export function planQueueFill(queue: readonly QueueEntry[], stocks: readonly LocatedStock[]): QueueFill[] {
  const fills: QueueFill[] = [];
  let current = stocks;
  for (const entry of sortQueue(queue)) {
    const plan = planAllocation(entry.backordered, current);
    if (plan.allocated > 0) {
      fills.push({ lineId: entry.lineId, orderId: entry.orderId, takes: plan.takes, quantity: plan.allocated });
      current = applyTakes(current, plan.takes);
    }
    if (plan.remaining > 0) break;
  }
  return fills;
}
