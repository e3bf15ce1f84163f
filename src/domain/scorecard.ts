import { daysBetween } from './dates.js';

/** One receipt of a purchase-order line, as the scorecard sees it. Dates are `YYYY-MM-DD`. */
export interface ReceiptFact {
  readonly poId: number;
  readonly lineId: number;
  readonly quantity: number;
  readonly receivedOn: string;
  /** The day the purchase order was sent to the supplier. */
  readonly orderedOn: string;
  /** The line's expected date as it stood when the order was sent. */
  readonly promisedOn: string;
}

/** A line of a sent purchase order that is now closed (received in full, or cancelled). */
export interface ClosedLineFact {
  readonly quantity: number;
  readonly received: number;
}

export interface LeadTimeSummary {
  /** Deliveries observed: distinct (purchase order, day received) pairs. */
  readonly deliveries: number;
  readonly mean: number | null;
  /** Sample standard deviation (n − 1); null with fewer than two deliveries. */
  readonly standardDeviation: number | null;
  readonly min: number | null;
  readonly max: number | null;
}

export interface Scorecard {
  readonly receipts: number;
  readonly unitsReceived: number;
  /**
   * Line deliveries (a line's receipts of one day, into however many locations) that arrived on or
   * before the line's promised date, as a share of all line deliveries.
   */
  readonly onTimeRate: number | null;
  /** Days from sending the order to receiving goods, one observation per delivery. */
  readonly leadTimeDays: LeadTimeSummary;
  /** Units received (capped per line at its quantity) over units ordered, on closed lines. */
  readonly fillRate: number | null;
  readonly closedLines: number;
}

/**
 * A supplier's scorecard (SPEC §5) from its receipts and closed lines. Rates lie in [0, 1] and
 * are null when there is nothing to measure; over-receipts never lift the fill rate above 1.
 */
export function supplierScorecard(receipts: readonly ReceiptFact[], closedLines: readonly ClosedLineFact[]): Scorecard {
  const lineDeliveries = new Map<string, boolean>();
  for (const r of receipts) lineDeliveries.set(`${r.lineId}|${r.receivedOn}`, r.receivedOn <= r.promisedOn);
  const onTime = [...lineDeliveries.values()].filter(Boolean).length;
  const ordered = closedLines.reduce((sum, l) => sum + l.quantity, 0);
  const filled = closedLines.reduce((sum, l) => sum + Math.min(l.received, l.quantity), 0);
  return {
    receipts: receipts.length,
    unitsReceived: receipts.reduce((sum, r) => sum + r.quantity, 0),
    onTimeRate: lineDeliveries.size === 0 ? null : onTime / lineDeliveries.size,
    leadTimeDays: summarise(deliveryLeadTimes(receipts)),
    fillRate: ordered === 0 ? null : filled / ordered,
    closedLines: closedLines.length,
  };
}

/** Lead time of each delivery; several lines received together on one order count once. */
export function deliveryLeadTimes(receipts: readonly ReceiptFact[]): number[] {
  const byDelivery = new Map<string, number>();
  for (const r of receipts) byDelivery.set(`${r.poId}|${r.receivedOn}`, daysBetween(r.orderedOn, r.receivedOn));
  return [...byDelivery.values()];
}

function summarise(values: readonly number[]): LeadTimeSummary {
  const n = values.length;
  if (n === 0) return { deliveries: 0, mean: null, standardDeviation: null, min: null, max: null };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  const squares = values.reduce((sum, v) => sum + (v - mean) ** 2, 0);
  return {
    deliveries: n,
    mean,
    standardDeviation: n < 2 ? null : Math.sqrt(squares / (n - 1)),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}
