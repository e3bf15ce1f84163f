import { quantilesAround } from './demand-spread.js';
import { goldenSectionMinimum } from './golden-section.js';
import { mean } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Buckets averaged for the starting level, so one odd first value does not dominate. */
const INITIAL_WINDOW = 12;

/** A simple exponential smoothing run. */
export interface SesFit {
  readonly alpha: number;
  /** Level after the last observation: the flat forecast. */
  readonly level: number;
  /** In-sample sum of squared one-step errors. */
  readonly sse: number;
}

/**
 * Runs SES with a given alpha from a level initialised on the first buckets; the level is
 * always a convex combination of observations, so it stays within their range.
 */
export function sesWithAlpha(series: Series, alpha: number): SesFit {
  let level = mean(series.slice(0, INITIAL_WINDOW));
  let sse = 0;
  for (const y of series) {
    const error = y - level;
    sse += error * error;
    level += alpha * error;
  }
  return { alpha, level, sse };
}

/** In-sample one-step forecasts of SES: the level before each bucket is seen. */
export function sesFitted(series: Series, alpha: number): number[] {
  let level = mean(series.slice(0, INITIAL_WINDOW));
  return series.map((y) => {
    const before = level;
    level += alpha * (y - level);
    return before;
  });
}

/** Fits alpha in [0.01, 1] by golden-section search on the in-sample one-step SSE. */
export function fitSes(series: Series): SesFit {
  const alpha = goldenSectionMinimum((a) => sesWithAlpha(series, a).sse, 0.01, 1, 5e-3);
  return sesWithAlpha(series, alpha);
}

/** Simple exponential smoothing: flat forecast at the fitted level; count quantiles around it. */
export function simpleExponentialSmoothing(series: Series, options: ForecastOptions): ForecastResult {
  const fit = fitSes(series);
  const means = new Array<number>(options.horizon).fill(fit.level);
  return {
    method: 'ses',
    mean: means,
    quantiles: quantilesAround(series, means, options.quantileLevels, sesFitted(series, fit.alpha)),
  };
}
