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

/** The outcome of a back-test: total pinball loss and how many (step, level) pairs it covers. */
export interface BacktestScore {
  readonly loss: number;
  readonly evaluations: number;
}

/**
 * The origins of a rolling back-test: series.length − k·step for k = 1..origins, newest
 * first, keeping only those with at least minHistory buckets before them.
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
 * Rolling-origin back-test: the method sees only the buckets before each origin and is scored
 * on the pinball loss of its quantiles over the following buckets (up to the horizon) that the
 * series holds. It never reads past the end of `series`, so a hold-out kept outside stays unseen.
 */
export function backtest(
  series: Series,
  method: ForecastMethod,
  options: ForecastOptions,
  plan: BacktestPlan,
): BacktestScore {
  let loss = 0;
  let evaluations = 0;
  for (const origin of backtestOrigins(series.length, plan)) {
    const steps = Math.min(options.horizon, series.length - origin);
    const forecast = method(series.slice(0, origin), { ...options, horizon: steps });
    for (const q of forecast.quantiles) {
      for (let h = 0; h < steps; h++) {
        loss += pinballLoss(series[origin + h] ?? 0, q.values[h] ?? 0, q.level);
        evaluations++;
      }
    }
  }
  return { loss, evaluations };
}
