import { reorderPointForCycleServiceLevel } from './cycle-service-level-reorder-point.js';
import { economicOrderQuantity } from './economic-order-quantity.js';
import { eoqWithPlannedBackorders } from './eoq-with-planned-backorders.js';
import { describeDecision, describeDemand, describeReorderPoint, describeUrgency, formatMoney, formatNumber, formatPrecise, unitsOf } from './explain-plan.js';
import { reorderPointForFillRate } from './fill-rate-reorder-point.js';
import { inventoryPosition } from './inventory-position.js';
import { leadTimeDemand, type LeadTimeDemand } from './lead-time-demand.js';
import { netRequirement, type ReorderRule } from './net-requirement.js';
import { reorderPointFromQuantiles } from './quantile-reorder-point.js';
import type { ReorderPoint } from './reorder-point.js';
import type { ReplenishmentInput, ReplenishmentPlan } from './replenishment-plan.js';
import { success, validationFailure, type Result } from './result.js';
import { roundOrderQuantity } from './round-order-quantity.js';
import { urgency } from './urgency.js';
import { validateReplenishmentInput } from './validate-replenishment-input.js';

/**
 * Largest lot planned: a billion units, the most one order line may hold. Larger EOQs come only
 * from extreme costs, and past it floating point no longer counts single units.
 */
export const MAX_LOT_SIZE = 1_000_000_000;

/** Lots for lot-size policies (whole units from 1 to MAX_LOT_SIZE), or none for order-up-to. */
type LotSizing =
  | { readonly kind: 'order-up-to' }
  | {
      readonly kind: 'lots';
      readonly lotSize: number;
      /** Backlog deliberately accepted before each receipt (planned-backorder EOQ), else 0. */
      readonly plannedShortage: number;
      readonly explanation: string;
    };

/**
 * Suggests what to order for one item: reorder point and safety stock from the service
 * target, lot or order-up-to level from the policy, netted against the inventory position and
 * rounded to whole packs ≥ MOQ. Pure; the explanation restates every input and formula used.
 */
export function planReplenishment(input: ReplenishmentInput): Result<ReplenishmentPlan> {
  const invalid = validateReplenishmentInput(input);
  if (invalid) return invalid;
  const { policy } = input;
  const reviewDays = policy.kind === 'order-up-to' ? policy.reviewPeriodDays : 0;
  const protectionDays = input.leadTimeDays + reviewDays;

  const sizing = sizeLots(input);
  if (!sizing.ok) return sizing;
  const lots = sizing.value.kind === 'lots' ? sizing.value : null;
  const plannedShortage = lots?.plannedShortage ?? 0;
  const demandPerCycle = lots?.lotSize ?? input.meanDemandPerDay * reviewDays;

  const normalResult = normalDemand(input, protectionDays);
  if (!normalResult.ok) return normalResult;
  const normal = normalResult.value;
  const point = reorderPointFor(input, normal, protectionDays, demandPerCycle);
  if (!point.ok) return point;
  const meanDemand = input.meanDemandPerDay * protectionDays;
  // Below 0 an order would wait until customers are backordered: only planned backorders do that.
  const serviceLevel = Math.max(0, wholeUnitsAtLeast(point.value.reorderPoint));
  const reorderPoint = serviceLevel - plannedShortage;

  const rule: ReorderRule =
    lots === null
      ? { kind: 'order-up-to', orderUpTo: reorderPoint }
      : input.meanDemandPerDay === 0
        ? { kind: 'cover-backorders' }
        : policy.kind === 'min-max'
        ? { kind: 'min-max', min: reorderPoint, max: reorderPoint + lots.lotSize }
        : { kind: 'reorder-point', reorderPoint, lotSize: lots.lotSize };
  const position = inventoryPosition(input);
  const requiredQuantity = netRequirement(rule, position);
  const rounded = roundOrderQuantity(requiredQuantity, input);
  if (!rounded.ok) return rounded;
  const itemUrgency = urgency(input, input.meanDemandPerDay, input.leadTimeDays);

  const explanation = [
    describeDemand(input, protectionDays, reviewDays, normal),
    lots?.explanation ?? null,
    describeReorderPoint(input, normal, point.value, demandPerCycle, serviceLevel),
    plannedShortage > 0
      ? `Backorders are planned: the reorder point is lowered by the planned shortage Q·h/(p + h) = ${unitsOf(plannedShortage)} to ${formatNumber(reorderPoint)}.`
      : null,
    describeDecision(input, rule, position, requiredQuantity, rounded.value),
    describeUrgency(input, itemUrgency, { protectionDays, suggested: rounded.value, position, trigger: triggerOf(rule) }),
  ].filter((line): line is string => line !== null);

  return success({
    policy: policy.kind,
    suggestedQuantity: rounded.value,
    requiredQuantity,
    reorderPoint,
    orderUpToLevel: rule.kind === 'min-max' ? rule.max : rule.kind === 'order-up-to' ? rule.orderUpTo : null,
    lotSize: lots?.lotSize ?? null,
    safetyStock: serviceLevel - meanDemand,
    plannedShortage,
    serviceFactor: point.value.serviceFactor,
    leadTimeDemand: { mean: meanDemand, sd: normal?.sd ?? null },
    inventoryPosition: position,
    urgency: itemUrgency,
    explanation,
  });
}

function sizeLots(input: ReplenishmentInput): Result<LotSizing> {
  const { policy, costs, meanDemandPerDay: demandRate } = input;
  if (policy.kind === 'order-up-to') return success({ kind: 'order-up-to' });
  if (costs === undefined) return validationFailure('costs', `policy ${policy.kind} needs costs to size its lots`);
  if (demandRate === 0) {
    return success({
      kind: 'lots',
      lotSize: 1,
      plannedShortage: 0,
      explanation: 'No demand is forecast, so lots are single units.',
    });
  }
  const eoqInput = { demandRate, orderingCost: costs.orderingCost, holdingCost: costs.holdingCostPerUnitDay };
  if (policy.kind === 'eoq-planned-backorders') {
    const backorderCost = costs.backorderCostPerUnitDay ?? Number.NaN;
    const planned = eoqWithPlannedBackorders({ ...eoqInput, backorderCost });
    if (!planned.ok) return validationFailure(`costs.${planned.field}`, planned.message);
    const lotSize = wholeLot(planned.value.quantity);
    const shown = reproducibleTerms([demandRate, costs.orderingCost, costs.holdingCostPerUnitDay, backorderCost], lotSize, (t) => eoqWithPlannedBackorders({ demandRate: t[0] ?? 0, orderingCost: t[1] ?? 0, holdingCost: t[2] ?? 0, backorderCost: t[3] ?? 0 }));
    return success({
      kind: 'lots',
      lotSize,
      plannedShortage: Math.round(planned.value.maxShortage * (lotSize / planned.value.quantity)),
      explanation: `Lot size by EOQ with planned backorders √(${eoqTerms(shown)}) × √((p + h)/p) with p = ${shown.money(3)} per unit-day = ${unitsOf(lotSize)}${capped(planned.value.quantity)}.`,
    });
  }
  const eoq = economicOrderQuantity(eoqInput);
  if (!eoq.ok) return validationFailure(`costs.${eoq.field}`, eoq.message);
  const lotSize = wholeLot(eoq.value.quantity);
  const shown = reproducibleTerms([demandRate, costs.orderingCost, costs.holdingCostPerUnitDay], lotSize, (t) => economicOrderQuantity({ demandRate: t[0] ?? 0, orderingCost: t[1] ?? 0, holdingCost: t[2] ?? 0 }));
  return success({
    kind: 'lots',
    lotSize,
    plannedShortage: 0,
    explanation: `Lot size by EOQ √(${eoqTerms(shown)}) = ${unitsOf(lotSize)}${capped(eoq.value.quantity)}.`,
  });
}

interface ShownTerms {
  /** The demand rate as shown. */
  readonly rate: string;
  /** The i-th cost (minor units) as shown, in major units. */
  readonly money: (index: number) => string;
}

/**
 * The EOQ terms (demand rate, then costs in minor units) written with the fewest significant
 * digits (at least 4) from which the formula gives the same whole lot again, so a reader who
 * recomputes it from the explanation gets the lot shown.
 */
function reproducibleTerms(terms: readonly number[], lotSize: number, lotOf: (terms: readonly number[]) => Result<{ readonly quantity: number }>): ShownTerms {
  let digits = 4;
  for (; digits < 15; digits++) {
    const rounded = terms.map((term, index) => (index === 0 ? Number(term.toPrecision(digits)) : Number((term / 100).toPrecision(digits)) * 100));
    const lot = lotOf(rounded);
    if (lot.ok && wholeLot(lot.value.quantity) === lotSize) break;
  }
  return {
    rate: formatPrecise(terms[0] ?? 0, digits),
    money: (index) => formatMoney(terms[index] ?? 0, digits),
  };
}

function eoqTerms(shown: ShownTerms): string {
  return `2 × ${shown.rate}/day × ${shown.money(1)} per order / ${shown.money(2)} per unit-day`;
}

function capped(quantity: number): string {
  return quantity > MAX_LOT_SIZE ? ` (capped: the formula gives ${formatNumber(quantity)})` : '';
}

/** The level an order is judged against: reorder point, minimum or S; none without demand. */
function triggerOf(rule: ReorderRule): number | null {
  switch (rule.kind) {
    case 'reorder-point':
      return rule.reorderPoint;
    case 'min-max':
      return rule.min;
    case 'order-up-to':
      return rule.orderUpTo;
    case 'cover-backorders':
      return null;
  }
}

/** Normal demand over the protection interval, or null when the forecast gave quantiles. */
function normalDemand(input: ReplenishmentInput, protectionDays: number): Result<LeadTimeDemand | null> {
  if (input.sdDemandPerDay === undefined) return success(null);
  return leadTimeDemand({
    meanPerPeriod: input.meanDemandPerDay,
    sdPerPeriod: input.sdDemandPerDay,
    leadTime: protectionDays,
    leadTimeSd: input.leadTimeSdDays ?? 0,
  });
}

function reorderPointFor(
  input: ReplenishmentInput,
  normal: LeadTimeDemand | null,
  protectionDays: number,
  demandPerCycle: number,
): Result<ReorderPoint> {
  const { service } = input;
  if (normal === null && service.kind === 'fill-rate') {
    const level = input.fillRateReorderPoint ?? Number.NaN;
    return success({ serviceFactor: null, safetyStock: level - input.meanDemandPerDay * protectionDays, reorderPoint: level });
  }
  if (normal === null) {
    const point = reorderPointFromQuantiles(
      input.leadTimeQuantiles ?? [],
      service.target,
      input.meanDemandPerDay * protectionDays,
    );
    return point.ok ? point : validationFailure('leadTimeQuantiles', point.message);
  }
  const point =
    service.kind === 'fill-rate'
      ? reorderPointForFillRate(normal, service.target, demandPerCycle)
      : reorderPointForCycleServiceLevel(normal, service.target);
  return point.ok ? point : validationFailure('service.target', point.message);
}

/** A lot of whole units from 1 to MAX_LOT_SIZE. */
function wholeLot(quantity: number): number {
  return Math.min(MAX_LOT_SIZE, Math.max(1, Math.round(quantity)));
}

/** Smallest whole number ≥ x, forgiving float noise such as 600.0000000001. */
function wholeUnitsAtLeast(x: number): number {
  return Math.ceil(x - 1e-9);
}
