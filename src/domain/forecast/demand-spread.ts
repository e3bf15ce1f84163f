import { countQuantiles } from './count-quantiles.js';
import { mean, tail, variance } from './series-statistics.js';
import type { QuantileForecast, Series } from './types.js';

/** How widely demand scatters around a forecast mean m: variance = m·dispersion + levelUncertainty·m². */
export interface DemandSpread {
  /** Variance-to-mean ratio of demand (≥ 1; 1 is Poisson). */
  readonly dispersion: number;
  /** Squared coefficient of variation of the unknown future level. */
  readonly levelUncertainty: number;
}

/** Buckets of recent history used to measure dispersion. */
const SPREAD_WINDOW = 24;

/** Default squared relative uncertainty of the level a year ahead, from back-tests on car-parts data. */
export const DEFAULT_LEVEL_UNCERTAINTY = 1;

/** Estimates the spread of a series from its recent history; dispersion is at least 1. */
export function estimateSpread(series: Series, levelUncertainty = DEFAULT_LEVEL_UNCERTAINTY): DemandSpread {
  const recent = tail(series, SPREAD_WINDOW);
  const m = mean(recent);
  const dispersion = m > 0 ? Math.max(1, variance(recent) / m) : 1;
  return { dispersion, levelUncertainty };
}

/**
 * Quantiles per horizon step of counts with the given means and spread;
 * values are ≥ 0 and non-decreasing in the level at every step.
 */
export function spreadQuantiles(
  means: readonly number[],
  levels: readonly number[],
  spread: DemandSpread,
): QuantileForecast[] {
  const perStep: number[][] = [];
  for (let h = 0; h < means.length; h++) {
    const m = means[h] ?? 0;
    const previous = perStep[h - 1];
    // Flat forecasts repeat one mean: reuse instead of recomputing the distribution.
    if (previous !== undefined && means[h - 1] === m) {
      perStep.push(previous);
      continue;
    }
    perStep.push(countQuantiles(m, m * spread.dispersion + spread.levelUncertainty * m * m, levels));
  }
  return levels.map((level, i) => ({ level, values: perStep.map((q) => q[i] ?? 0) }));
}
