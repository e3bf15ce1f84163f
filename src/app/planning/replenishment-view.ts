import { addDays, daysBetween } from '../../domain/dates.js';
import type { ServiceTarget } from '../../domain/replenish/index.js';
import type { Result } from '../result.js';
import { planItem, type ForecastModel, type ItemPlan } from './plan-item.js';
import type { LeadTimeModel, PlanningSettings } from './planning-settings.js';
import type { ForecastRecord, PlanningFact } from './ports.js';
import { FORECAST_STEP_DAYS } from './run-forecasts.js';

/** The public shape of one item's replenishment plan: what the API returns and the CLI prints. */
export interface ReplenishmentView {
  readonly sku: string;
  readonly name: string;
  /** Code of the preferred supplier, whose MOQ and pack size the quantity respects; null without one. */
  readonly supplier: string | null;
  readonly policy: string;
  readonly service: ServiceTarget;
  readonly leadTimeModel: LeadTimeModel;
  readonly leadTimeDays: number;
  readonly reviewPeriodDays: number | null;
  readonly meanDemandPerDay: number;
  readonly leadTimeDemand: { readonly mean: number; readonly sd: number | null };
  readonly safetyStock: number;
  readonly reorderPoint: number;
  readonly orderUpToLevel: number | null;
  readonly lotSize: number | null;
  readonly stock: { readonly onHand: number; readonly allocated: number; readonly incoming: number; readonly backordered: number; readonly drafted: number };
  readonly inventoryPosition: number;
  readonly requiredQuantity: number;
  readonly suggestedQuantity: number;
  readonly minimumOrderQuantity: number;
  readonly packSize: number;
  readonly urgency: {
    /** Days until free stock runs out at forecast demand; null when no demand is forecast. */
    readonly daysUntilStockout: number | null;
    /** The day that happens (today when it already has). */
    readonly stockoutOn: string | null;
    readonly stockoutWithinLeadTime: boolean;
  };
  readonly forecast: { readonly method: string; readonly demandClass: string; readonly computedAt: string } | null;
  readonly explanation: readonly string[];
}

/** Plans one item from its facts and stored forecast under the settings, as of `today`. */
export function planFor(fact: PlanningFact, forecast: ForecastRecord | null, settings: PlanningSettings, today: string): Result<ItemPlan> {
  return planItem({
    forecast: forecast === null ? null : forecastModel(forecast, today),
    stock: { onHand: fact.onHand, incoming: fact.incoming, allocated: fact.allocated, backordered: fact.backordered },
    leadTimeDays: fact.leadTimeDays,
    unitCost: fact.supplier?.unitCost ?? fact.unitCost,
    minimumOrderQuantity: fact.supplier?.moq ?? 0,
    packSize: fact.supplier?.packSize ?? 1,
    settings,
  });
}

/** A stored (weekly) forecast as the planner's demand model from `today`: whole weeks already past are skipped. */
export function forecastModel(forecast: ForecastRecord, today: string): ForecastModel {
  const elapsed = Math.floor(Math.max(0, daysBetween(forecast.startDay, today)) / FORECAST_STEP_DAYS);
  return {
    mean: elapsed === 0 ? forecast.mean : forecast.mean.slice(Math.min(elapsed, Math.max(0, forecast.mean.length - 1))),
    stepDays: FORECAST_STEP_DAYS,
    dispersion: forecast.dispersion,
    levelUncertainty: forecast.levelUncertainty,
    leadTimeRmse: forecast.leadTimeRmse,
    protectionDays: forecast.protectionDays,
  };
}

/** The view of a plan; `today` dates the stockout. */
export function replenishmentView(fact: PlanningFact, forecast: ForecastRecord | null, plan: ItemPlan, today: string): ReplenishmentView {
  const days = plan.urgency.daysUntilStockout;
  return {
    sku: fact.sku,
    name: fact.name,
    supplier: fact.supplier?.code ?? null,
    policy: plan.policy,
    service: plan.service,
    leadTimeModel: plan.leadTimeModel,
    leadTimeDays: plan.leadTimeDays,
    reviewPeriodDays: plan.reviewPeriodDays,
    meanDemandPerDay: plan.meanDemandPerDay,
    leadTimeDemand: plan.leadTimeDemand,
    safetyStock: plan.safetyStock,
    reorderPoint: plan.reorderPoint,
    orderUpToLevel: plan.orderUpToLevel,
    lotSize: plan.lotSize,
    stock: { onHand: fact.onHand, allocated: fact.allocated, incoming: fact.incoming, backordered: fact.backordered, drafted: fact.drafted },
    inventoryPosition: plan.inventoryPosition,
    requiredQuantity: plan.requiredQuantity,
    suggestedQuantity: plan.suggestedQuantity,
    minimumOrderQuantity: fact.supplier?.moq ?? 0,
    packSize: fact.supplier?.packSize ?? 1,
    urgency: {
      daysUntilStockout: days,
      stockoutOn: days === null ? null : addDays(today, Math.floor(days)),
      stockoutWithinLeadTime: plan.urgency.stockoutWithinLeadTime,
    },
    forecast: forecast === null ? null : { method: forecast.method, demandClass: forecast.demandClass, computedAt: forecast.computedAt },
    explanation: plan.explanation,
  };
}

/** Where a plan ranks: days until stockout (null when none is in sight), then sku. */
export interface UrgencyRank {
  readonly days: number | null;
  readonly sku: string;
}

export function urgencyRank(view: ReplenishmentView): UrgencyRank {
  return { days: view.urgency.daysUntilStockout, sku: view.sku };
}

/** Most urgent first: soonest stockout (no stockout in sight last), then sku. */
export function compareUrgency(a: UrgencyRank, b: UrgencyRank): number {
  const da = a.days ?? Number.POSITIVE_INFINITY;
  const db = b.days ?? Number.POSITIVE_INFINITY;
  if (da !== db) return da - db;
  return a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0;
}

/** Most urgent first (compareUrgency). */
export function byUrgency(a: ReplenishmentView, b: ReplenishmentView): number {
  return compareUrgency(urgencyRank(a), urgencyRank(b));
}
