import { describe, expect, it } from 'vitest';
import { abcClasses } from './abc-class.js';
import { ageBucket } from './age-buckets.js';
import { weightedMean, weightedPercentile } from './percentile.js';

describe('abcClasses', () => {
  it('gives A to the first 80% of revenue, B to the next 15%, C to the rest and to items without revenue', () => {
    const classes = abcClasses(new Map([['X', 700], ['Y', 200], ['Z', 60], ['W', 40], ['V', 0]]));
    expect(Object.fromEntries(classes)).toEqual({ X: 'A', Y: 'A', Z: 'B', W: 'C', V: 'C' });
  });
});

describe('weighted statistics', () => {
  it('takes the nearest-rank percentile by cumulative weight', () => {
    const values = [{ value: 1, weight: 5 }, { value: 10, weight: 4 }, { value: 100, weight: 1 }];
    expect(weightedPercentile(values, 0.5)).toBe(1);
    expect(weightedPercentile(values, 0.9)).toBe(10);
    expect(weightedPercentile(values, 1)).toBe(100);
    expect(weightedMean(values)).toBeCloseTo((5 + 40 + 100) / 10);
    expect(weightedPercentile([], 0.9)).toBeNull();
  });
});

describe('ageBucket', () => {
  it('puts days on the SPEC §8 boundaries', () => {
    expect([0, 7, 8, 14, 15, 30, 31].map(ageBucket)).toEqual(['0-7', '0-7', '8-14', '8-14', '15-30', '15-30', '>30']);
  });
});
