import { estimateSpread, spreadQuantiles } from './demand-spread.js';
import { mean, tail } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Window lengths tried when fitting; the longest that fits in half the history bounds the set. */
const CANDIDATE_WINDOWS: readonly number[] = [3, 6, 9, 12, 18, 24];

/**
 * Picks the moving-average window with the least in-sample one-step squared error,
 * all windows scored on the same buckets; short histories get the whole history.
 */
export function fitMovingAverageWindow(series: Series): number {
  const n = series.length;
  const windows = CANDIDATE_WINDOWS.filter((w) => w * 2 <= n);
  const longest = windows[windows.length - 1];
  if (longest === undefined) return Math.max(1, n);
  let best = longest;
  let bestSse = Infinity;
  for (const w of windows) {
    let sum = 0;
    for (let t = longest - w; t < longest; t++) sum += series[t] ?? 0;
    let sse = 0;
    for (let t = longest; t < n; t++) {
      const error = (series[t] ?? 0) - sum / w;
      sse += error * error;
      sum += (series[t] ?? 0) - (series[t - w] ?? 0);
    }
    if (sse < bestSse) {
      bestSse = sse;
      best = w;
    }
  }
  return best;
}

/** Moving average over a fitted window: flat forecast equal to the mean of the last window buckets. */
export function movingAverage(series: Series, options: ForecastOptions): ForecastResult {
  const level = mean(tail(series, fitMovingAverageWindow(series)));
  const means = new Array<number>(options.horizon).fill(level);
  return {
    method: 'moving-average',
    mean: means,
    quantiles: spreadQuantiles(means, options.quantileLevels, estimateSpread(series)),
  };
}
