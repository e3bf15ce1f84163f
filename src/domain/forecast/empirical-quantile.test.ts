import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { empiricalQuantile, empiricalQuantiles } from './empirical-quantile.js';

describe('empiricalQuantile (inverse empirical CDF)', () => {
  it('takes the smallest value whose share at or below it reaches the level', () => {
    const sample = [4, 1, 3, 2];
    expect(empiricalQuantile(sample, 0.25)).toBe(1);
    expect(empiricalQuantile(sample, 0.5)).toBe(2);
    expect(empiricalQuantile(sample, 0.51)).toBe(3);
    expect(empiricalQuantile(sample, 0.95)).toBe(4);
  });

  it('is 0 for an empty sample', () => {
    expect(empiricalQuantile([], 0.9)).toBe(0);
  });

  it('returns sample values, non-decreasing in the level', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(20), { minLength: 1, maxLength: 40 }),
        fc.array(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { minLength: 1, maxLength: 9 }),
        (sample, levels) => {
          const sorted = [...levels].sort((a, b) => a - b);
          const q = empiricalQuantiles(sample, sorted);
          q.forEach((v, i) => {
            expect(sample).toContain(v);
            if (i > 0) expect(v).toBeGreaterThanOrEqual(q[i - 1]!);
          });
        },
      ),
    );
  });
});
