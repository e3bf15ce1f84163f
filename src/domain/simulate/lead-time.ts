import { checkAtMost, checkNonNegativeInteger, firstFailure } from '../replenish/field-checks.js';
import { success, validationFailure, type Result } from '../replenish/result.js';
import type { RandomSource } from './random.js';

/** Longest lead time a simulation takes: ten years of days (the run keeps a slot per period of it). */
export const MAX_LEAD_TIME_PERIODS = 3_660;

/** One possible lead time and its probability. */
export interface LeadTimeOutcome {
  readonly periods: number;
  readonly probability: number;
}

/** A fixed lead time in whole periods, or a discrete distribution over whole periods. */
export type LeadTimeSpec = number | readonly LeadTimeOutcome[];

export interface LeadTimeSampler {
  /** The longest lead time that can be drawn. */
  readonly max: number;
  /** Draws the lead time of the next order. */
  next(): number;
}

const PROBABILITY_SLACK = 1e-9;

/**
 * Draws each order's lead time independently (orders may cross when it varies). Outcomes need
 * whole periods ≥ 0 and probabilities ≥ 0 summing to 1.
 */
export function createLeadTimeSampler(spec: LeadTimeSpec, random: RandomSource): Result<LeadTimeSampler> {
  if (typeof spec === 'number') {
    const failure = firstFailure(checkNonNegativeInteger('leadTime', spec), checkAtMost('leadTime', spec, MAX_LEAD_TIME_PERIODS));
    return failure ?? success({ max: spec, next: () => spec });
  }
  if (!Array.isArray(spec) || spec.length === 0) {
    return validationFailure('leadTime', 'must be a whole number ≥ 0 or a non-empty list of outcomes');
  }
  let total = 0;
  for (const [index, outcome] of spec.entries()) {
    const field = `leadTime[${index}].periods`;
    const failure = firstFailure(checkNonNegativeInteger(field, outcome.periods), checkAtMost(field, outcome.periods, MAX_LEAD_TIME_PERIODS));
    if (failure) return failure;
    if (!(outcome.probability >= 0 && Number.isFinite(outcome.probability))) {
      return validationFailure(`leadTime[${index}].probability`, 'must be a finite number ≥ 0');
    }
    total += outcome.probability;
  }
  if (Math.abs(total - 1) > PROBABILITY_SLACK) {
    return validationFailure('leadTime', `probabilities must sum to 1, not ${total}`);
  }
  const periods = spec.map((outcome) => outcome.periods);
  let running = 0;
  const cumulative = spec.map((outcome) => (running += outcome.probability / total));
  return success({
    max: periods.reduce((longest, value) => Math.max(longest, value), 0),
    next: () => periods[firstAbove(cumulative, random.next())] ?? 0,
  });
}

/** Index of the first cumulative probability above u (binary search); the last one if rounding left u beyond all. */
function firstAbove(cumulative: readonly number[], u: number): number {
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((cumulative[middle] ?? 1) > u) high = middle;
    else low = middle + 1;
  }
  return low;
}
