import type { SimulationCosts } from './simulation-types.js';

/** What the planner prices stock with (all money in minor currency units). */
export interface PlanningCostBasis {
  /** The item's cost of one unit; the planner holds at least 1 (a free unit still takes room). */
  readonly unitCost: number;
  /** Revenue of one unit sold: what a lost sale loses. */
  readonly unitPrice: number;
  /** Cost of one purchase order. */
  readonly orderingCost: number;
  /** Yearly holding cost as a share of unit cost. */
  readonly holdingRate: number;
  /** A unit kept waiting costs this many times holding it. */
  readonly backorderCostRatio: number;
  /** Days per simulated period. */
  readonly periodDays: number;
}

/**
 * The simulation costs the replenishment planner's own settings imply, so a simulation prices
 * policies as the plan was made: holding max(1, unit cost) × rate ÷ 365 a day, scaled to the
 * period; backorders that times the backorder-cost ratio; a lost sale its unit price.
 */
export function planningCosts(basis: PlanningCostBasis): Required<SimulationCosts> {
  const holdingCostPerUnitPeriod = ((Math.max(1, basis.unitCost) * basis.holdingRate) / 365) * basis.periodDays;
  return {
    orderingCost: basis.orderingCost,
    holdingCostPerUnitPeriod,
    backorderCostPerUnitPeriod: holdingCostPerUnitPeriod * basis.backorderCostRatio,
    lostSaleCostPerUnit: basis.unitPrice,
  };
}
