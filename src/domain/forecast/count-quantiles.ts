import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';

/** Above this mean the count distribution is replaced by a normal one (same mean and variance). */
const NORMAL_APPROXIMATION_MEAN = 200;

/**
 * Quantiles of demand with the given mean and variance, for each level in `levels`:
 * Poisson when variance ≤ mean, negative binomial when larger (overdispersed counts),
 * normal above a large mean. Results are integers ≥ 0 (except in the normal regime)
 * and non-decreasing in the level.
 */
export function countQuantiles(mean: number, variance: number, levels: readonly number[]): number[] {
  if (!(mean > 0) || !Number.isFinite(mean)) return levels.map(() => 0);
  const v = Number.isFinite(variance) ? Math.max(variance, mean) : mean;
  if (mean > NORMAL_APPROXIMATION_MEAN) {
    const sd = Math.sqrt(v);
    return levels.map((level) => Math.max(0, normalQuantile(clampLevel(level), mean, sd)));
  }
  const poisson = v <= mean * (1 + 1e-9);
  // Negative binomial with size r and success ratio q = mean / (r + mean).
  const r = poisson ? Infinity : (mean * mean) / (v - mean);
  const q = poisson ? 0 : mean / (r + mean);
  let pmf = poisson ? Math.exp(-mean) : Math.exp(r * Math.log1p(-q));
  let cdf = pmf;
  let k = 0;
  const order = levels.map((_, i) => i).sort((a, b) => (levels[a] ?? 0) - (levels[b] ?? 0));
  const out = new Array<number>(levels.length).fill(0);
  for (const i of order) {
    const target = clampLevel(levels[i] ?? 0) - 1e-12;
    // The cap guards against a level so close to 1 that the tail is lost to rounding.
    while (cdf < target && k < 100_000) {
      pmf *= poisson ? mean / (k + 1) : ((k + r) / (k + 1)) * q;
      k++;
      cdf += pmf;
      if (pmf === 0 && cdf < target) break;
    }
    out[i] = k;
  }
  return out;
}

function clampLevel(level: number): number {
  return Math.min(1 - 1e-9, Math.max(1e-9, level));
}
