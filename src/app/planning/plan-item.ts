import {
  planReplenishment,
  type DemandQuantile,
  type ReplenishmentInput,
  type ReplenishmentPlan,
  type ReplenishmentPolicy,
  type ServiceTarget,
  type StockPosition,
} from '../../domain/replenish/index.js';
import type { SimulationPolicy } from '../../domain/simulate/index.js';
import { invalid, ok, type Result } from '../result.js';
import { orderUpToForFillRate, reorderPointForFillRateWithLots, type FillRateLevel } from './fill-rate-level.js';
import { expectedShortage, leadTimeDistribution, meanAt, probabilityAtMost, quantileOf, type DemandModel, type LeadTimeDistribution } from './lead-time-distribution.js';
import type { LeadTimeModel, PlanningSettings } from './planning-settings.js';

/** A stored forecast as the planner reads it. */
export interface ForecastModel extends DemandModel {
  /** Days per forecast step (7 for the weekly forecasts Restock stores). */
  readonly stepDays: number;
  /** Error of the forecast's sums over `protectionDays` in back-tests; null when none could be run. */
  readonly leadTimeRmse: number | null;
  readonly protectionDays: number;
}

export interface PlanItemInput {
  /** null when the item has no forecast yet: it is planned as having no demand. */
  readonly forecast: ForecastModel | null;
  readonly stock: StockPosition;
  readonly leadTimeDays: number;
  readonly unitCost: number;
  readonly minimumOrderQuantity: number;
  readonly packSize: number;
  readonly settings: PlanningSettings;
}

/** A replenishment plan with the settings it was made under and the policy the simulator runs as "current plan". */
export interface ItemPlan extends ReplenishmentPlan {
  readonly service: ServiceTarget;
  readonly leadTimeModel: LeadTimeModel;
  readonly leadTimeDays: number;
  readonly reviewPeriodDays: number | null;
  readonly meanDemandPerDay: number;
  readonly simulationPolicy: SimulationPolicy;
}

/** Quantiles of protection-interval demand quoted in a plan's explanation. */
const QUOTED_LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99];

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 1 });
const units = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' });
const unitCount = (value: number) => `${units.format(value)} ${units.format(value) === '1' ? 'unit' : 'units'}`;

/**
 * Plans one item from its forecast: demand over the protection interval (lead time, plus
 * the review period for order-up-to) from the forecast's own count distribution or a normal one
 * with the back-tested error as σ; the level for the service target; lots, MOQ and packs; net of
 * the stock position. The replenishment module does the arithmetic and wording; a fill-rate
 * target on the forecast's distribution is turned into the quantile that meets it first.
 */
export function planItem(input: PlanItemInput): Result<ItemPlan> {
  const { settings } = input;
  const model: ForecastModel = input.forecast ?? { mean: [], stepDays: 1, dispersion: 1, levelUncertainty: 0, leadTimeRmse: null, protectionDays: 0 };
  const reviewDays = settings.policy === 'order-up-to' ? settings.reviewPeriodDays : 0;
  const protectionDays = input.leadTimeDays + reviewDays;
  const protection = leadTimeDistribution(model, protectionDays / model.stepDays);
  const meanDemandPerDay = protectionDays > 0 ? protection.mean / protectionDays : meanAt(model.mean, 0) / model.stepDays;
  const policy: ReplenishmentPolicy = settings.policy === 'order-up-to' ? { kind: 'order-up-to', reviewPeriodDays: reviewDays } : { kind: settings.policy };
  const holdingCostPerUnitDay = (Math.max(1, input.unitCost) * settings.holdingRate) / 365;
  const base: ReplenishmentInput = {
    ...input.stock,
    meanDemandPerDay,
    leadTimeDays: input.leadTimeDays,
    service: settings.service,
    policy,
    costs: { orderingCost: settings.orderingCost, holdingCostPerUnitDay, backorderCostPerUnitDay: holdingCostPerUnitDay * settings.backorderCostRatio },
    minimumOrderQuantity: input.minimumOrderQuantity,
    packSize: input.packSize,
  };

  const planned = settings.leadTimeModel === 'normal'
    ? plan({ ...base, sdDemandPerDay: normalSdPerDay(model, protection, protectionDays) }, [])
    : planOnQuantiles(base, model, protection, input.leadTimeDays, reviewDays);
  if (!planned.ok) return planned;
  const notes = [...plannedBacklogNote(settings, planned.value, protection), ...unpricedLotNote(input.unitCost, meanDemandPerDay, planned.value)];
  const result = { ...planned.value, explanation: [...planned.value.explanation, ...notes] };
  return ok({
    ...result,
    // planReplenishment rounds 0 demand to −0; JSON shows both as 0, strict equality does not.
    reorderPoint: result.reorderPoint + 0,
    orderUpToLevel: result.orderUpToLevel === null ? null : result.orderUpToLevel + 0,
    service: settings.service,
    leadTimeModel: settings.leadTimeModel,
    leadTimeDays: input.leadTimeDays,
    reviewPeriodDays: reviewDays > 0 ? reviewDays : null,
    meanDemandPerDay,
    simulationPolicy: simulationPolicyOf(result, reviewDays),
  });
}

/**
 * EOQ with planned backorders lowers the reorder point by the backlog it plans, so it delivers
 * less than a fill-rate target set beside it: says how much less (under the forecast's
 * distribution), rather than let the plan read as meeting the target.
 */
function plannedBacklogNote(settings: PlanningSettings, plan: ReplenishmentPlan, protection: LeadTimeDistribution): string[] {
  const lot = plan.lotSize;
  if (settings.policy !== 'eoq-planned-backorders' || lot === null || plan.leadTimeDemand.mean === 0) return [];
  const s = plan.reorderPoint;
  if (settings.service.kind === 'cycle-service-level') {
    const cycles = probabilityAtMost(protection, s);
    if (cycles >= settings.service.target) return [];
    const share = cycles < 0.01 ? 'under 1%' : percent.format(cycles);
    return [
      `With the planned backlog, reorder point ${units.format(s)} covers the demand over the lead time in ${share} of cycles, not the ${percent.format(settings.service.target)} target: planned backorders trade service for lower ordering and holding costs (a waiting unit costs ${units.format(settings.backorderCostRatio)}× holding it; a higher backorderCostRatio plans less backlog).`,
    ];
  }
  const delivered = 1 - (expectedShortage(protection, s) - expectedShortage(protection, s + lot)) / lot;
  if (delivered >= settings.service.target) return [];
  return [
    `With the planned backlog, reorder point ${units.format(s)} and lots of ${units.format(lot)} deliver an expected fill rate of ${percent.format(delivered)}, below the ${percent.format(settings.service.target)} target: planned backorders trade service for lower ordering and holding costs (a waiting unit costs ${units.format(settings.backorderCostRatio)}× holding it; a higher backorderCostRatio plans less backlog).`,
  ];
}

/**
 * An item without a unit cost is held at the least cost there is (1 cent), so the EOQ lots it gets
 * are far larger than its real cost would give: says how many days of demand a lot holds.
 */
function unpricedLotNote(unitCost: number, demandPerDay: number, plan: ReplenishmentPlan): string[] {
  const lot = plan.lotSize;
  if (unitCost > 0 || lot === null || demandPerDay <= 0) return [];
  return [`The item has no unit cost, so holding it was priced as if a unit cost 0.01: each lot of ${units.format(lot)} holds ${units.format(Math.round(lot / demandPerDay))} days of demand. Set the item's unit cost for lots sized by what holding it really costs.`];
}

/** σ per day for the normal model: the back-tested error of lead-time sums, rescaled to this interval, else the count model's. */
function normalSdPerDay(model: ForecastModel, protection: LeadTimeDistribution, days: number): number {
  if (days === 0) return 0;
  const sd = model.leadTimeRmse !== null && model.protectionDays > 0
    ? model.leadTimeRmse * Math.sqrt(days / model.protectionDays)
    : Math.sqrt(protection.variance);
  return sd / Math.sqrt(days);
}

function planOnQuantiles(base: ReplenishmentInput, model: ForecastModel, protection: LeadTimeDistribution, leadDays: number, reviewDays: number): Result<ReplenishmentPlan> {
  const { service } = base;
  if (service.kind === 'cycle-service-level') return plan({ ...base, leadTimeQuantiles: quoted(protection, service.target, quantileOf(protection, service.target)) }, []);
  // Nothing asked for, nothing short: no level to search for, nor lots to weigh it against.
  if (protection.mean === 0) return plan({ ...base, leadTimeQuantiles: quoted(protection), fillRateReorderPoint: 0 }, []);
  if (base.policy.kind === 'order-up-to') {
    const level = orderUpToForFillRate(model, leadDays / model.stepDays, reviewDays / model.stepDays, service.target);
    return atFillRateLevel(base, level, describeFillRate(service.target, level, `S = ${units.format(level.level)}`, `per ${reviewDays}-day review cycle (E[(D over ${leadDays + reviewDays} days − S)⁺] − E[(D over ${leadDays} days − S)⁺] under the forecast's distribution)`, `over the ${leadDays + reviewDays}-day review period and lead time`));
  }
  // Lots first (they do not depend on the reorder point), then the point that meets the target with them.
  const sizing = plan({ ...base, service: { kind: 'cycle-service-level', target: 0.5 }, leadTimeQuantiles: quoted(protection, 0.5, quantileOf(protection, 0.5)) }, []);
  if (!sizing.ok) return sizing;
  const lotSize = sizing.value.lotSize ?? 1;
  const found = reorderPointForFillRateWithLots(model, leadDays / model.stepDays, lotSize, service.target);
  const formula = `(E[(D over ${leadDays} days − s)⁺] − E[(D over ${leadDays} days − s − Q)⁺] under the forecast's distribution)`;
  if (found.level > 0) {
    return atFillRateLevel(base, found, describeFillRate(service.target, found, `reorder point s = ${units.format(found.level)}`, `per lot of ${units.format(lotSize)} ${formula}`, `over the ${leadDays}-day lead time`));
  }
  // The lot alone meets the target: s = 0 (ordering when free stock runs out) does, and a lower s would plan backorders.
  const level = atLevel(found, 0, lotSize);
  return atFillRateLevel(base, level, `Target fill rate ${percent.format(service.target)}: the lot of ${units.format(lotSize)} alone meets it: even ordering only once the inventory position falls to 0 (reorder point s = 0) leaves an expected ${unitCount(level.shortagePerCycle)} of each lot short ${formula}, within the ${percent.format(1 - service.target)} of the lot the target allows, so the reorder point need not cover any of the ${unitCount(protection.mean)} expected over the ${leadDays}-day lead time. Customers may wait near the end of a lot${found.level < 0 && base.policy.kind !== 'eoq-planned-backorders' ? ` (the target would allow a reorder point as low as ${units.format(found.level)}; planning such backorders on purpose is the eoq-planned-backorders policy)` : ''}.`);
}

/** The fill-rate figures of another level s with lots of `lotSize` (used when the target allows s below 0). */
function atLevel(found: FillRateLevel, level: number, lotSize: number): FillRateLevel {
  const shortagePerCycle = expectedShortage(found.protection, level) - expectedShortage(found.protection, level + lotSize);
  return { ...found, level, shortagePerCycle, probability: probabilityAtMost(found.protection, level) };
}

/** Plans at the level found for the fill rate, which the replenishment module takes as given. */
function atFillRateLevel(base: ReplenishmentInput, level: FillRateLevel, explanation: string): Result<ReplenishmentPlan> {
  return plan({ ...base, leadTimeQuantiles: quoted(level.protection), fillRateReorderPoint: level.level }, [explanation]);
}

function describeFillRate(target: number, level: FillRateLevel, what: string, cycle: string, over: string): string {
  const share = level.probability < 0.01 ? 'under 1%' : percent.format(level.probability);
  return `Target fill rate ${percent.format(target)}: ${what} leaves an expected ${unitCount(level.shortagePerCycle)} short ${cycle}, within ${percent.format(1 - target)} of the ${unitCount(level.demandPerCycle)} asked for per cycle. Demand ${over} stays at or below that level with probability ${share}: that is the cycle service level the ${percent.format(target)} fill-rate target implies, not a setting.`;
}

/** The quoted quantiles, plus the one a cycle service level stands on, by increasing probability. */
function quoted(distribution: LeadTimeDistribution, probability?: number, quantity?: number): DemandQuantile[] {
  const points = QUOTED_LEVELS.filter((level) => probability === undefined || Math.abs(level - probability) > 1e-9).map((level) => ({ probability: level, quantity: quantileOf(distribution, level) }));
  if (probability !== undefined && quantity !== undefined) points.push({ probability, quantity });
  points.sort((a, b) => a.probability - b.probability);
  // The grid's step function and the exact point agree on order; this only guards float noise.
  for (let i = 1; i < points.length; i++) {
    const previous = points[i - 1] as DemandQuantile;
    const point = points[i] as DemandQuantile;
    if (point.quantity < previous.quantity) points[i] = { ...point, quantity: previous.quantity };
  }
  return points;
}

function plan(input: ReplenishmentInput, preface: readonly string[]): Result<ReplenishmentPlan> {
  const result = planReplenishment(input);
  if (!result.ok) return invalid(result.field, result.message);
  return ok(preface.length === 0 ? result.value : { ...result.value, explanation: [...preface, ...result.value.explanation] });
}

/** The plan as a policy the simulator can replay: (R, S), (s, Q) or min/max. */
function simulationPolicyOf(plan: ReplenishmentPlan, reviewDays: number): SimulationPolicy {
  switch (plan.policy) {
    case 'order-up-to':
      return { kind: 'R-S', reviewPeriod: reviewDays, orderUpTo: Math.max(0, plan.orderUpToLevel ?? plan.reorderPoint) };
    case 'min-max':
      return { kind: 'min-max', min: plan.reorderPoint, max: plan.orderUpToLevel ?? plan.reorderPoint + 1 };
    case 'eoq':
    case 'eoq-planned-backorders':
      return { kind: 's-Q', reorderPoint: plan.reorderPoint, orderQuantity: plan.lotSize ?? 1 };
  }
}
