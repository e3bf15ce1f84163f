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
  /**
   * True when the date is Restock's estimate rather than a purchase order's: no open purchase
   * order covers the line (today + lead time), or the one that does is overdue.
   */
  readonly estimated: boolean;
}

/**
 * Days from today at which an overdue purchase order's units are expected: late goods rarely come
 * the same day, and a promise that holds for a week spares the customer a new date every day
 * (past promises are refreshed; see refreshPastPromises).
 */
export const OVERDUE_PROMISE_DAYS = 7;

/** A batch of incoming units at the date the walk uses for it. */
interface DatedBatch {
  readonly date: string;
  readonly quantity: number;
  /** Its purchase order's date has passed: `date` is an estimate. */
  readonly overdue: boolean;
}

/**
 * Promise dates of SPEC §5: walks the queue (already in serving order) against incoming supply
 * sorted by date; a line gets the date of the supply that covers its last unit, a line beyond all
 * supply gets `today + leadTimeDays` (or the date of the last PO units it takes, if later),
 * estimated. Supply whose date has passed is expected OVERDUE_PROMISE_DAYS from today, and the
 * lines it covers are estimated too. Dates never precede today and never decrease along the queue.
 */
export function promiseDates(
  queue: readonly WaitingLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number,
): PromiseDate[] {
  const batches = datedBatches(supply, today);
  const fallback = addDays(today, Math.max(0, leadTimeDays));
  let batch = 0;
  let leftInBatch = batches[0]?.quantity ?? 0;
  let latest = today;
  const promises: PromiseDate[] = [];
  for (const line of queue) {
    let need = line.backordered;
    let last: DatedBatch | null = null;
    while (need > 0 && batch < batches.length) {
      const take = Math.min(need, leftInBatch);
      need -= take;
      leftInBatch -= take;
      last = batches[batch] as DatedBatch;
      if (leftInBatch === 0) {
        batch += 1;
        leftInBatch = batches[batch]?.quantity ?? 0;
      }
    }
    if (need > 0 || last === null) {
      // A line that also takes the last units of a PO cannot be complete before that PO arrives.
      const floor = last !== null && last.date > fallback ? last.date : fallback;
      latest = floor > latest ? floor : latest;
      promises.push({ lineId: line.lineId, eta: latest, estimated: true });
    } else {
      latest = last.date > latest ? last.date : latest;
      promises.push({ lineId: line.lineId, eta: latest, estimated: last.overdue });
    }
  }
  return promises;
}

/**
 * Incoming supply with units, at the date the walk uses: its own, or a week from today once that
 * has passed; in date order, a purchase order's own date before an estimate of the same day.
 */
function datedBatches(supply: readonly IncomingSupply[], today: string): DatedBatch[] {
  const overdueDate = addDays(today, OVERDUE_PROMISE_DAYS);
  return supply
    .filter((s) => s.quantity > 0)
    .map((s) => (s.expectedOn < today ? { date: overdueDate, quantity: s.quantity, overdue: true } : { date: s.expectedOn, quantity: s.quantity, overdue: false }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.overdue) - Number(b.overdue)));
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
