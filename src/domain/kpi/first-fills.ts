import type { QueueEvent } from './queue-event.js';

/** A line whose units were allocated from the queue: what it asked for and its queue history. */
export interface FilledLine {
  readonly placedAt: string;
  readonly quantity: number;
  /** Units backordered when the order was placed. */
  readonly placedBackordered: number;
  /** Every fill, return to the queue and cancellation of the line, in time order. */
  readonly events: readonly QueueEvent[];
}

/** Units whose wait ended at a first fill: when, after how many days, how many. */
export interface FirstFill {
  readonly at: string;
  readonly days: number;
  readonly units: number;
}

const DAY_MS = 86_400_000;

/**
 * The waits a line's units ended at their first allocation from the queue (SPEC §8 time to fill):
 * each unit waits from its placement, or from the stock count that returned it to the queue, and
 * the line's longest waits are filled first. Each unit counts once: a line counts at most
 * `quantity` units, so units a count took back and the queue filled again are not counted twice.
 * Invariant: the units counted never exceed the units filled, nor the line's quantity.
 */
export function firstFills(line: FilledLine): FirstFill[] {
  // Units waiting, oldest first, each entry with the instant it began waiting.
  const waits: { since: string; units: number }[] = line.placedBackordered > 0 ? [{ since: line.placedAt, units: line.placedBackordered }] : [];
  let uncounted = line.quantity;
  const fills: FirstFill[] = [];
  for (const event of line.events) {
    if (event.kind === 'returned') {
      waits.push({ since: event.at, units: event.units });
    } else if (event.kind === 'cancelled') {
      // Which waiting units a customer cancels is not recorded; the newest waits go, as the
      // queue serves the line's longest waits first.
      take(waits, event.units, 'newest');
    } else {
      for (const wait of take(waits, event.units, 'oldest')) {
        const units = Math.min(wait.units, uncounted);
        if (units === 0) break;
        uncounted -= units;
        fills.push({ at: event.at, days: (Date.parse(event.at) - Date.parse(wait.since)) / DAY_MS, units });
      }
    }
  }
  return fills;
}

/** Removes `units` from the waits, from the oldest or the newest end, and returns what it took (oldest first). */
function take(waits: { since: string; units: number }[], units: number, end: 'oldest' | 'newest'): { since: string; units: number }[] {
  const taken: { since: string; units: number }[] = [];
  let left = units;
  while (left > 0 && waits.length > 0) {
    const wait = (end === 'oldest' ? waits[0] : waits[waits.length - 1]) as { since: string; units: number };
    const part = Math.min(wait.units, left);
    wait.units -= part;
    left -= part;
    if (end === 'oldest') taken.push({ since: wait.since, units: part });
    else taken.unshift({ since: wait.since, units: part });
    if (wait.units === 0) {
      if (end === 'oldest') waits.shift();
      else waits.pop();
    }
  }
  return taken;
}
