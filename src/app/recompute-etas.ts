import { dateOf } from '../domain/dates.js';
import { promiseDates } from '../domain/eta.js';
import type { Item } from '../domain/types.js';
import type { NewEvent, UnitOfWork } from './ports.js';

/**
 * Re-derives the promise date of every backordered line of an item (SPEC §5) and records an
 * `backorder.eta_changed` event for each line whose date moved. Runs in the transaction that
 * changed the inputs, so a stored ETA is never stale.
 */
export async function recomputeEtas(tx: UnitOfWork, item: Item): Promise<void> {
  const queue = await tx.queueOf(item.id);
  if (queue.length === 0) return;
  const supply = await tx.incomingSupplyOf(item.id);
  const leadTime = (await tx.preferredLeadTimeDays(item.id)) ?? item.leadTimeDays;
  const promises = promiseDates(queue, supply, dateOf(new Date(tx.now)), leadTime);
  const changes: { lineId: number; eta: string; estimated: boolean }[] = [];
  const events: NewEvent[] = [];
  promises.forEach((promise, index) => {
    const line = queue[index];
    if (!line || (line.eta === promise.eta && line.etaEstimated === promise.estimated)) return;
    changes.push(promise);
    if (line.eta !== null && line.eta !== promise.eta) {
      events.push({
        type: 'backorder.eta_changed',
        subjectType: 'order',
        subjectId: String(line.orderId),
        payload: {
          orderId: line.orderId,
          lineId: line.lineId,
          sku: item.sku,
          backordered: line.backordered,
          previousEta: line.eta,
          eta: promise.eta,
          estimated: promise.estimated,
          customer: line.customer,
        },
      });
    }
  });
  await tx.setEtas(changes);
  await tx.insertEvents(events);
}
