import type { Series } from './types.js';

/**
 * In-sample scale of MASE: mean |y_t − y_{t−m}| over the history (m = season, 1 for none).
 * Undefined when the history is not longer than m.
 */
export function maseScale(history: Series, seasonLength: number): number | undefined {
  const m = Math.max(1, seasonLength);
  if (history.length <= m) return undefined;
  let sum = 0;
  for (let t = m; t < history.length; t++) sum += Math.abs((history[t] ?? 0) - (history[t - m] ?? 0));
  return sum / (history.length - m);
}

/**
 * Mean absolute scaled error of one series: mean |y − ŷ| over the horizon divided by the
 * in-sample seasonal-naive error; undefined when that scale is 0 or undefined.
 */
export function mase(history: Series, actual: Series, predicted: Series, seasonLength: number): number | undefined {
  const scale = maseScale(history, seasonLength);
  if (scale === undefined || scale === 0 || actual.length === 0) return undefined;
  let sum = 0;
  for (let h = 0; h < actual.length; h++) sum += Math.abs((actual[h] ?? 0) - (predicted[h] ?? 0));
  return sum / actual.length / scale;
}

/** One series' history, what happened next and what was forecast for it. */
export interface MaseCase {
  readonly history: Series;
  readonly actual: Series;
  readonly predicted: Series;
}

/** MASE of a data set: the mean over series, leaving out series whose scale is 0; NaN if none remain. */
export function meanMase(cases: readonly MaseCase[], seasonLength: number): number {
  let sum = 0;
  let count = 0;
  for (const c of cases) {
    const value = mase(c.history, c.actual, c.predicted, seasonLength);
    if (value === undefined) continue;
    sum += value;
    count++;
  }
  return count === 0 ? Number.NaN : sum / count;
}
