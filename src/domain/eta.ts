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
 * A waiting line nothing is planned to fill: it lies beyond all open purchase orders of an item
 * that is not restocked (discontinued), so it has no promise date rather than a lead-time estimate
 * that would be renewed each time it lapsed.
 */
export interface NoPromise {
  readonly lineId: number;
  readonly eta: null;
  readonly estimated: false;
}

/**
 * The lead time a line beyond all open purchase orders is promised with (the preferred supplier's,
 * else the item's own), or null for a discontinued item: no supply is planned beyond what is on order.
 */
export function restockLeadTimeDays(item: { readonly discontinued: boolean; readonly leadTimeDays: number }, preferredLeadTimeDays: number | null): number | null {
  return item.discontinued ? null : (preferredLeadTimeDays ?? item.leadTimeDays);
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
  /** `date` was estimated today, not on the day the walk is made as: news of today. */
  readonly madeToday: boolean;
}

/**
 * Promise dates of SPEC §5: walks the queue (already in serving order) against incoming supply
 * sorted by date; a line gets the date of the supply that covers its last unit, a line beyond all
 * supply gets `today + leadTimeDays` (or the date of the last PO units it takes, if later),
 * estimated. Supply whose date has passed is expected OVERDUE_PROMISE_DAYS from today, and the
 * lines it covers are estimated too. Dates never precede today and never decrease along the queue.
 * With `leadTimeDays` null (no supply planned: restockLeadTimeDays) a line beyond all supply has
 * no promise, and the lines supply covers keep their dates.
 */
export function promiseDates(queue: readonly WaitingLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number): PromiseDate[];
export function promiseDates(queue: readonly WaitingLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number | null): (PromiseDate | NoPromise)[];
export function promiseDates(
  queue: readonly WaitingLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number | null,
): (PromiseDate | NoPromise)[] {
  return walkQueue(queue, supply, today, leadTimeDays, today, false);
}

/**
 * The walk of `promiseDates` with today's facts (which purchase orders are overdue) but made as on
 * `estimatedOn`: supply already overdue then a week from then, lines beyond all supply the lead
 * time from then; an estimate of either kind that has passed since is made again from today, and
 * supply that turned overdue since is news, a week from today.
 */
function walkQueue(queue: readonly WaitingLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number | null, estimatedOn: string, dated: false): (PromiseDate | NoPromise)[];
function walkQueue(queue: readonly WaitingLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number | null, estimatedOn: string, dated: true): (HeldPromise | HeldNoPromise)[];
/** (`dated`: each promise says it was made on `estimatedOn`, so the walks of heldPromiseDates are its answer as they are.) */
function walkQueue(
  queue: readonly WaitingLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number | null,
  estimatedOn: string,
  dated: boolean,
): (PromiseDate | NoPromise)[] {
  const batches = datedBatches(supply, today, estimatedOn);
  const lead = leadTimeDays === null ? null : Math.max(0, leadTimeDays);
  const fallback = lead === null ? null : renewed(addDays(estimatedOn, lead), today, lead);
  let batch = 0;
  let leftInBatch = batches[0]?.quantity ?? 0;
  // The latest date given so far, and the day it counts as made on (a later line is never earlier).
  let latest = estimatedOn;
  let latestMadeOn = estimatedOn;
  const raise = (date: string, madeToday: boolean) => {
    if (date <= latest) return;
    latest = date;
    latestMadeOn = madeToday ? today : estimatedOn;
  };
  const promises: (PromiseDate | NoPromise | HeldPromise | HeldNoPromise)[] = [];
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
    if ((need > 0 || last === null) && fallback === null) {
      // Nothing is planned beyond the open POs: a line they do not cover in full has no date to
      // give, whichever day the walk is made as; that is decided today.
      promises.push(dated ? { lineId: line.lineId, eta: null, estimated: false, madeOn: today } : { lineId: line.lineId, eta: null, estimated: false });
    } else if (need > 0 || last === null) {
      const beyond = fallback as Renewed;
      // A line that also takes the last units of a PO cannot be complete before that PO arrives.
      if (last !== null && last.date > beyond.date) raise(last.date, last.madeToday);
      else raise(beyond.date, beyond.madeToday);
      promises.push(dated ? { lineId: line.lineId, eta: latest, estimated: true, madeOn: latestMadeOn } : { lineId: line.lineId, eta: latest, estimated: true });
    } else {
      raise(last.date, last.madeToday);
      promises.push(dated ? { lineId: line.lineId, eta: latest, estimated: last.overdue, madeOn: latestMadeOn } : { lineId: line.lineId, eta: latest, estimated: last.overdue });
    }
  }
  return promises;
}

/** An estimate's date, and whether it was made again today because the one it had has passed. */
interface Renewed {
  readonly date: string;
  readonly madeToday: boolean;
}

/** `estimate`, or `days` from today once it has passed. */
function renewed(estimate: string, today: string, days: number): Renewed {
  return estimate < today ? { date: addDays(today, days), madeToday: true } : { date: estimate, madeToday: false };
}

/**
 * Incoming supply with units, at the date the walk made on `estimatedOn` uses: its own, or once it
 * has passed a week from the day it was first overdue (the estimate's day if it was overdue then,
 * else the day after it was due; from today once that week has passed too); in date order, a
 * purchase order's own date before an estimate of the same day.
 */
function datedBatches(supply: readonly IncomingSupply[], today: string, estimatedOn: string): DatedBatch[] {
  const dated = (s: IncomingSupply): DatedBatch => {
    if (s.expectedOn >= today) return { date: s.expectedOn, quantity: s.quantity, overdue: false, madeToday: false };
    // A week from the day it was first seen overdue: the estimate's day if it was overdue then,
    // else the day after it was due. The same on every later day, until that week has passed too.
    const seenOverdue = s.expectedOn < estimatedOn ? estimatedOn : addDays(s.expectedOn, 1);
    return { ...renewed(addDays(seenOverdue, OVERDUE_PROMISE_DAYS), today, OVERDUE_PROMISE_DAYS), quantity: s.quantity, overdue: true };
  };
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

/** No promise (NoPromise), as decided on `madeOn` (today: no day's walk would give one). */
export interface HeldNoPromise extends NoPromise {
  readonly madeOn: string;
}

/**
 * The promise dates of `promiseDates`, except that the passing of days alone never moves a promise
 * that has not passed: each such line's walk is made as on the day its promise was made, with
 * today's facts (queue, purchase orders and which of them are overdue, lead time). So any news
 * moves it, later or earlier, but a recompute a day later (any order or receipt of the item) does
 * not push every estimate back a day and tell its customer of a delay each time. A promise that
 * has passed, or a line without one, is made today. A line is never promised later than a line
 * behind it in the queue: it takes the walk of that line's day, which holds for it too. With
 * `leadTimeDays` null (no supply planned) a line beyond all supply has no promise, however many
 * days pass: an estimate is never renewed for an item nobody restocks.
 */
export function heldPromiseDates(queue: readonly PromisedLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number): HeldPromise[];
export function heldPromiseDates(queue: readonly PromisedLine[], supply: readonly IncomingSupply[], today: string, leadTimeDays: number | null): (HeldPromise | HeldNoPromise)[];
export function heldPromiseDates(
  queue: readonly PromisedLine[],
  supply: readonly IncomingSupply[],
  today: string,
  leadTimeDays: number | null,
): (HeldPromise | HeldNoPromise)[] {
  type Held = HeldPromise | HeldNoPromise;
  // Each walk's promises carry the day they were made on: a line takes its own walk's as they are.
  const walks = new Map<string, Held[]>();
  const promiseOn = (day: string, index: number): Held => {
    let walk = walks.get(day);
    if (walk === undefined) {
      walk = walkQueue(queue, supply, today, leadTimeDays, day, true);
      walks.set(day, walk);
    }
    return walk[index] as Held;
  };
  const promises: Held[] = new Array<Held>(queue.length);
  for (let index = 0; index < queue.length; index += 1) {
    const { eta, etaEstimated, etaMadeOn } = queue[index] as PromisedLine;
    const holds = eta !== null && etaMadeOn !== null && eta >= today && etaMadeOn < today;
    const held = promiseOn(holds ? (etaMadeOn as string) : today, index);
    // News of today (an estimate made again because the one it rested on ran out) or a line a
    // purchase order no longer covers is promised as today: its old day's walk would date the new
    // estimate from that day, earlier than any supply could come, or move it again every day.
    const news = held.madeOn === today || (eta !== null && !etaEstimated && held.estimated);
    promises[index] = holds && news ? promiseOn(today, index) : held;
  }
  // Which lines supply covers does not depend on the day a walk is made as: lines without a
  // promise are the same in every walk (all behind the dated ones), so only dates are compared.
  for (let index = promises.length - 2; index >= 0; index -= 1) {
    const here = promises[index] as Held;
    const behind = promises[index + 1] as Held;
    if (here.eta !== null && behind.eta !== null && here.eta > behind.eta) promises[index] = promiseOn(behind.madeOn, index);
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
