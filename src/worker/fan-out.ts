import type { Store } from '../app/ports.js';
import { fanOutWindow } from './fan-out-window.js';
import { routeEvent } from './routing.js';
import type { WorkerConfig } from './worker-config.js';

/**
 * Moves the next events from the outbox into delivery rows, one per target that wants each, and
 * advances the fan-out cursor in the same transaction: an event is fanned out exactly once, even
 * with several workers (the cursor row is locked) or after a crash (nothing is half-written).
 * Returns how many events were fanned out.
 */
export async function fanOut(store: Store, config: WorkerConfig): Promise<number> {
  return store.transaction(async (tx) => {
    const cursor = await tx.communication.lockFanOutCursor();
    const postgres = !tx.communication.holesAreFinal;
    // Asked before reading: whatever those writers committed is then visible to the read below.
    const holeWritersEnded = !postgres ? null : cursor.gap !== null && !(await tx.communication.anyRunning(cursor.gap.writers));
    const events = await tx.listEvents(cursor.lastSeq, config.fanOutBatch);
    if (events.length === 0) return 0;
    const hasHole = events.some((e, i) => e.seq !== cursor.lastSeq + 1 + i);
    const writersNow = postgres && hasHole ? await tx.communication.eventWriters() : null;
    const window = fanOutWindow({ cursor, events, holeWritersEnded, writersNow, now: tx.now });
    if (window.ready.length > 0) {
      const channels = {
        endpoints: await tx.communication.listEndpoints(),
        smtp: config.email !== null,
        staffEmail: (config.email?.staff.length ?? 0) > 0,
        supplierEmail: config.mailSuppliers,
      };
      await tx.communication.insertDeliveries(window.ready.flatMap((event) => routeEvent(event, channels)));
    }
    if (JSON.stringify(window.cursor) !== JSON.stringify(cursor)) await tx.communication.saveFanOutCursor(window.cursor);
    return window.ready.length;
  });
}
