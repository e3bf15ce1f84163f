import { checkFinite, checkOpenProbability } from './field-checks.js';
import type { ReorderPoint } from './reorder-point.js';
import { success, validationFailure, type Result } from './result.js';

/** One quantile of demand over the protection interval, e.g. from a forecast. */
export interface DemandQuantile {
  /** Probability in (0, 1) that demand is at most `quantity`. */
  readonly probability: number;
  readonly quantity: number;
}

/**
 * Reorder point taken straight from a forecast's lead-time demand quantiles: the quantile at
 * the target cycle service level, interpolated linearly between the given ones (never
 * extrapolated). Safety stock is that point minus the mean lead-time demand.
 */
export function reorderPointFromQuantiles(
  quantiles: readonly DemandQuantile[],
  cycleServiceLevel: number,
  meanDemand: number,
): Result<ReorderPoint> {
  const failure =
    checkOpenProbability('cycleServiceLevel', cycleServiceLevel) ?? checkFinite('meanDemand', meanDemand);
  if (failure) return failure;
  const invalid = quantilesFailure(quantiles);
  if (invalid) return validationFailure('quantiles', invalid);

  const upperIndex = quantiles.findIndex((q) => q.probability >= cycleServiceLevel);
  const upper = quantiles[upperIndex];
  if (upper === undefined || (upperIndex === 0 && upper.probability > cycleServiceLevel)) {
    const first = quantiles[0]?.probability;
    const last = quantiles[quantiles.length - 1]?.probability;
    return validationFailure(
      'quantiles',
      `cover probabilities ${first} to ${last}; the target ${cycleServiceLevel} lies outside them`,
    );
  }
  const lower = quantiles[upperIndex - 1] ?? upper;
  const span = upper.probability - lower.probability;
  const weight = span === 0 ? 1 : (cycleServiceLevel - lower.probability) / span;
  const reorderPoint = lower.quantity + weight * (upper.quantity - lower.quantity);
  return success({ serviceFactor: null, safetyStock: reorderPoint - meanDemand, reorderPoint });
}

function quantilesFailure(quantiles: readonly DemandQuantile[]): string | undefined {
  if (quantiles.length === 0) return 'must hold at least one quantile';
  for (const [index, q] of quantiles.entries()) {
    if (!(q.probability > 0 && q.probability < 1)) return `[${index}].probability must lie strictly between 0 and 1`;
    if (!Number.isFinite(q.quantity)) return `[${index}].quantity must be a finite number`;
    const previous = quantiles[index - 1];
    if (previous && !(q.probability > previous.probability && q.quantity >= previous.quantity)) {
      return 'must be sorted by strictly increasing probability with non-decreasing quantities';
    }
  }
  return undefined;
}
