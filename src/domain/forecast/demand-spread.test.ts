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
    // Poisson-like scatter (sample variance = mean = 100 over the 24 buckets measured): the level
    // uncertainty of the 2,400 units seen.
    const fast = estimateSpread(Array.from({ length: 48 }, (_, t) => 100 + (t % 2 === 0 ? 1 : -1) * Math.sqrt((100 * 23) / 24)), 12);
    expect(fast.dispersion).toBeCloseTo(1, 12);
    expect(fast.levelUncertainty).toBeCloseTo(80 / 2401, 12);
  });

  it('scales the level uncertainty down for demand steadier than Poisson, by how much steadier', () => {
    // One pack a week, every week: no sign that the level moves, so no level uncertainty.
    expect(estimateSpread(Array<number>(21).fill(1), 4).levelUncertainty).toBe(0);
    // One or two buckets (a launch's first days) show nothing of the kind: the units seen decide.
    expect(estimateSpread([70], 4).levelUncertainty).toBeCloseTo(80 / 71, 12);
    expect(estimateSpread([5, 5], 4).levelUncertainty).toBe(2);
    // Variance half the mean: half of what the units seen alone would give.
    const steady = Array.from({ length: 24 }, (_, t) => 10 + (t % 2 === 0 ? 1 : -1) * Math.sqrt((5 * 23) / 24));
    const spread = estimateSpread(steady, 12);
    expect(spread.dispersion).toBe(1);
    expect(spread.levelUncertainty).toBeCloseTo(0.5 * (80 / (240 + 1)), 12);
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
