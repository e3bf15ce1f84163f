/** Replenishment maths: pure functions from demand, costs and stock to what to order. */
export { reorderPointForCycleServiceLevel } from './cycle-service-level-reorder-point.js';
export { economicOrderQuantity, type Eoq, type EoqInput } from './economic-order-quantity.js';
export {
  eoqWithPlannedBackorders,
  type EoqWithPlannedBackorders,
  type PlannedBackordersInput,
} from './eoq-with-planned-backorders.js';
export { reorderPointForFillRate } from './fill-rate-reorder-point.js';
export { inventoryPosition, type StockPosition } from './inventory-position.js';
export { inverseNormalLoss } from './inverse-normal-loss.js';
export { leadTimeDemand, type LeadTimeDemand, type LeadTimeDemandInput } from './lead-time-demand.js';
export { netRequirement, type ReorderRule } from './net-requirement.js';
export { normalLoss } from './normal-loss.js';
export { planReplenishment } from './plan-replenishment.js';
export { reorderPointFromQuantiles, type DemandQuantile } from './quantile-reorder-point.js';
export type { ReorderPoint } from './reorder-point.js';
export type {
  ReplenishmentCosts,
  ReplenishmentInput,
  ReplenishmentPlan,
  ReplenishmentPolicy,
  ReplenishmentPolicyKind,
  ServiceTarget,
} from './replenishment-plan.js';
export { success, validationFailure, type Result, type Success, type ValidationFailure } from './result.js';
export { roundOrderQuantity, type OrderConstraints } from './round-order-quantity.js';
export { servicePerformance, type ServicePerformance } from './service-performance.js';
export { standardNormalCdf, standardNormalPdf, standardNormalQuantile } from './standard-normal.js';
export { urgency, type Urgency } from './urgency.js';
