import { quantilesAround } from './demand-spread.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Buckets used for the starting probability and size. */
const INITIAL_WINDOW = 12;

/** Smoothing constants of TSB: α for the size, β for the probability of demand. */
export interface TsbParams {
  readonly alpha: number;
  readonly beta: number;
}

/**
 * Default constants, chosen on a car-parts split that excludes the evaluation year; fixed rather
 * than fitted per series because in-sample squared-error fits chase noise in sparse histories.
 */
export const TSB_DEFAULTS: TsbParams = { alpha: 0.3, beta: 0.15 };

/** TSB's final demand rate and the rate it forecast for each bucket before seeing it. */
export interface TsbRun {
  readonly rate: number;
  /** NaN over the starting window, which the initial values are computed from. */
  readonly fitted: readonly number[];
}

/**
 * Teunter–Syntetos–Babai demand rate: the probability of demand is smoothed every bucket (β),
 * the size only when demand occurs (α), so the rate decays towards 0 through a run of zeros.
 * Both start from the first buckets; the rate is ≥ 0 and 0 only without any demand.
 */
export function tsbRun(series: Series, params: TsbParams = TSB_DEFAULTS): TsbRun {
  const window = Math.min(INITIAL_WINDOW, series.length);
  let demands = 0;
  let total = 0;
  for (let t = 0; t < window; t++) {
    const y = series[t] ?? 0;
    if (y > 0) {
      demands++;
      total += y;
    }
  }
  let probability = window > 0 ? demands / window : 0;
  let size = demands > 0 ? total / demands : (series.find((y) => y > 0) ?? 0);
  const fitted = new Array<number>(series.length).fill(Number.NaN);
  for (let t = window; t < series.length; t++) {
    const y = series[t] ?? 0;
    fitted[t] = probability * size;
    if (y > 0) {
      probability += params.beta * (1 - probability);
      size += params.alpha * (y - size);
    } else {
      probability -= params.beta * probability;
    }
  }
  return { rate: probability * size, fitted };
}

/** TSB forecast: flat at probability × size, with count quantiles around it. */
export function tsb(series: Series, options: ForecastOptions): ForecastResult {
  const run = tsbRun(series);
  const means = new Array<number>(options.horizon).fill(run.rate);
  return { method: 'tsb', mean: means, quantiles: quantilesAround(series, means, options.quantileLevels, run.fitted) };
}
