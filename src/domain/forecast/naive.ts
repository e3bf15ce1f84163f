import { quantilesAround } from './demand-spread.js';
import { clampDemand } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Naive: every step repeats the last observation (0 for an empty history). */
export function naive(series: Series, options: ForecastOptions): ForecastResult {
  const last = clampDemand(series[series.length - 1] ?? 0);
  const means = new Array<number>(options.horizon).fill(last);
  const fitted = series.map((_, t) => (t === 0 ? Number.NaN : (series[t - 1] ?? 0)));
  return { method: 'naive', mean: means, quantiles: quantilesAround(series, means, options.quantileLevels, fitted) };
}
