import { quantilesAround } from './demand-spread.js';
import { clampDemand } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/**
 * Seasonal naive: step h repeats the observation one season before it; with less than
 * a season of history (or no season) it is the naive forecast.
 */
export function seasonalNaive(series: Series, options: ForecastOptions): ForecastResult {
  const n = series.length;
  const season = options.seasonLength ?? 1;
  const period = season > 1 && n >= season ? season : 1;
  const means = Array.from({ length: options.horizon }, (_, h) =>
    clampDemand(series[n - period + (h % period)] ?? 0),
  );
  const fitted = series.map((_, t) => (t < period ? Number.NaN : (series[t - period] ?? 0)));
  return {
    method: 'seasonal-naive',
    mean: means,
    quantiles: quantilesAround(series, means, options.quantileLevels, fitted),
  };
}
