import type { StoredEvent, UnitOfWork } from '../ports.js';

/**
 * Events after `after` that a reader may consume without ever missing one behind them. On
 * PostgreSQL a sequence number is drawn before commit, so a later number can become visible
 * first; the answer stops at a hole unless the dispatcher has already passed it (it then knows
 * the hole is filled or final) or no transaction is writing events at all (then every number
 * drawn so far is settled, and a second read sees all that committed). On SQLite writers commit
 * in sequence order and holes are final.
 */
export async function readSettledEvents(tx: UnitOfWork, after: number, limit: number): Promise<StoredEvent[]> {
  // The dispatcher's position is read first: whatever it had passed is already visible below.
  const passed = await tx.communication.fanOutPosition();
  const events = await tx.listEvents(after, limit);
  if (tx.communication.holesAreFinal) return events;
  const settled = contiguousPrefix(events, after, passed);
  if (settled.length === events.length) return events;
  const horizon = events[events.length - 1]?.seq ?? after;
  if ((await tx.communication.eventWriters())?.length !== 0) return settled;
  const again = await tx.listEvents(after, limit);
  return contiguousPrefix(again, after, Math.max(passed, horizon));
}

function contiguousPrefix(events: readonly StoredEvent[], after: number, settledUpTo: number): StoredEvent[] {
  const prefix: StoredEvent[] = [];
  let expected = after + 1;
  for (const event of events) {
    if (event.seq !== expected && event.seq - 1 > settledUpTo) break;
    prefix.push(event);
    expected = event.seq + 1;
  }
  return prefix;
}
