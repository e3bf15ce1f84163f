import type { StockPosition } from './inventory-position.js';
import type { LeadTimeDemand } from './lead-time-demand.js';
import type { DemandQuantile } from './quantile-reorder-point.js';
import type { Urgency } from './urgency.js';

/** The plain-data input and output of `planReplenishment`. Time is in days throughout. */

export type ServiceTarget =
  | { readonly kind: 'cycle-service-level'; readonly target: number }
  | { readonly kind: 'fill-rate'; readonly target: number };

/**
 * How much to order once the reorder point is reached:
 * - `eoq`: continuous review (s, nQ) with Q = EOQ;
 * - `eoq-planned-backorders`: (s, nQ) with the planned-backorder EOQ; the reorder point is
 *   lowered by the planned shortage, so customers are deliberately kept waiting up to it;
 * - `min-max`: min = reorder point, max = min + EOQ; at or below min, order up to max;
 * - `order-up-to`: periodic review every `reviewPeriodDays`, up to S covering review + lead time.
 */
export type ReplenishmentPolicy =
  | { readonly kind: 'eoq' }
  | { readonly kind: 'eoq-planned-backorders' }
  | { readonly kind: 'min-max' }
  | { readonly kind: 'order-up-to'; readonly reviewPeriodDays: number };

export type ReplenishmentPolicyKind = ReplenishmentPolicy['kind'];

/** Costs in minor currency units (cents), as all money in Restock; explanations show major units. */
export interface ReplenishmentCosts {
  /** Fixed cost per purchase order. */
  readonly orderingCost: number;
  readonly holdingCostPerUnitDay: number;
  /** Needed by `eoq-planned-backorders` only. */
  readonly backorderCostPerUnitDay?: number;
}

export interface ReplenishmentInput extends StockPosition {
  readonly meanDemandPerDay: number;
  /** Per-day demand σ; give this or `leadTimeQuantiles`. */
  readonly sdDemandPerDay?: number;
  /**
   * Quantiles of demand over the protection interval (lead time, plus the review period for
   * `order-up-to`), e.g. straight from a forecast. With a fill-rate target, give also
   * `fillRateReorderPoint`: the normal loss function cannot price a forecast's own distribution.
   */
  readonly leadTimeQuantiles?: readonly DemandQuantile[];
  /**
   * With `leadTimeQuantiles` and a fill-rate target: the reorder point (S for order-up-to) the
   * caller found to meet it on the forecast's distribution; planned as given (floored at 0).
   */
  readonly fillRateReorderPoint?: number;
  readonly leadTimeDays: number;
  /** σ of the lead time in days; 0 or absent for a fixed lead time. */
  readonly leadTimeSdDays?: number;
  readonly service: ServiceTarget;
  readonly policy: ReplenishmentPolicy;
  readonly costs?: ReplenishmentCosts;
  readonly minimumOrderQuantity?: number;
  readonly packSize?: number;
}

export interface ReplenishmentPlan {
  readonly policy: ReplenishmentPolicyKind;
  /** What to order now: whole packs, at least the MOQ; 0 when no order is due. */
  readonly suggestedQuantity: number;
  /** What the reorder rule asks for before pack and MOQ rounding. */
  readonly requiredQuantity: number;
  /** Inventory position at or below which an order is due (whole units; S for order-up-to). */
  readonly reorderPoint: number;
  /** Level orders fill up to (max, S); `null` for lot-size policies. */
  readonly orderUpToLevel: number | null;
  /** Lot size Q in whole units for lot-size policies; `null` otherwise. */
  readonly lotSize: number | null;
  /**
   * Reorder point minus mean protection-interval demand, plus the planned shortage; may be negative.
   * A reorder point is never planned below 0 but by the planned shortage of eoq-planned-backorders.
   */
  readonly safetyStock: number;
  /**
   * Backlog deliberately accepted before each receipt (eoq-planned-backorders), which lowers the
   * reorder point; 0 for every other policy. So reorder point = lead-time demand + safety stock −
   * planned shortage, always.
   */
  readonly plannedShortage: number;
  /** k = safety stock / σ_L before whole-unit rounding; `null` when not defined. */
  readonly serviceFactor: number | null;
  /** Demand over the protection interval; `sd` is `null` when quantiles were given. */
  readonly leadTimeDemand: { readonly mean: number; readonly sd: number | null };
  readonly inventoryPosition: number;
  readonly urgency: Urgency;
  /** Plain-words account of the inputs and formulas, one sentence per step. */
  readonly explanation: readonly string[];
}
