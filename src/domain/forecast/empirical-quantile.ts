/**
 * The level-quantile of a sample by the inverse empirical CDF (Hyndman–Fan type 1):
 * the smallest observed value whose share of the sample at or below it reaches the level.
 * It is always one of the values, so integer demand gives integer quantiles; 0 when empty.
 */
export function empiricalQuantile(values: readonly number[], level: number): number {
  return empiricalQuantiles(values, [level])[0] ?? 0;
}

/** Type-1 quantiles for several levels with one sort; non-decreasing in the level. */
export function empiricalQuantiles(values: readonly number[], levels: readonly number[]): number[] {
  if (values.length === 0) return levels.map(() => 0);
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return levels.map((level) => {
    const rank = Math.min(n, Math.max(1, Math.ceil(n * level - 1e-9)));
    return sorted[rank - 1] ?? 0;
  });
}
