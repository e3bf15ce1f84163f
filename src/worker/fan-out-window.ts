import type { FanOutCursor, TransactionSnapshot } from '../app/communication/ports.js';

export interface FanOutWindow<E extends { readonly seq: number }> {
  /** The events that may be fanned out now, in order. */
  readonly ready: readonly E[];
  readonly cursor: FanOutCursor;
}

export interface WindowInput<E extends { readonly seq: number }> {
  readonly cursor: FanOutCursor;
  /** Events after the cursor, ascending, as read in this transaction. */
  readonly events: readonly E[];
  /** PostgreSQL snapshots taken before and after reading the events; null on SQLite. */
  readonly before: TransactionSnapshot | null;
  readonly after: TransactionSnapshot | null;
  readonly now: string;
  readonly graceMs: number;
}

/**
 * Decides how far the fan-out may advance without ever skipping an event. A sequence number is
 * taken before commit, so on PostgreSQL a hole may be a transaction still running (its event
 * will appear) or one that rolled back (it never will). A hole is passed once every transaction
 * that was running when it was first seen has ended (snapshot xmin ≥ the xmax then) and a grace
 * period has gone by; until then fan-out stops in front of it. SQLite commits in sequence order,
 * so its holes are final at once.
 */
export function fanOutWindow<E extends { readonly seq: number }>(input: WindowInput<E>): FanOutWindow<E> {
  const { events, before, after, now, graceMs } = input;
  let gap = input.cursor.gap;
  const ready: E[] = [];
  let expected = input.cursor.lastSeq + 1;
  for (const event of events) {
    if (event.seq > expected && before !== null) {
      // Holes below the recorded horizon were numbered before it was seen: the record applies.
      const covered = gap !== null && event.seq <= gap.horizon;
      const settled = covered && gap !== null && gap.xmax !== null && before.xmin >= BigInt(gap.xmax) && Date.parse(now) - Date.parse(gap.seenAt) >= graceMs;
      if (!settled) {
        if (!covered) {
          const horizon = events[events.length - 1]?.seq ?? event.seq;
          gap = { horizon, xmax: after ? String(after.xmax) : null, seenAt: now };
        }
        return { ready, cursor: { lastSeq: expected - 1, gap } };
      }
    }
    ready.push(event);
    expected = event.seq + 1;
  }
  const lastSeq = expected - 1;
  return { ready, cursor: { lastSeq, gap: gap !== null && gap.horizon > lastSeq ? gap : null } };
}
