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
 * How demand sizes are averaged: arithmetically (classic TSB) or on a log scale, a running
 * geometric mean, on which one unusually large order moves the size far less.
 */
export type SizeScale = 'arithmetic' | 'geometric';

/**
 * Teunter–Syntetos–Babai demand rate: the probability of demand is smoothed every bucket (β),
 * the size only when demand occurs (α, on `sizeScale`), so the rate decays towards 0 through a
 * run of zeros. Both start from the first buckets; the rate is ≥ 0 and 0 only without any demand.
 */
export function tsbRun(series: Series, params: TsbParams = TSB_DEFAULTS, sizeScale: SizeScale = 'arithmetic'): TsbRun {
  const toScale = sizeScale === 'geometric' ? Math.log : identity;
  const fromScale = sizeScale === 'geometric' ? Math.exp : identity;
  const window = Math.min(INITIAL_WINDOW, series.length);
  let demands = 0;
  let total = 0;
  for (let t = 0; t < window; t++) {
    const y = series[t] ?? 0;
    if (y > 0) {
      demands++;
      total += toScale(y);
    }
  }
  let probability = window > 0 ? demands / window : 0;
  // Without any demand the probability stays 0, so that size never shows in the rate.
  let size = demands > 0 ? total / demands : toScale(series.find((y) => y > 0) ?? 1);
  const fitted = new Array<number>(series.length).fill(Number.NaN);
  for (let t = window; t < series.length; t++) {
    const y = series[t] ?? 0;
    fitted[t] = probability * fromScale(size);
    if (y > 0) {
      probability += params.beta * (1 - probability);
      size += params.alpha * (toScale(y) - size);
    } else {
      probability -= params.beta * probability;
    }
  }
  return { rate: probability * fromScale(size), fitted };
}

function identity(x: number): number {
  return x;
}

/** TSB forecast: flat at probability × size, with count quantiles around it. */
export function tsb(series: Series, options: ForecastOptions): ForecastResult {
  const run = tsbRun(series);
  const means = new Array<number>(options.horizon).fill(run.rate);
  return { method: 'tsb', mean: means, quantiles: quantilesAround(series, means, options.quantileLevels, run.fitted) };
}
