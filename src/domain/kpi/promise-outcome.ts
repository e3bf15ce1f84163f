import { addDays } from '../dates.js';
import type { QueueEvent } from './queue-event.js';

/** A backordered line with a promise date: the first ETA it was given and its queue history. */
export interface PromisedLine {
  /** The first ETA the line was given, `YYYY-MM-DD`. */
  readonly firstEta: string;
  /** Units of the line waiting now (when the facts were read). */
  readonly waitingNow: number;
  /** Every fill, return to the queue and cancellation of the line, in any order. */
  readonly events: readonly QueueEvent[];
}

/**
 * Whether a line's first promise was kept (SPEC §8), judged at the end of its first ETA day from
 * what happened by then only: kept when nothing of it was waiting at that instant and units had
 * been allocated to it from the queue, broken when units still waited. Null while that day has not
 * ended at `asOf`, and when every waiting unit was cancelled before it (nothing left to keep). A
 * fill that a later stock count took back does not undo a kept promise.
 */
export function promiseOutcome(line: PromisedLine, asOf: string): 'kept' | 'broken' | null {
  const due = `${addDays(line.firstEta, 1)}T00:00:00.000Z`;
  if (asOf < due) return null;
  // Today's waiting units with every later change undone: what waited at the end of the ETA day.
  let waiting = line.waitingNow;
  let filledByThen = false;
  for (const event of line.events) {
    if (event.at < due) {
      if (event.kind === 'filled') filledByThen = true;
    } else {
      waiting += event.kind === 'returned' ? -event.units : event.units;
    }
  }
  if (waiting > 0) return 'broken';
  return filledByThen ? 'kept' : null;
}
