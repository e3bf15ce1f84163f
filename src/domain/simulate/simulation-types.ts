import type { DemandSpec } from './demand-process.js';
import type { LeadTimeSpec } from './lead-time.js';
import type { SimulationPolicy } from './simulation-policy.js';

/** Plain-data input and output of a simulation run; one period is typically a day. */

/** What happens to demand that stock cannot serve at once. */
export type SalesMode = 'backorder' | 'lost-sales';

export interface SimulationCosts {
  readonly holdingCostPerUnitPeriod?: number;
  readonly orderingCost?: number;
  readonly backorderCostPerUnitPeriod?: number;
  readonly lostSaleCostPerUnit?: number;
}

/** Everything but the policy: what several policies are compared under. */
export interface SimulationSettings {
  readonly demand: DemandSpec;
  /** Whole number; the same seed reproduces demand and lead times exactly. Default 1. */
  readonly seed?: number;
  readonly leadTime: LeadTimeSpec;
  /** Default `backorder`. */
  readonly mode?: SalesMode;
  readonly costs?: SimulationCosts;
  /** Stock at the start; default the top of the policy's cycle. */
  readonly initialOnHand?: number;
  /** Keep the per-period trajectory (default true); turn off for very long runs. */
  readonly recordTrajectory?: boolean;
}

export interface SimulationInput extends SimulationSettings {
  readonly policy: SimulationPolicy;
}

export interface ComparisonInput extends SimulationSettings {
  readonly policies: readonly SimulationPolicy[];
}

/** End-of-period state and flows, one entry per period. */
export interface Trajectory {
  readonly onHand: readonly number[];
  readonly backorders: readonly number[];
  readonly onOrder: readonly number[];
  readonly demand: readonly number[];
  /** Units served from stock in the period their demand arose. */
  readonly served: readonly number[];
  readonly lost: readonly number[];
  /** Units ordered at the period's review (whole packs ≥ MOQ), 0 when none. */
  readonly ordered: readonly number[];
}

export interface SimulationCost {
  readonly holding: number;
  readonly ordering: number;
  readonly backorder: number;
  readonly lostSales: number;
  readonly total: number;
  readonly perPeriod: number;
}

/**
 * Outcome of one run. Units are conserved:
 * demand = servedFromStock + servedFromBackorder + backorderedAtEnd + lost.
 */
export interface SimulationResult {
  readonly policy: SimulationPolicy;
  readonly mode: SalesMode;
  readonly periods: number;
  readonly units: {
    readonly demand: number;
    readonly servedFromStock: number;
    readonly servedFromBackorder: number;
    readonly backorderedAtEnd: number;
    readonly lost: number;
  };
  /** Units served from stock in the period of their demand ÷ demand; `null` without demand. */
  readonly fillRate: number | null;
  /**
   * Share of replenishment cycles (receipt to next receipt) in which no demand went unserved
   * from stock; `null` before two receipts.
   */
  readonly cycleServiceLevel: number | null;
  readonly replenishmentCycles: number;
  /** Mean end-of-period stock on hand. */
  readonly averageOnHand: number;
  /** Mean end-of-period backorders. */
  readonly averageBackorders: number;
  /** Periods in which some demand could not be served from stock. */
  readonly stockoutPeriods: number;
  readonly orders: number;
  /** Holding and backorder costs accrue on end-of-period levels. */
  readonly cost: SimulationCost;
  /** `null` when `recordTrajectory` was false. */
  readonly trajectory: Trajectory | null;
}
