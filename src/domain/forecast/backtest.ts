import { pinballLoss } from './pinball-loss.js';
import type { ForecastMethod, ForecastOptions, Series } from './types.js';

/** Where the rolling origins go. */
export interface BacktestPlan {
  /** Number of origins, newest first. */
  readonly origins: number;
  /** Buckets between consecutive origins. */
  readonly step: number;
  /** Fewest buckets of history a method is fitted on. */
  readonly minHistory: number;
}

/**
 * The origins of a rolling back-test: length − k·step for k = 1..origins, newest first,
 * keeping only those with at least minHistory buckets before them.
 */
export function backtestOrigins(length: number, plan: BacktestPlan): number[] {
  const origins: number[] = [];
  for (let k = 1; k <= plan.origins; k++) {
    const origin = length - k * plan.step;
    if (origin >= plan.minHistory) origins.push(origin);
  }
  return origins;
}

/**
 * Rolling-origin back-test: at each origin the method sees only the buckets before it and
 * forecasts the full horizon; each following bucket the series holds (up to the horizon) is
 * scored by the pinball loss summed over the quantile levels. Returns, for every bucket from the
 * oldest origin to the end, its loss averaged over the origins that forecast it: one value per
 * bucket, so two methods can be compared bucket by bucket without counting a month twice.
 * Nothing past the end of `series` is read, so a hold-out kept outside it stays unseen.
 */
export function backtest(
  series: Series,
  method: ForecastMethod,
  options: ForecastOptions,
  plan: BacktestPlan,
): number[] {
  const origins = backtestOrigins(series.length, plan);
  const first = origins[origins.length - 1];
  if (first === undefined) return [];
  const sums = new Array<number>(series.length - first).fill(0);
  const counts = new Array<number>(series.length - first).fill(0);
  for (const origin of origins) {
    const steps = Math.min(options.horizon, series.length - origin);
    const forecast = method(series.slice(0, origin), options);
    for (let h = 0; h < steps; h++) {
      const actual = series[origin + h] ?? 0;
      let loss = 0;
      for (const q of forecast.quantiles) loss += pinballLoss(actual, q.values[h] ?? 0, q.level);
      sums[origin + h - first] = (sums[origin + h - first] ?? 0) + loss;
      counts[origin + h - first] = (counts[origin + h - first] ?? 0) + 1;
    }
  }
  const losses: number[] = [];
  sums.forEach((sum, i) => {
    const count = counts[i] ?? 0;
    if (count > 0) losses.push(sum / count);
  });
  return losses;
}
