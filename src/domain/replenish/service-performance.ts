import { checkFinite, checkPositive, firstFailure } from './field-checks.js';
import type { LeadTimeDemand } from './lead-time-demand.js';
import { normalLoss } from './normal-loss.js';
import { success, validationFailure, type Result } from './result.js';
import { standardNormalCdf } from './standard-normal.js';

/** What a reorder point delivers per replenishment cycle under normal lead-time demand. */
export interface ServicePerformance {
  /** k = (reorderPoint − μ_L) / σ_L. */
  readonly serviceFactor: number;
  readonly safetyStock: number;
  /** CSL = Φ(k): probability that a cycle has no stockout. */
  readonly cycleServiceLevel: number;
  /** ESC = σ_L·G(k): expected units short per cycle. */
  readonly expectedShortagePerCycle: number;
  /** β = 1 − ESC/Q: share of demand served from stock. */
  readonly fillRate: number;
}

/**
 * Evaluates a reorder point (continuous review, backorders): CSL = Φ(k), ESC = σ_L·G(k),
 * fill rate = 1 − ESC/Q with Q the demand per cycle. Needs σ_L > 0.
 */
export function servicePerformance(
  demand: LeadTimeDemand,
  reorderPoint: number,
  demandPerCycle: number,
): Result<ServicePerformance> {
  const failure = firstFailure(
    checkFinite('reorderPoint', reorderPoint),
    checkPositive('demandPerCycle', demandPerCycle),
  );
  if (failure) return failure;
  if (!(demand.sd > 0)) return validationFailure('demand.sd', 'must be > 0 to speak of service levels');
  const safetyStock = reorderPoint - demand.mean;
  const serviceFactor = safetyStock / demand.sd;
  const expectedShortagePerCycle = demand.sd * normalLoss(serviceFactor);
  return success({
    serviceFactor,
    safetyStock,
    cycleServiceLevel: standardNormalCdf(serviceFactor),
    expectedShortagePerCycle,
    fillRate: 1 - expectedShortagePerCycle / demandPerCycle,
  });
}
