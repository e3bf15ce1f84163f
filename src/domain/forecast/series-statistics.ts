import type { Series } from './types.js';

/** Arithmetic mean; 0 for an empty series so callers need no special case. */
export function mean(values: Series): number {
  if (values.length === 0) return 0;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample variance (n − 1 denominator); 0 when fewer than two values. */
export function variance(values: Series): number {
  const n = values.length;
  if (n < 2) return 0;
  const m = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - m) * (v - m);
  return sum / (n - 1);
}

/** The last `count` values (all of them when the series is shorter). */
export function tail(values: Series, count: number): Series {
  return count >= values.length ? values : values.slice(values.length - count);
}

/** Replaces negatives and non-finite values by 0: forecasts of demand are never below 0. */
export function clampDemand(value: number): number {
  return Number.isFinite(value) && value > 0 ? value : 0;
}
