import { describe, expect, it } from 'vitest';
import { estimateSpread, residualVariance, spreadQuantiles } from './demand-spread.js';

describe('demand spread', () => {
  it('measures one-step error variance where fitted values exist', () => {
    expect(residualVariance([1, 3, 5], [Number.NaN, 1, 1], 10)).toBe(10);
    expect(residualVariance([1, 3, 5], [Number.NaN, 1, 1], 1)).toBe(16);
    expect(residualVariance([1], [Number.NaN], 5)).toBeUndefined();
  });

  it('gives slow movers the prior level uncertainty and fast movers a small one', () => {
    expect(estimateSpread([0, 1, 0, 0, 2, 0], 12).levelUncertainty).toBe(2);
    const fast = estimateSpread(Array<number>(48).fill(100), 12);
    expect(fast.dispersion).toBe(1);
    expect(fast.levelUncertainty).toBeCloseTo(80 / 2401, 12);
  });

  it('charges a seasonal model only for its own errors', () => {
    const seasonal = Array.from({ length: 48 }, (_, t) => (t % 2 === 0 ? 10 : 50));
    expect(estimateSpread(seasonal, 12).dispersion).toBeGreaterThan(10);
    expect(estimateSpread(seasonal, 12, seasonal).dispersion).toBe(1);
  });

  it("keeps the method's share of the excess dispersion and its own cap on level uncertainty", () => {
    const lumpy = Array.from({ length: 24 }, (_, t) => (t % 2 === 0 ? 30 : 10));
    const whole = estimateSpread(lumpy, 12);
    const measured = 2400 / 23 / 20; // sample variance over the mean of 20
    expect(whole.dispersion).toBeCloseTo(measured, 12);
    const fifth = estimateSpread(lumpy, 12, undefined, { dispersionWeight: 0.2, priorLevelUncertainty: 1.5 });
    const kept = 1 + 0.2 * (measured - 1);
    expect(fifth.dispersion).toBeCloseTo(kept, 12);
    expect(fifth.levelUncertainty).toBeCloseTo(80 / ((20 * 24) / kept + 1), 12);
    const slow = estimateSpread([0, 1, 0, 0, 2, 0], 12, undefined, { dispersionWeight: 1, priorLevelUncertainty: 1.5 });
    expect(slow.levelUncertainty).toBe(1.5);
  });

  it('lays out quantiles by level and step', () => {
    const q = spreadQuantiles([1, 1, 0], [0.1, 0.9], { dispersion: 1, levelUncertainty: 0 });
    expect(q).toEqual([
      { level: 0.1, values: [0, 0, 0] },
      { level: 0.9, values: [2, 2, 0] },
    ]);
  });
});
