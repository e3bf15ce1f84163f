import { CROSTON_ALPHA, crostonRate } from './croston.js';
import { estimateSpread, spreadQuantiles } from './demand-spread.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/**
 * Syntetos–Boylan approximation: Croston's rate times (1 − α/2), which removes
 * Croston's upward bias; always ≤ the Croston forecast.
 */
export function sba(series: Series, options: ForecastOptions): ForecastResult {
  const rate = crostonRate(series, CROSTON_ALPHA) * (1 - CROSTON_ALPHA / 2);
  const means = new Array<number>(options.horizon).fill(rate);
  return { method: 'sba', mean: means, quantiles: spreadQuantiles(means, options.quantileLevels, estimateSpread(series)) };
}
