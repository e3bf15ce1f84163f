import { estimateSpread, spreadQuantiles } from './demand-spread.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** The customary smoothing constant for Croston-type methods (Croston 1972; Syntetos & Boylan 2005). */
export const CROSTON_ALPHA = 0.1;

/**
 * Croston's demand rate: SES of non-zero sizes over SES of intervals between them,
 * each started at its first value (the first interval counts from the start).
 * Returns 0 when there was no demand; the rate is never negative.
 */
export function crostonRate(series: Series, alpha: number = CROSTON_ALPHA): number {
  let size = 0;
  let interval = 0;
  let sinceLast = 0;
  let seen = false;
  for (const y of series) {
    sinceLast++;
    if (y <= 0) continue;
    if (seen) {
      size += alpha * (y - size);
      interval += alpha * (sinceLast - interval);
    } else {
      size = y;
      interval = sinceLast;
      seen = true;
    }
    sinceLast = 0;
  }
  return seen ? size / interval : 0;
}

/** Croston's method for intermittent demand: flat forecast at the size/interval ratio. */
export function croston(series: Series, options: ForecastOptions): ForecastResult {
  const means = new Array<number>(options.horizon).fill(crostonRate(series));
  return { method: 'croston', mean: means, quantiles: spreadQuantiles(means, options.quantileLevels, estimateSpread(series)) };
}
