import { addDays } from './dates.js';

export interface WaitingLine {
  readonly lineId: number;
  readonly backordered: number;
}

/** Units of an open purchase-order line not yet received. */
export interface IncomingSupply {
  readonly expectedOn: string;
  readonly quantity: number;
}

export interface PromiseDate {
  readonly lineId: number;
  readonly eta: string;
  /** True when no open purchase order covers the line and the date is today + lead time. */
  readonly estimated: boolean;
}

/**
 * Promise dates of SPEC §5: walks the queue (already in serving order) against incoming supply
 * sorted by date; a line gets the date of the supply that covers its last unit, a line beyond all
 * supply gets `today + leadTimeDays` (or the date of the last PO units it takes, if later),
 * estimated. Dates never precede today and never decrease along the queue.
 */
export function promiseDates(
  queue: readonly WaitingLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number,
): PromiseDate[] {
  const batches = [...supply].filter((s) => s.quantity > 0).sort((a, b) => (a.expectedOn < b.expectedOn ? -1 : a.expectedOn > b.expectedOn ? 1 : 0));
  const fallback = addDays(today, Math.max(0, leadTimeDays));
  let batch = 0;
  let leftInBatch = batches[0]?.quantity ?? 0;
  let latest = today;
  const promises: PromiseDate[] = [];
  for (const line of queue) {
    let need = line.backordered;
    let date: string | null = null;
    while (need > 0 && batch < batches.length) {
      const take = Math.min(need, leftInBatch);
      need -= take;
      leftInBatch -= take;
      date = (batches[batch] as IncomingSupply).expectedOn;
      if (leftInBatch === 0) {
        batch += 1;
        leftInBatch = batches[batch]?.quantity ?? 0;
      }
    }
    if (need > 0 || date === null) {
      // A line that also takes the last units of a PO cannot be complete before that PO arrives.
      const floor = date !== null && date > fallback ? date : fallback;
      latest = floor > latest ? floor : latest;
      promises.push({ lineId: line.lineId, eta: latest, estimated: true });
    } else {
      latest = date > latest ? date : latest;
      promises.push({ lineId: line.lineId, eta: latest, estimated: false });
    }
  }
  return promises;
}

/** The promise a new backorder of `quantity` units would get behind the current queue. */
export function promiseForNewBackorder(
  queue: readonly WaitingLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number,
  quantity = 1,
): Omit<PromiseDate, 'lineId'> {
  const promises = promiseDates([...queue, { lineId: -1, backordered: quantity }], supply, today, leadTimeDays);
  const last = promises[promises.length - 1] as PromiseDate;
  return { eta: last.eta, estimated: last.estimated };
}
