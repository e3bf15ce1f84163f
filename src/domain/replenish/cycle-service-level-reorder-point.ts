import { checkOpenProbability } from './field-checks.js';
import type { LeadTimeDemand } from './lead-time-demand.js';
import type { ReorderPoint } from './reorder-point.js';
import { success, type Result } from './result.js';
import { standardNormalQuantile } from './standard-normal.js';

/**
 * Reorder point for a target cycle service level (probability of no stockout per cycle),
 * with normal lead-time demand: k = Φ⁻¹(CSL), safety stock = k·σ_L, reorder point = μ_L + k·σ_L.
 */
export function reorderPointForCycleServiceLevel(
  demand: LeadTimeDemand,
  cycleServiceLevel: number,
): Result<ReorderPoint> {
  const failure = checkOpenProbability('cycleServiceLevel', cycleServiceLevel);
  if (failure) return failure;
  const serviceFactor = standardNormalQuantile(cycleServiceLevel);
  const safetyStock = serviceFactor * demand.sd;
  return success({ serviceFactor, safetyStock, reorderPoint: demand.mean + safetyStock });
}
