import { empiricalQuantiles } from './empirical-quantile.js';
import { mean, tail } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Buckets of recent history whose distribution is taken as the forecast (15 months on car parts). */
export const EMPIRICAL_WINDOW = 15;

/**
 * Empirical forecast for intermittent demand: every step gets the empirical quantiles
 * and mean of the last `window` buckets; no model, so no model error, only sampling error.
 */
export function empirical(series: Series, options: ForecastOptions, window: number = EMPIRICAL_WINDOW): ForecastResult {
  const recent = tail(series, window);
  const values = empiricalQuantiles(recent, options.quantileLevels);
  const level = mean(recent);
  return {
    method: 'empirical',
    mean: new Array<number>(options.horizon).fill(level),
    quantiles: options.quantileLevels.map((l, i) => ({
      level: l,
      values: new Array<number>(options.horizon).fill(values[i] ?? 0),
    })),
  };
}

/**
 * Quantiles of demand over a lead time of `leadTime` buckets, read from the sums of every
 * run of `leadTime` consecutive buckets in the history (overlapping); a history shorter than
 * the lead time is scaled up from its total. Non-decreasing in the level, ≥ 0.
 */
export function leadTimeDemandQuantiles(series: Series, leadTime: number, levels: readonly number[]): number[] {
  const n = series.length;
  if (n === 0 || leadTime <= 0) return levels.map(() => 0);
  if (n < leadTime) {
    const scaled = mean(series) * leadTime;
    return levels.map(() => scaled);
  }
  const sums: number[] = [];
  let sum = 0;
  for (let t = 0; t < n; t++) {
    sum += series[t] ?? 0;
    if (t >= leadTime) sum -= series[t - leadTime] ?? 0;
    if (t >= leadTime - 1) sums.push(sum);
  }
  return empiricalQuantiles(sums, levels);
}
