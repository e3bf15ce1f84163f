import type { Series } from './types.js';

/**
 * Sums consecutive buckets into buckets of `bucketSize` (e.g. 7 days → weeks).
 * Buckets are aligned to the end of the series, so the newest bucket is complete
 * and an incomplete oldest remainder is dropped; the total of kept buckets is kept.
 */
export function aggregate(series: Series, bucketSize: number): number[] {
  if (!Number.isInteger(bucketSize) || bucketSize < 1) {
    throw new RangeError(`bucketSize must be a positive integer, got ${bucketSize}`);
  }
  const count = Math.floor(series.length / bucketSize);
  const start = series.length - count * bucketSize;
  const out = new Array<number>(count);
  for (let b = 0; b < count; b++) {
    let sum = 0;
    const from = start + b * bucketSize;
    for (let i = from; i < from + bucketSize; i++) sum += series[i] ?? 0;
    out[b] = sum;
  }
  return out;
}
