import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tsb, tsbRun } from './tsb.js';

const start = [2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0]; // probability 0.5, size 2

describe('TSB', () => {
  it('matches a hand computation', () => {
    // From p = 0.5, z = 2 with α = β = 0.5: a zero gives p = 0.25; a 4 gives p = 0.625, z = 3.
    const run = tsbRun([...start, 0, 4], { alpha: 0.5, beta: 0.5 });
    expect(run.rate).toBeCloseTo(0.625 * 3, 12);
    expect(run.fitted[12]).toBeCloseTo(1, 12);
    expect(run.fitted[13]).toBeCloseTo(0.5, 12);
    expect(Number.isNaN(run.fitted[0])).toBe(true);
  });

  it('decays geometrically through a run of zeros', () => {
    const params = { alpha: 0.3, beta: 0.2 };
    const rate = tsbRun([...start, 0, 0, 0], params).rate;
    expect(rate).toBeCloseTo(0.5 * 0.8 ** 3 * 2, 12);
  });

  it('is the mean of a history shorter than the starting window', () => {
    expect(tsbRun([0, 3, 0, 1]).rate).toBeCloseTo(1, 12);
    expect(tsb([], { horizon: 2, quantileLevels: [0.5] }).mean).toEqual([0, 0]);
  });

  it('on the geometric scale smooths the logarithm of the sizes', () => {
    // Sizes 2 and 8 start at their geometric mean 4 (p = 0.5); with α = β = 0.5 a 16 gives
    // size exp((ln 4 + ln 16) / 2) = 8 and p = 0.75, where the arithmetic mean would give 10.5.
    const run = tsbRun([2, 0, 8, 0, 2, 0, 8, 0, 2, 0, 8, 0, 16], { alpha: 0.5, beta: 0.5 }, 'geometric');
    expect(run.rate).toBeCloseTo(0.75 * 8, 9);
    expect(run.fitted[12]).toBeCloseTo(0.5 * 4, 9);
  });

  it('on the geometric scale never forecasts more than classic TSB, and the same for equal sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(40), { maxLength: 40 }), (series) => {
        expect(tsbRun(series, undefined, 'geometric').rate).toBeLessThanOrEqual(tsbRun(series).rate * (1 + 1e-12));
        const flat = series.map((y) => (y > 0 ? 3 : 0));
        expect(tsbRun(flat, undefined, 'geometric').rate).toBeCloseTo(tsbRun(flat).rate, 9);
      }),
    );
  });
});
