import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countQuantiles } from './count-quantiles.js';

describe('countQuantiles', () => {
  it('gives Poisson quantiles when the variance equals the mean', () => {
    // Poisson(1): P(0) = 0.368, P(≤1) = 0.736, P(≤2) = 0.920, P(≤3) = 0.981.
    expect(countQuantiles(1, 1, [0.1, 0.5, 0.8, 0.95, 0.99])).toEqual([0, 1, 2, 3, 4]);
  });

  it('treats a variance below the mean as Poisson', () => {
    expect(countQuantiles(1, 0.2, [0.1, 0.5, 0.8, 0.95])).toEqual([0, 1, 2, 3]);
  });

  it('gives negative binomial quantiles when overdispersed', () => {
    // Mean 2, variance 6: size 1, a geometric law with P(k) = (1/3)(2/3)^k;
    // CDF 0.333, 0.556, 0.704, 0.802, 0.868 for k = 0..4.
    expect(countQuantiles(2, 6, [0.3, 0.5, 0.6, 0.8, 0.85])).toEqual([0, 1, 2, 3, 4]);
  });

  it('keeps the order of unsorted levels', () => {
    expect(countQuantiles(1, 1, [0.95, 0.1, 0.5])).toEqual([3, 0, 1]);
  });

  it('is 0 for a zero or invalid mean', () => {
    expect(countQuantiles(0, 0, [0.5, 0.9])).toEqual([0, 0]);
    expect(countQuantiles(Number.NaN, 1, [0.5])).toEqual([0]);
  });

  it('switches to the normal law for large means', () => {
    const [low, median, high] = countQuantiles(1000, 1000, [0.1, 0.5, 0.9]);
    expect(median).toBeCloseTo(1000, 6);
    expect(high! - median!).toBeCloseTo(1.2816 * Math.sqrt(1000), 2);
    expect(median! - low!).toBeCloseTo(high! - median!, 6);
  });

  it('returns finite, non-negative values that never decrease with the level', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        fc.uniqueArray(fc.double({ min: 0.01, max: 0.99, noNaN: true }), { minLength: 1, maxLength: 9 }),
        (mean, variance, levels) => {
          const sorted = [...levels].sort((a, b) => a - b);
          const q = countQuantiles(mean, variance, sorted);
          for (let i = 0; i < q.length; i++) {
            expect(Number.isFinite(q[i])).toBe(true);
            expect(q[i]).toBeGreaterThanOrEqual(0);
            if (i > 0) expect(q[i]).toBeGreaterThanOrEqual(q[i - 1]!);
          }
        },
      ),
    );
  });
});
