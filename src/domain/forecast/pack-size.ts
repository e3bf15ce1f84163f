import type { Series } from './types.js';

/** Fewest demands whose common divisor is taken as the pack size: one demand says nothing. */
const MIN_DEMANDS = 2;

/**
 * The unit demand comes in: the greatest common divisor of the non-zero buckets when there are at
 * least two and all are whole numbers, else 1. Every demand in the history is a multiple of it.
 */
export function packSize(series: Series): number {
  let divisor = 0;
  let demands = 0;
  for (const y of series) {
    if (y === 0) continue;
    if (!Number.isInteger(y) || y < 0) return 1;
    divisor = greatestCommonDivisor(divisor, y);
    demands++;
  }
  return demands >= MIN_DEMANDS ? divisor : 1;
}

function greatestCommonDivisor(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
