import { dateOf } from '../domain/dates.js';
import { heldPromiseDates, restockLeadTimeDays, type NoPromise, type PromiseDate } from '../domain/eta.js';
import type { Item } from '../domain/types.js';
import type { EtaChange, UnitOfWork, WaitingLineRow } from './ports.js';

/**
 * Re-derives the promise date of every backordered line of an item (SPEC §5) and records an
 * `backorder.eta_changed` event for each line whose date moved. Runs in the transaction that
 * changed the inputs, so a stored ETA is never stale; a promise only the passing days would move
 * is kept (heldPromiseDates), so customers hear of real news, not of every recompute. Reads only
 * the queue's ids, units and dates; customers are fetched just for the lines whose date moved.
 * Returns every waiting line's promise, by line id, as now stored (a line without one is absent),
 * and the orders whose shown promise (date or estimate) moved, for the caller to mark updated
 * (once for all the items it recomputes: see settleItems).
 */
export async function recomputeEtas(tx: UnitOfWork, item: Item): Promise<{ readonly promises: Map<number, PromiseDate>; readonly repromised: ReadonlySet<number> }> {
  const queue = await tx.waitingLinesOf(item.id);
  const stored = new Map<number, PromiseDate>();
  const repromised = new Set<number>();
  if (queue.length === 0) return { promises: stored, repromised };
  const supply = await tx.incomingSupplyOf(item.id);
  // A discontinued item has no lead time: a line beyond its open purchase orders gets no date.
  const leadTime = restockLeadTimeDays(item, await tx.preferredLeadTimeDays(item.id));
  const promises = heldPromiseDates(queue, supply, dateOf(new Date(tx.now)), leadTime);
  const changes: EtaChange[] = [];
  const moved: { line: WaitingLineRow; promise: PromiseDate | NoPromise }[] = [];
  // A line promised for the first time was put in the queue by a change that marked its order
  // updated already; an order is marked again only when a promise it shows moved.
  promises.forEach((promise, index) => {
    const line = queue[index];
    if (line && promise.eta !== null) stored.set(line.lineId, promise);
    if (!line || (line.eta === promise.eta && line.etaEstimated === promise.estimated && line.etaMadeOn === promise.madeOn)) return;
    changes.push(promise);
    // A date the customer saw, or its withdrawal (no date, but a day it was decided on: a
    // discontinued item's line beyond its purchase orders); a line never promised yet is neither.
    const shown = line.eta !== null || line.etaMadeOn !== null;
    if (shown && (line.eta !== promise.eta || line.etaEstimated !== promise.estimated)) repromised.add(line.orderId);
    if (shown && line.eta !== promise.eta) moved.push({ line, promise });
  });
  await tx.setEtas(changes);
  if (moved.length === 0) return { promises: stored, repromised };
  const customers = await tx.orderCustomers([...new Set(moved.map((m) => m.line.orderId))]);
  await tx.insertEvents(
    moved.map(({ line, promise }) => ({
      type: 'backorder.eta_changed',
      subjectType: 'order' as const,
      subjectId: String(line.orderId),
      payload: {
        orderId: line.orderId,
        lineId: line.lineId,
        sku: item.sku,
        backordered: line.backordered,
        previousEta: line.eta,
        eta: promise.eta,
        estimated: promise.estimated,
        customer: customers.get(line.orderId) ?? { id: null, email: null, name: null },
      },
    })),
  );
  return { promises: stored, repromised };
}
