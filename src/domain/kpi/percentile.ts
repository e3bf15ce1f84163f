/**
 * The p-quantile (0 ≤ p ≤ 1) of weighted values, by the nearest-rank rule on cumulative weight:
 * the smallest value whose cumulative weight reaches p of the total. Null for no weight.
 */
export function weightedPercentile(values: readonly { value: number; weight: number }[], p: number): number | null {
  const sorted = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, v) => sum + v.weight, 0);
  if (total === 0) return null;
  const target = p * total;
  let cumulative = 0;
  for (const entry of sorted) {
    cumulative += entry.weight;
    if (cumulative >= target - 1e-9) return entry.value;
  }
  return (sorted[sorted.length - 1] as { value: number }).value;
}

/** Weighted mean, or null for no weight. */
export function weightedMean(values: readonly { value: number; weight: number }[]): number | null {
  const total = values.reduce((sum, v) => sum + v.weight, 0);
  return total === 0 ? null : values.reduce((sum, v) => sum + v.value * v.weight, 0) / total;
}
