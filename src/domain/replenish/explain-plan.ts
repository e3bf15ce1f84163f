import type { LeadTimeDemand } from './lead-time-demand.js';
import type { ReorderRule } from './net-requirement.js';
import type { ReorderPoint } from './reorder-point.js';
import type { ReplenishmentInput } from './replenishment-plan.js';
import { STOCKOUT_HORIZON_DAYS, type Urgency } from './urgency.js';

/** Sentences of a replenishment plan's explanation: each restates its inputs and formula. */

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' });
const factorFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, signDisplay: 'negative' });
// Targets are read to the digit they were given: 99.99 %, not 100 %.
const percentFormat = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 6 });

/** A quantity as people read it: thousands separated, at most two decimals. */
export function formatNumber(value: number): string {
  // Whole numbers below a thousand read as JavaScript writes them (-0 as 0): most of a plan's
  // numbers, and Intl's formatting was a seventh of the time of listing a large catalogue's plans.
  if (Number.isInteger(value) && value > -1000 && value < 1000) return value === 0 ? '0' : String(value);
  return numberFormat.format(value);
}

/** A number to `significantDigits` significant digits, thousands separated: 0.1429, 2.5. */
export function formatPrecise(value: number, significantDigits: number): string {
  return preciseFormat.format(Number(value.toPrecision(significantDigits)));
}

const preciseFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20, signDisplay: 'negative' });

/** A count with its noun: "1 unit", "2.5 units". */
export function unitsOf(value: number, noun = 'unit'): string {
  return `${formatNumber(value)} ${value === 1 ? noun : `${noun}s`}`;
}

/** `a + b` written as people write it: "70.93 − 30.4" when b is negative. */
export function sumOf(a: number, b: number): string {
  return b < 0 ? `${formatNumber(a)} − ${formatNumber(-b)}` : `${formatNumber(a)} + ${formatNumber(b)}`;
}

/** `a − b` written as people write it: "0 + 5" when b is negative. */
export function differenceOf(a: number, b: number): string {
  return b < 0 ? `${formatNumber(a)} + ${formatNumber(-b)}` : `${formatNumber(a)} − ${formatNumber(b)}`;
}

const moneyFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 20 });

/**
 * An amount of minor currency units (cents) in major units, as the product shows money
 * ("50.00"), to `significantDigits` digits so tiny per-day costs ("0.001027") stay visible.
 */
export function formatMoney(minor: number, significantDigits = 15): string {
  return moneyFormat.format(Number((minor / 100).toPrecision(significantDigits)));
}

/** A dimensionless figure (k, G(k)) with four significant digits, so small values stay visible. */
function formatFactor(value: number): string {
  return factorFormat.format(value);
}

/** States the protection interval and the demand expected over it. */
export function describeDemand(
  input: ReplenishmentInput,
  protectionDays: number,
  reviewDays: number,
  normal: LeadTimeDemand | null,
): string {
  const interval =
    reviewDays > 0
      ? `the ${formatNumber(reviewDays)}-day review period plus the ${formatNumber(input.leadTimeDays)}-day lead time`
      : `the ${formatNumber(input.leadTimeDays)}-day lead time`;
  const mean = `mean ${formatNumber(input.meanDemandPerDay)}/day × ${formatNumber(protectionDays)} days = ${unitsOf(input.meanDemandPerDay * protectionDays)}`;
  if (normal === null) {
    const quantiles = input.leadTimeQuantiles ?? [];
    const listed = quantiles.map((q) => `${formatNumber(q.quantity)} at ${percentFormat.format(q.probability)}`);
    return `Demand over ${interval}: ${mean}; forecast quantiles ${listed.join(', ')}.`;
  }
  const sd = input.sdDemandPerDay ?? 0;
  const leadTimeSd = input.leadTimeSdDays ?? 0;
  const spread =
    leadTimeSd > 0
      ? `σ = √(${formatNumber(protectionDays)} × ${formatNumber(sd)}² + ${formatNumber(input.meanDemandPerDay)}² × ${formatNumber(leadTimeSd)}²) = ${formatNumber(normal.sd)} units, as the lead time varies by σ ${formatNumber(leadTimeSd)} days`
      : `σ = ${formatNumber(sd)}/day × √${formatNumber(protectionDays)} = ${formatNumber(normal.sd)} units`;
  return `Demand over ${interval}: ${mean}; ${spread}.`;
}

/** States the service target, the service factor and the resulting reorder point. */
export function describeReorderPoint(
  input: ReplenishmentInput,
  normal: LeadTimeDemand | null,
  point: ReorderPoint,
  demandPerCycle: number,
  wholeReorderPoint: number,
): string {
  const { service } = input;
  const target = percentFormat.format(service.target);
  const level = input.policy.kind === 'order-up-to' ? 'order-up-to level S' : 'reorder point';
  const mean = point.reorderPoint - point.safetyStock;
  const floor = floorWords(point, wholeReorderPoint);
  const result = `${level} = ${sumOf(mean, point.safetyStock)} = ${formatNumber(point.reorderPoint)}, ${floor ?? `rounded up to ${formatNumber(wholeReorderPoint)}`}`;
  if (normal === null && service.kind === 'fill-rate') {
    return `${level[0]?.toUpperCase()}${level.slice(1)} = ${formatNumber(point.reorderPoint)}, the level that meets the ${target} fill-rate target on the forecast's distribution (above)${floor === null ? (wholeReorderPoint === point.reorderPoint ? '' : `, rounded up to ${formatNumber(wholeReorderPoint)}`) : `, ${floor}`}; safety stock = ${differenceOf(wholeReorderPoint, mean)} = ${unitsOf(wholeReorderPoint - mean)}.`;
  }
  if (normal === null) {
    return `Target cycle service level ${target}: ${level} = the forecast's ${target} quantile of demand, interpolated: ${formatNumber(point.reorderPoint)}, ${floor ?? `rounded up to ${formatNumber(wholeReorderPoint)}`}; safety stock = that minus the mean = ${unitsOf(point.safetyStock)}.`;
  }
  const k = point.serviceFactor;
  if (service.kind === 'cycle-service-level') {
    return `Target cycle service level ${target}: k = Φ⁻¹(${formatPrecise(service.target, 12)}) = ${formatFactor(k ?? 0)}; safety stock k·σ = ${unitsOf(point.safetyStock)}; ${result}.`;
  }
  if (k === null) {
    return `Target fill rate ${target}: demand has no spread over the interval, so no safety stock is needed; ${result}.`;
  }
  const ratio = (demandPerCycle * (1 - service.target)) / normal.sd;
  const negative = point.safetyStock < 0 ? ' (negative: each cycle’s demand alone nearly meets the target)' : '';
  return `Target fill rate ${target} with ${unitsOf(demandPerCycle)} of demand per cycle: solve G(k) = ${formatNumber(demandPerCycle)} × (1 − ${formatPrecise(service.target, 12)}) / ${formatNumber(normal.sd)} = ${formatFactor(ratio)}, so k = ${formatFactor(k)}; safety stock k·σ = ${unitsOf(point.safetyStock)}${negative}; ${result}.`;
}

/** Words for a level below 0 raised to 0 (see `planReplenishment`), or null when it was not. */
function floorWords(point: ReorderPoint, wholeReorderPoint: number): string | null {
  if (point.reorderPoint >= 0 || wholeReorderPoint !== 0) return null;
  return 'raised to 0: below 0 an order would wait until customers are already backordered, which only eoq-planned-backorders plans on purpose';
}

/** States the inventory position, what the rule asks for and the rounded order. */
export function describeDecision(
  input: ReplenishmentInput,
  rule: ReorderRule,
  position: number,
  required: number,
  suggested: number,
): string {
  const stock = `Inventory position = on hand ${formatNumber(input.onHand)} + incoming ${formatNumber(input.incoming)} − allocated ${formatNumber(input.allocated)} − backordered ${formatNumber(input.backordered)} = ${formatNumber(position)}`;
  const decision = decisionWords(rule, position, required);
  const constraints = [
    (input.packSize ?? 1) > 1 ? `whole packs of ${formatNumber(input.packSize ?? 1)}` : 'whole units',
    (input.minimumOrderQuantity ?? 0) > 0 ? `at least the minimum order of ${formatNumber(input.minimumOrderQuantity ?? 0)}` : null,
  ].filter((words): words is string => words !== null);
  const rounding = suggested !== required ? ` Rounded up to ${constraints.join(' and ')}: ${unitsOf(suggested)}.` : '';
  return `${stock}; ${decision}.${rounding}`;
}

function decisionWords(rule: ReorderRule, position: number, required: number): string {
  switch (rule.kind) {
    case 'reorder-point':
      return required === 0
        ? `above the reorder point ${formatNumber(rule.reorderPoint)}, so no order is due`
        : `at or below the reorder point ${formatNumber(rule.reorderPoint)}, so order ${lots(required / rule.lotSize)} of ${formatNumber(rule.lotSize)} = ${unitsOf(required)}`;
    case 'min-max':
      return required === 0
        ? `above the minimum ${formatNumber(rule.min)}, so no order is due`
        : `at or below the minimum ${formatNumber(rule.min)}, so order up to the maximum ${formatNumber(rule.max)}: ${differenceOf(rule.max, position)} = ${unitsOf(required)}`;
    case 'order-up-to':
      return required === 0
        ? `${position > rule.orderUpTo ? 'above' : 'already at'} the order-up-to level ${formatNumber(rule.orderUpTo)}, so no order is due`
        : `order up to S = ${formatNumber(rule.orderUpTo)}: ${differenceOf(rule.orderUpTo, position)} = ${unitsOf(required)}`;
    case 'cover-backorders':
      return required === 0
        ? 'no demand is forecast and no customer waits beyond the stock on hand and on order, so no order is due'
        : `no demand is forecast, so order only the ${unitsOf(required)} customers wait for beyond the stock on hand and on order`;
  }
}

function lots(count: number): string {
  return count === 1 ? 'one lot' : `${formatNumber(count)} lots`;
}

/** What was decided, for `describeUrgency`: the order suggested and the level it was judged against. */
export interface UrgencyContext {
  readonly protectionDays: number;
  readonly suggested: number;
  readonly position: number;
  /** Reorder point, minimum or S; null when there is none (no demand forecast). */
  readonly trigger: number | null;
}

/**
 * States how long free stock lasts and whether an order placed today arrives in time; warns
 * when stock runs out before such an order could arrive yet the plan orders nothing now.
 */
export function describeUrgency(input: ReplenishmentInput, urgency: Urgency, context: UrgencyContext): string {
  const days = urgency.daysUntilStockout;
  const free = Math.max(0, input.onHand - input.allocated - input.backordered);
  if (days === null && input.meanDemandPerDay <= 0) {
    return `No demand is forecast over the ${formatNumber(context.protectionDays)} days planned for, so free stock does not run out in them.`;
  }
  if (days === null) {
    return `Free stock (on hand − allocated − backordered) of ${unitsOf(free)} lasts more than ${formatNumber(STOCKOUT_HORIZON_DAYS)} days (a century) at the forecast ${input.meanDemandPerDay >= 0.01 ? formatNumber(input.meanDemandPerDay) : formatPrecise(input.meanDemandPerDay, 2)}/day: no stockout is in sight.`;
  }
  if (days === 0 && input.backordered > 0) {
    return `Free stock (on hand − allocated − backordered) is exhausted and ${unitsOf(input.backordered)} ${input.backordered === 1 ? 'is' : 'are'} backordered: customers are already waiting.`;
  }
  if (days === 0) return 'Free stock (on hand − allocated − backordered) is already exhausted.';
  const timing = urgency.stockoutWithinLeadTime
    ? `before an order placed today would arrive (${unitsOf(input.leadTimeDays, 'day')})`
    : `no sooner than an order placed today would arrive (${unitsOf(input.leadTimeDays, 'day')})`;
  const lasts = `Free stock (on hand − allocated − backordered) lasts ${unitsOf(days, 'day')} at ${formatNumber(input.meanDemandPerDay)}/day, ${timing}.`;
  if (!urgency.stockoutWithinLeadTime || context.suggested > 0 || context.trigger === null) return lasts;
  const owed = Math.max(0, input.meanDemandPerDay * input.leadTimeDays - free - input.incoming);
  return `${lasts} Warning: nothing is ordered now all the same, because the inventory position ${formatNumber(context.position)}${input.incoming > 0 ? ` (which counts the ${unitsOf(input.incoming)} on order)` : ''} is above the level ${formatNumber(context.trigger)} that triggers an order${owed > 0 ? `; at forecast demand ${owed < 0.5 ? 'less than a unit' : `about ${unitsOf(Math.round(owed))}`} will be backordered before an order placed today could arrive` : ''}. Order sooner by raising the service target${input.policy.kind === 'order-up-to' ? '' : ' or with smaller lots'}.`;
}
