import type { StoredEvent, UnitOfWork } from '../ports.js';

/** How long the pull feed waits at a hole in the sequence that the dispatcher has not judged yet. */
export const FEED_GAP_GRACE_MS = 30_000;

/**
 * Events after `after` that a reader may consume without ever missing one behind them. On
 * PostgreSQL a sequence number is taken before commit, so a later number can become visible
 * first; the answer stops at a hole until the dispatcher has passed it (it then knows the hole
 * is filled or permanent, e.g. a rolled-back transaction) or the hole is older than the grace.
 * On SQLite writers commit in sequence order and holes are final.
 */
export async function readSettledEvents(tx: UnitOfWork, after: number, limit: number, graceMs = FEED_GAP_GRACE_MS): Promise<StoredEvent[]> {
  // The dispatcher's position is read first: whatever it had passed is already visible below.
  const passed = await tx.communication.fanOutPosition();
  const postgres = (await tx.communication.transactionSnapshot()) !== null;
  const events = await tx.listEvents(after, limit);
  if (!postgres) return events;
  const settled: StoredEvent[] = [];
  let expected = after + 1;
  for (const event of events) {
    const hole = event.seq !== expected;
    if (hole && event.seq - 1 > passed && Date.parse(tx.now) - Date.parse(event.createdAt) < graceMs) break;
    settled.push(event);
    expected = event.seq + 1;
  }
  return settled;
}
