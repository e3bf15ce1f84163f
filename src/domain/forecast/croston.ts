import { quantilesAround } from './demand-spread.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** The customary smoothing constant for Croston-type methods (Croston 1972; Syntetos & Boylan 2005). */
export const CROSTON_ALPHA = 0.1;

/** Croston's final demand rate and the rate it forecast for each bucket before seeing it. */
export interface CrostonRun {
  readonly rate: number;
  /** NaN until the first demand, when the method has no estimate yet. */
  readonly fitted: readonly number[];
}

/**
 * Croston's demand rate: SES of non-zero sizes over SES of intervals between them, each
 * started at its first value (the first interval counts from the start). The rate is 0
 * when there was no demand and never negative.
 */
export function crostonRun(series: Series, alpha: number = CROSTON_ALPHA): CrostonRun {
  let size = 0;
  let interval = 0;
  let sinceLast = 0;
  let seen = false;
  const fitted = new Array<number>(series.length);
  for (let t = 0; t < series.length; t++) {
    const y = series[t] ?? 0;
    fitted[t] = seen ? size / interval : Number.NaN;
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
  return { rate: seen ? size / interval : 0, fitted };
}

/** Croston's method for intermittent demand: flat forecast at the size/interval ratio. */
export function croston(series: Series, options: ForecastOptions): ForecastResult {
  const run = crostonRun(series);
  const means = new Array<number>(options.horizon).fill(run.rate);
  return { method: 'croston', mean: means, quantiles: quantilesAround(series, means, options.quantileLevels, run.fitted) };
}
