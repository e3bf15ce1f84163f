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
  return walkQueue(queue, supply, today, leadTimeDays, today, false);
}

/**
 * The walk of `promiseDates` with today's facts (which purchase orders are overdue) but made as on
 * `estimatedOn`: supply already overdue then a week from then, lines beyond all supply the lead
 * time from then; an estimate of either kind that has passed since is made again from today, and
 * supply that turned overdue since is news, a week from today.
 */
function walkQueue(queue: readonly WaitingLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number, estimatedOn: string, dated: false): PromiseDate[];
function walkQueue(queue: readonly WaitingLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number, estimatedOn: string, dated: true): HeldPromise[];
/** (`dated`: each promise says it was made on `estimatedOn`, so the walks of heldPromiseDates are its answer as they are.) */
function walkQueue(
  queue: readonly WaitingLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number,
  estimatedOn: string,
  dated: boolean,
): PromiseDate[] {
  const batches = datedBatches(supply, today, estimatedOn);
  const fallback = renewed(addDays(estimatedOn, Math.max(0, leadTimeDays)), today, Math.max(0, leadTimeDays));
  let batch = 0;
  let leftInBatch = batches[0]?.quantity ?? 0;
  let latest = estimatedOn;
  const promises: (PromiseDate | HeldPromise)[] = [];
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
      promises.push(dated ? { lineId: line.lineId, eta: latest, estimated: true, madeOn: estimatedOn } : { lineId: line.lineId, eta: latest, estimated: true });
    } else {
      latest = last.date > latest ? last.date : latest;
      promises.push(dated ? { lineId: line.lineId, eta: latest, estimated: last.overdue, madeOn: estimatedOn } : { lineId: line.lineId, eta: latest, estimated: last.overdue });
    }
  }
  return promises;
}

/** `estimate`, or `days` from today once it has passed. */
function renewed(estimate: string, today: string, days: number): string {
  return estimate < today ? addDays(today, days) : estimate;
}

/**
 * Incoming supply with units, at the date the walk made on `estimatedOn` uses: its own, or once it
 * has passed a week from the estimate (from today if it turned overdue since, or that week has
 * passed too); in date order, a purchase order's own date before an estimate of the same day.
 */
function datedBatches(supply: readonly IncomingSupply[], today: string, estimatedOn: string): DatedBatch[] {
  const overdueSince = renewed(addDays(estimatedOn, OVERDUE_PROMISE_DAYS), today, OVERDUE_PROMISE_DAYS);
  const overdueNow = addDays(today, OVERDUE_PROMISE_DAYS);
  const dated = (s: IncomingSupply): DatedBatch =>
    s.expectedOn >= today
      ? { date: s.expectedOn, quantity: s.quantity, overdue: false }
      : { date: s.expectedOn < estimatedOn ? overdueSince : overdueNow, quantity: s.quantity, overdue: true };
  return supply
    .filter((s) => s.quantity > 0)
    .map(dated)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : Number(a.overdue) - Number(b.overdue)));
}

/** A waiting line with the promise it holds now (the shape the queue is read in). */
export interface PromisedLine extends WaitingLine {
  readonly eta: string | null;
  readonly etaEstimated: boolean;
  /** The day its promise was made: the `today` of the walk that gave it; null for none. */
  readonly etaMadeOn: string | null;
}

export interface HeldPromise extends PromiseDate {
  readonly madeOn: string;
}

/**
 * The promise dates of `promiseDates`, except that the passing of days alone never moves a promise
 * that has not passed: each such line's walk is made as on the day its promise was made, with
 * today's facts (queue, purchase orders and which of them are overdue, lead time). So any news
 * moves it, later or earlier, but a recompute a day later (any order or receipt of the item) does
 * not push every estimate back a day and tell its customer of a delay each time. A promise that
 * has passed, or a line without one, is made today. A line is never promised later than a line
 * behind it in the queue: it takes the walk of that line's day, which holds for it too.
 */
export function heldPromiseDates(
  queue: readonly PromisedLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number,
): HeldPromise[] {
  // Each walk's promises carry the day they were made on: a line takes its own walk's as they are.
  const walks = new Map<string, HeldPromise[]>();
  const promiseOn = (day: string, index: number): HeldPromise => {
    let walk = walks.get(day);
    if (walk === undefined) {
      walk = walkQueue(queue, supply, today, leadTimeDays, day, true);
      walks.set(day, walk);
    }
    return walk[index] as HeldPromise;
  };
  const promises: HeldPromise[] = new Array<HeldPromise>(queue.length);
  for (let index = 0; index < queue.length; index += 1) {
    const { eta, etaMadeOn } = queue[index] as PromisedLine;
    const holds = eta !== null && etaMadeOn !== null && eta >= today && etaMadeOn < today;
    promises[index] = promiseOn(holds ? (etaMadeOn as string) : today, index);
  }
  for (let index = promises.length - 2; index >= 0; index -= 1) {
    const behind = promises[index + 1] as HeldPromise;
    if ((promises[index] as HeldPromise).eta > behind.eta) promises[index] = promiseOn(behind.madeOn, index);
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
