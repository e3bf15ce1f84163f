import { checkNonNegative, checkOpenProbability, firstFailure } from './field-checks.js';
import { inverseNormalLoss } from './inverse-normal-loss.js';
import type { LeadTimeDemand } from './lead-time-demand.js';
import type { ReorderPoint } from './reorder-point.js';
import { success, type Result } from './result.js';

/**
 * Reorder point for a target fill rate β (share of demand served from stock), with normal
 * lead-time demand: solve G(k) = Q(1 − β)/σ_L, where Q is the demand per replenishment
 * cycle (the lot size, or mean demand per review period). The expected shortage per cycle
 * σ_L·G(k) then equals Q(1 − β). Safety stock may be negative when Q alone meets β.
 */
export function reorderPointForFillRate(
  demand: LeadTimeDemand,
  fillRate: number,
  demandPerCycle: number,
): Result<ReorderPoint> {
  const failure = firstFailure(
    checkOpenProbability('fillRate', fillRate),
    checkNonNegative('demandPerCycle', demandPerCycle),
  );
  if (failure) return failure;
  if (demand.sd === 0 || demandPerCycle === 0) {
    // No variability (or no demand to serve): the mean alone is never short.
    return success({ serviceFactor: null, safetyStock: 0, reorderPoint: demand.mean });
  }
  const serviceFactor = inverseNormalLoss((demandPerCycle * (1 - fillRate)) / demand.sd);
  const safetyStock = serviceFactor * demand.sd;
  return success({ serviceFactor, safetyStock, reorderPoint: demand.mean + safetyStock });
}
