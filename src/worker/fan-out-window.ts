import type { FanOutCursor } from '../app/communication/ports.js';

export interface FanOutWindow<E extends { readonly seq: number }> {
  /** The events that may be fanned out now, in order. */
  readonly ready: readonly E[];
  readonly cursor: FanOutCursor;
}

export interface WindowInput<E extends { readonly seq: number }> {
  readonly cursor: FanOutCursor;
  /** Events after the cursor, ascending, as read in this transaction. */
  readonly events: readonly E[];
  /**
   * PostgreSQL only (null on SQLite): whether the writers recorded with the cursor's hole had all
   * ended before the events were read, and the writers running after they were read.
   */
  readonly holeWritersEnded: boolean | null;
  readonly writersNow: readonly string[] | null;
  readonly now: string;
}

/**
 * Decides how far the fan-out may advance without ever skipping an event. A sequence number is
 * drawn before commit, so on PostgreSQL a hole is either a transaction still running (its event
 * will appear) or one that rolled back (it never will). A hole is passed once every transaction
 * that was writing events when it was first seen has ended; until then fan-out stops in front of
 * it. SQLite commits in sequence order, so its holes are final at once.
 */
export function fanOutWindow<E extends { readonly seq: number }>(input: WindowInput<E>): FanOutWindow<E> {
  const { events, holeWritersEnded, writersNow, now } = input;
  let gap = input.cursor.gap;
  const ready: E[] = [];
  let expected = input.cursor.lastSeq + 1;
  for (const event of events) {
    if (event.seq > expected && holeWritersEnded !== null) {
      // Holes below the recorded horizon were numbered before it was seen: the record applies.
      const covered = gap !== null && event.seq <= gap.horizon;
      if (!covered || !holeWritersEnded) {
        if (!covered) gap = { horizon: events[events.length - 1]?.seq ?? event.seq, writers: writersNow ?? [], seenAt: now };
        return { ready, cursor: { lastSeq: expected - 1, gap } };
      }
    }
    ready.push(event);
    expected = event.seq + 1;
  }
  const lastSeq = expected - 1;
  return { ready, cursor: { lastSeq, gap: gap !== null && gap.horizon > lastSeq ? gap : null } };
}
