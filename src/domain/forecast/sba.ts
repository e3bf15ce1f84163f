import { CROSTON_ALPHA, crostonRun } from './croston.js';
import { quantilesAround } from './demand-spread.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** The Syntetos–Boylan debiasing factor 1 − α/2 for Croston's smoothing constant α. */
export const SBA_FACTOR = 1 - CROSTON_ALPHA / 2;

/**
 * Syntetos–Boylan approximation: Croston's rate times (1 − α/2), which removes
 * Croston's upward bias; always ≤ the Croston forecast.
 */
export function sba(series: Series, options: ForecastOptions): ForecastResult {
  const run = crostonRun(series, CROSTON_ALPHA);
  const means = new Array<number>(options.horizon).fill(run.rate * SBA_FACTOR);
  const fitted = run.fitted.map((f) => f * SBA_FACTOR);
  return { method: 'sba', mean: means, quantiles: quantilesAround(series, means, options.quantileLevels, fitted) };
}
