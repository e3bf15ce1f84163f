import {
  checkAtMost,
  checkNonNegative,
  checkNonNegativeInteger,
  checkPositive,
  checkPositiveInteger,
  firstFailure,
} from '../replenish/field-checks.js';
import { success, validationFailure, type Result, type ValidationFailure } from '../replenish/result.js';
import { createNormalSampler } from './normal-sampler.js';
import { poissonVariate } from './poisson-variate.js';
import type { RandomSource } from './random.js';

/** Most units demanded in one period, recorded or as a generated mean or spread. */
export const MAX_DEMAND_PER_PERIOD = 1_000_000_000;

/**
 * Where a simulation's per-period demand comes from: a recorded series, or a generated
 * stationary process. Generated demand is whole units ≥ 0.
 * - `normal`: N(mean, sd) rounded, negatives taken as 0;
 * - `poisson`: Poisson(mean);
 * - `intermittent`: demand occurs with `probability` per period, its size N(sizeMean, sizeSd)
 *   rounded and at least 1.
 */
export type DemandSpec =
  | { readonly kind: 'series'; readonly values: readonly number[] }
  | { readonly kind: 'normal'; readonly periods: number; readonly mean: number; readonly sd: number }
  | { readonly kind: 'poisson'; readonly periods: number; readonly mean: number }
  | {
      readonly kind: 'intermittent';
      readonly periods: number;
      readonly probability: number;
      readonly sizeMean: number;
      readonly sizeSd: number;
    };

/** The demand of every period, whole units ≥ 0; reproducible from the random source's seed. */
export function generateDemand(spec: DemandSpec, random: RandomSource): Result<readonly number[]> {
  const failure = demandFailure(spec);
  if (failure) return failure;
  switch (spec.kind) {
    case 'series':
      return success(spec.values);
    case 'normal': {
      const normal = createNormalSampler(random);
      return success(generate(spec.periods, () => Math.max(0, Math.round(spec.mean + spec.sd * normal()))));
    }
    case 'poisson':
      return success(generate(spec.periods, () => poissonVariate(random, spec.mean)));
    case 'intermittent': {
      const normal = createNormalSampler(random);
      return success(
        generate(spec.periods, () =>
          random.next() < spec.probability ? Math.max(1, Math.round(spec.sizeMean + spec.sizeSd * normal())) : 0,
        ),
      );
    }
  }
}

function generate(periods: number, draw: () => number): readonly number[] {
  // Pre-filled with small integers, the array stays packed, which keeps long runs fast.
  const values = new Array<number>(periods).fill(0);
  for (let period = 0; period < periods; period += 1) values[period] = draw();
  return values;
}

function demandFailure(spec: DemandSpec): ValidationFailure | undefined {
  switch (spec.kind) {
    case 'series': {
      if (!Array.isArray(spec.values) || spec.values.length === 0) {
        return validationFailure('demand.values', 'must hold at least one period');
      }
      const bad = spec.values.findIndex((value) => checkNonNegativeInteger('', value) !== undefined || value > MAX_DEMAND_PER_PERIOD);
      return bad === -1 ? undefined : validationFailure(`demand.values[${bad}]`, `must be a whole number from 0 to ${MAX_DEMAND_PER_PERIOD}`);
    }
    case 'normal':
      return firstFailure(
        checkPositiveInteger('demand.periods', spec.periods),
        checkNonNegative('demand.mean', spec.mean),
        checkAtMost('demand.mean', spec.mean, MAX_DEMAND_PER_PERIOD),
        checkNonNegative('demand.sd', spec.sd),
        checkAtMost('demand.sd', spec.sd, MAX_DEMAND_PER_PERIOD),
      );
    case 'poisson':
      return firstFailure(
        checkPositiveInteger('demand.periods', spec.periods),
        checkNonNegative('demand.mean', spec.mean),
        checkAtMost('demand.mean', spec.mean, MAX_DEMAND_PER_PERIOD),
      );
    case 'intermittent':
      return firstFailure(
        checkPositiveInteger('demand.periods', spec.periods),
        spec.probability >= 0 && spec.probability <= 1
          ? undefined
          : validationFailure('demand.probability', 'must lie between 0 and 1'),
        checkPositive('demand.sizeMean', spec.sizeMean),
        checkAtMost('demand.sizeMean', spec.sizeMean, MAX_DEMAND_PER_PERIOD),
        checkNonNegative('demand.sizeSd', spec.sizeSd),
        checkAtMost('demand.sizeSd', spec.sizeSd, MAX_DEMAND_PER_PERIOD),
      );
    default:
      return validationFailure('demand.kind', 'must be one of series, normal, poisson, intermittent');
  }
}
