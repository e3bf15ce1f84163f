import { estimateSpread, spreadQuantiles } from './demand-spread.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Buckets used for the starting probability of demand. */
const INITIAL_WINDOW = 12;
/** Smoothing constants tried for both the size and the probability. */
const GRID: readonly number[] = [0.05, 0.1, 0.2, 0.3];

/** A TSB run: the final rate (probability × size) and its in-sample one-step SSE. */
export interface TsbFit {
  readonly alpha: number;
  readonly beta: number;
  readonly rate: number;
  readonly sse: number;
}

/**
 * Teunter–Syntetos–Babai: the probability of demand is smoothed every bucket (β), the
 * size only when demand occurs (α); so the rate decays towards 0 through a run of zeros.
 */
export function tsbWith(series: Series, alpha: number, beta: number): TsbFit {
  let start = 0;
  const window = Math.min(INITIAL_WINDOW, series.length);
  for (let t = 0; t < window; t++) if ((series[t] ?? 0) > 0) start++;
  let probability = window > 0 ? start / window : 0;
  let size = series.find((y) => y > 0) ?? 0;
  let sse = 0;
  for (const y of series) {
    const error = y - probability * size;
    sse += error * error;
    if (y > 0) {
      probability += beta * (1 - probability);
      size += alpha * (y - size);
    } else {
      probability -= beta * probability;
    }
  }
  return { alpha, beta, rate: probability * size, sse };
}

/** Fits TSB's two smoothing constants on a small grid by in-sample one-step SSE. */
export function fitTsb(series: Series): TsbFit {
  let best = tsbWith(series, GRID[0] ?? 0.1, GRID[0] ?? 0.1);
  for (const alpha of GRID) {
    for (const beta of GRID) {
      const fit = tsbWith(series, alpha, beta);
      if (fit.sse < best.sse) best = fit;
    }
  }
  return best;
}

/** TSB forecast: flat at the fitted probability × size, with count quantiles around it. */
export function tsb(series: Series, options: ForecastOptions): ForecastResult {
  const means = new Array<number>(options.horizon).fill(fitTsb(series).rate);
  return { method: 'tsb', mean: means, quantiles: spreadQuantiles(means, options.quantileLevels, estimateSpread(series)) };
}
