import { addDays, daysBetween } from '../../domain/dates.js';
import { inventoryPosition, roundOrderQuantity, urgency, type ServiceTarget, type StockPosition } from '../../domain/replenish/index.js';
import { ok, type Result } from '../result.js';
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
  /** Backlog accepted before each receipt (eoq-planned-backorders), lowering the reorder point; else 0. */
  readonly plannedShortage: number;
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

/** What drafting reads of a plan: the need before pack and MOQ rounding, and the suggestion after it. */
export type PlannedQuantities = Pick<ItemPlan, 'requiredQuantity' | 'suggestedQuantity'>;

/**
 * What is left to order of a suggestion once the item's draft purchase orders are sent: the need
 * before rounding less the units on drafts, then rounded once, to whole packs and at least the MOQ
 * (a line of its own), or 0 when the drafts hold it all. Taking the drafts from the suggestion,
 * already rounded, and rounding again would order a pack more than the need (85 needed in packs
 * of 12, 1 on a draft: 84 more, not 96). A discontinued item's need is not rounded (see
 * planDiscontinued), nor is its rest. A draft is not supply (planFor leaves it out), but drafting
 * again must not order what a draft already holds, nor leave out what it does not, whatever the policy.
 */
export function restBeyondDrafts(fact: PlanningFact, plan: PlannedQuantities): number {
  const rest = plan.requiredQuantity - fact.drafted;
  if (rest <= 0) return 0;
  if (fact.discontinued) return rest;
  const rounded = roundOrderQuantity(rest, { minimumOrderQuantity: fact.supplier?.moq ?? 0, packSize: fact.supplier?.packSize ?? 1 });
  return rounded.ok ? rounded.value : rest;
}

/**
 * Plans one item from its facts and stored forecast under the settings, as of `today`. A
 * discontinued item is planned by planDiscontinued: nothing beyond the units customers wait for.
 */
export function planFor(fact: PlanningFact, forecast: ForecastRecord | null, settings: PlanningSettings, today: string): Result<ItemPlan> {
  const stock: StockPosition = { onHand: fact.onHand, incoming: fact.incoming, allocated: fact.allocated, backordered: fact.backordered };
  if (fact.discontinued) return ok(planDiscontinued(fact, stock, settings));
  return planItem({
    forecast: forecast === null ? null : forecastModel(forecast, today),
    stock,
    leadTimeDays: fact.leadTimeDays,
    unitCost: fact.supplier?.unitCost ?? fact.unitCost,
    minimumOrderQuantity: fact.supplier?.moq ?? 0,
    packSize: fact.supplier?.packSize ?? 1,
    settings,
  });
}

/**
 * A discontinued item is never restocked: it is ordered only for the units customers already wait
 * for, net of free stock and open purchase orders (no safety stock, cycle stock or forecast
 * demand), and that exact number, not rounded up to the supplier's MOQ or packs, since the rest
 * would never sell. Nothing is due once stock and open orders cover every waiting unit.
 */
function planDiscontinued(fact: PlanningFact, stock: StockPosition, settings: PlanningSettings): ItemPlan {
  const position = inventoryPosition(stock);
  const quantity = Math.max(0, -position);
  const moq = fact.supplier?.moq ?? 0;
  const packSize = fact.supplier?.packSize ?? 1;
  const terms = [
    quantity > 0 && quantity < moq ? `the supplier's minimum order of ${moq}` : null,
    quantity > 0 && packSize > 1 && quantity % packSize !== 0 ? `whole packs of ${packSize}` : null,
  ].filter((term): term is string => term !== null);
  const explanation = [
    `Discontinued: only the ${stock.backordered} units customers wait for, less stock and open orders, are ordered; no safety stock, cycle stock or forecast demand.`,
    stock.backordered === 0
      ? 'No customer waits for it: nothing to order.'
      : `Waiting ${stock.backordered} − (on hand ${stock.onHand} − allocated ${stock.allocated}) − incoming ${stock.incoming} = ${-position}: ${quantity > 0 ? `order ${quantity}` : 'stock and open orders cover them, nothing to order'}.`,
    ...(terms.length > 0 ? [`Not rounded up to ${terms.join(' or ')}: units beyond the waiting customers would never sell, so the draft purchase order warns about the supplier's terms instead.`] : []),
  ];
  return {
    policy: settings.policy,
    suggestedQuantity: quantity,
    requiredQuantity: quantity,
    reorderPoint: 0,
    orderUpToLevel: 0,
    lotSize: null,
    safetyStock: 0,
    plannedShortage: 0,
    serviceFactor: null,
    leadTimeDemand: { mean: 0, sd: 0 },
    inventoryPosition: position,
    urgency: urgency(stock, 0, fact.leadTimeDays),
    explanation,
    service: settings.service,
    leadTimeModel: settings.leadTimeModel,
    leadTimeDays: fact.leadTimeDays,
    reviewPeriodDays: null,
    meanDemandPerDay: 0,
    // Each day, order what brings the position back to zero: the waiting customers, nothing more.
    simulationPolicy: { kind: 'R-S', reviewPeriod: 1, orderUpTo: 0 },
  };
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
    plannedShortage: plan.plannedShortage,
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
