import { quantilesAround } from './demand-spread.js';
import { mean, tail } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Window lengths tried when fitting; only those fitting twice into the history compete. */
const CANDIDATE_WINDOWS: readonly number[] = [3, 6, 9, 12, 18, 24];

/**
 * In-sample one-step forecasts of a moving average of `window` buckets: bucket t gets the
 * mean of the `window` buckets before it (of all before it while fewer exist; NaN at t = 0).
 */
export function movingAverageFitted(series: Series, window: number): number[] {
  const fitted = new Array<number>(series.length);
  let sum = 0;
  for (let t = 0; t < series.length; t++) {
    const count = Math.min(t, window);
    fitted[t] = count === 0 ? Number.NaN : sum / count;
    sum += series[t] ?? 0;
    if (t >= window) sum -= series[t - window] ?? 0;
  }
  return fitted;
}

/**
 * Picks the moving-average window with the least in-sample one-step squared error, all windows
 * scored on the same buckets (after the longest window); short histories get the whole history.
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
      const y = series[t] ?? 0;
      sse += (y - sum / w) ** 2;
      sum += y - (series[t - w] ?? 0);
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
  const window = fitMovingAverageWindow(series);
  const means = new Array<number>(options.horizon).fill(mean(tail(series, window)));
  return {
    method: 'moving-average',
    mean: means,
    quantiles: quantilesAround(series, means, options.quantileLevels, movingAverageFitted(series, window)),
  };
}
