import { describe, expect, it } from 'vitest';
import { clampDemand, mean, tail, variance } from './series-statistics.js';

describe('series statistics', () => {
  it('computes mean and sample variance, 0 for too few values', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(variance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 12);
    expect(mean([])).toBe(0);
    expect(variance([5])).toBe(0);
  });

  it('takes the tail and clamps demand at 0', () => {
    expect(tail([1, 2, 3], 2)).toEqual([2, 3]);
    expect(tail([1, 2, 3], 5)).toEqual([1, 2, 3]);
    expect([clampDemand(-1), clampDemand(Number.NaN), clampDemand(2.5)]).toEqual([0, 0, 2.5]);
  });
});
