import { checkNonNegative, firstFailure } from './field-checks.js';
import { success, type Result } from './result.js';

/** Mean and standard deviation of demand over a protection interval (lead time, plus review period if any). */
export interface LeadTimeDemand {
  readonly mean: number;
  readonly sd: number;
}

export interface LeadTimeDemandInput {
  /** Mean demand per period (e.g. per day). */
  readonly meanPerPeriod: number;
  /** Standard deviation of demand per period; periods are taken as independent. */
  readonly sdPerPeriod: number;
  /** Lead time in the same periods (its mean, when it varies). */
  readonly leadTime: number;
  /** Standard deviation of the lead time, in periods; 0 or absent for a fixed lead time. */
  readonly leadTimeSd?: number;
}

/**
 * Demand over the lead time: μ_L = μ·L and σ_L = σ·√L, or with a varying lead time
 * σ_L = √(L·σ² + μ²·σ_LT²). Both results are ≥ 0.
 */
export function leadTimeDemand(input: LeadTimeDemandInput): Result<LeadTimeDemand> {
  const leadTimeSd = input.leadTimeSd ?? 0;
  const failure = firstFailure(
    checkNonNegative('meanPerPeriod', input.meanPerPeriod),
    checkNonNegative('sdPerPeriod', input.sdPerPeriod),
    checkNonNegative('leadTime', input.leadTime),
    checkNonNegative('leadTimeSd', leadTimeSd),
  );
  if (failure) return failure;
  const { meanPerPeriod: mean, sdPerPeriod: sd, leadTime } = input;
  return success({
    mean: mean * leadTime,
    sd: Math.sqrt(leadTime * sd * sd + mean * mean * leadTimeSd * leadTimeSd),
  });
}
