import type { LeadTimeDemand } from './lead-time-demand.js';
import type { ReorderRule } from './net-requirement.js';
import type { ReorderPoint } from './reorder-point.js';
import type { ReplenishmentInput } from './replenishment-plan.js';
import type { Urgency } from './urgency.js';

/** Sentences of a replenishment plan's explanation: each restates its inputs and formula. */

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' });
const factorFormat = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, signDisplay: 'negative' });
const percentFormat = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 });

/** A quantity as people read it: thousands separated, at most two decimals. */
export function formatNumber(value: number): string {
  return numberFormat.format(value);
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
  const mean = `mean ${formatNumber(input.meanDemandPerDay)}/day × ${formatNumber(protectionDays)} days = ${formatNumber(input.meanDemandPerDay * protectionDays)} units`;
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
  const result = `${level} = ${formatNumber(mean)} + ${formatNumber(point.safetyStock)} = ${formatNumber(point.reorderPoint)}, rounded up to ${formatNumber(wholeReorderPoint)}`;
  if (normal === null) {
    return `Target cycle service level ${target}: ${level} = the forecast's ${target} quantile of demand, interpolated: ${formatNumber(point.reorderPoint)}, rounded up to ${formatNumber(wholeReorderPoint)}; safety stock = that minus the mean = ${formatNumber(point.safetyStock)} units.`;
  }
  const k = point.serviceFactor;
  if (service.kind === 'cycle-service-level') {
    return `Target cycle service level ${target}: k = Φ⁻¹(${formatNumber(service.target)}) = ${formatFactor(k ?? 0)}; safety stock k·σ = ${formatNumber(point.safetyStock)} units; ${result}.`;
  }
  if (k === null) {
    return `Target fill rate ${target}: demand has no spread over the interval, so no safety stock is needed; ${result}.`;
  }
  const ratio = (demandPerCycle * (1 - service.target)) / normal.sd;
  const negative = point.safetyStock < 0 ? ' (negative: each cycle’s demand alone nearly meets the target)' : '';
  return `Target fill rate ${target} with ${formatNumber(demandPerCycle)} units of demand per cycle: solve G(k) = ${formatNumber(demandPerCycle)} × (1 − ${formatNumber(service.target)}) / ${formatNumber(normal.sd)} = ${formatFactor(ratio)}, so k = ${formatFactor(k)}; safety stock k·σ = ${formatNumber(point.safetyStock)} units${negative}; ${result}.`;
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
  const rounding = suggested !== required ? ` Rounded up to ${constraints.join(' and ')}: ${formatNumber(suggested)} units.` : '';
  return `${stock}; ${decision}.${rounding}`;
}

function decisionWords(rule: ReorderRule, position: number, required: number): string {
  switch (rule.kind) {
    case 'reorder-point':
      return required === 0
        ? `above the reorder point ${formatNumber(rule.reorderPoint)}, so no order is due`
        : `at or below the reorder point ${formatNumber(rule.reorderPoint)}, so order ${lots(required / rule.lotSize)} of ${formatNumber(rule.lotSize)} = ${formatNumber(required)} units`;
    case 'min-max':
      return required === 0
        ? `above the minimum ${formatNumber(rule.min)}, so no order is due`
        : `at or below the minimum ${formatNumber(rule.min)}, so order up to the maximum ${formatNumber(rule.max)}: ${formatNumber(required)} units`;
    case 'order-up-to':
      return required === 0
        ? `already at the order-up-to level ${formatNumber(rule.orderUpTo)}, so no order is due`
        : `order up to S = ${formatNumber(rule.orderUpTo)}: ${formatNumber(rule.orderUpTo)} − ${formatNumber(position)} = ${formatNumber(required)} units`;
    case 'cover-backorders':
      return required === 0
        ? 'no demand is forecast and no customer waits beyond the stock on hand and on order, so no order is due'
        : `no demand is forecast, so order only the ${formatNumber(required)} units customers wait for beyond the stock on hand and on order`;
  }
}

function lots(count: number): string {
  return count === 1 ? 'one lot' : `${formatNumber(count)} lots`;
}

/** States how long free stock lasts and whether an order placed today arrives in time. */
export function describeUrgency(input: ReplenishmentInput, urgency: Urgency): string {
  const days = urgency.daysUntilStockout;
  if (days === null) return 'No demand is forecast, so free stock does not run out.';
  if (days === 0 && input.backordered > 0) {
    return `Free stock (on hand − allocated − backordered) is exhausted and ${formatNumber(input.backordered)} units are backordered: customers are already waiting.`;
  }
  if (days === 0) return 'Free stock (on hand − allocated − backordered) is already exhausted.';
  const timing = urgency.stockoutWithinLeadTime
    ? `before an order placed today would arrive (${formatNumber(input.leadTimeDays)} days)`
    : `no sooner than an order placed today would arrive (${formatNumber(input.leadTimeDays)} days)`;
  return `Free stock (on hand − allocated − backordered) lasts ${formatNumber(days)} days at ${formatNumber(input.meanDemandPerDay)}/day, ${timing}.`;
}
