import { estimateSpread, spreadQuantiles } from './demand-spread.js';
import { clampDemand } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Naive: every step repeats the last observation (0 for an empty history). */
export function naive(series: Series, options: ForecastOptions): ForecastResult {
  const last = clampDemand(series[series.length - 1] ?? 0);
  const means = new Array<number>(options.horizon).fill(last);
  return { method: 'naive', mean: means, quantiles: spreadQuantiles(means, options.quantileLevels, estimateSpread(series)) };
}
