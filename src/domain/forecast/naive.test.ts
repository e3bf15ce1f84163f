import { describe, expect, it } from 'vitest';
import { naive } from './naive.js';
import { seasonalNaive } from './seasonal-naive.js';

const levels = [0.5];

describe('naive and seasonal naive', () => {
  it('naive repeats the last value', () => {
    expect(naive([3, 0, 7], { horizon: 3, quantileLevels: levels }).mean).toEqual([7, 7, 7]);
    expect(naive([], { horizon: 1, quantileLevels: levels }).mean).toEqual([0]);
  });

  it('seasonal naive repeats the last season', () => {
    const options = { horizon: 5, seasonLength: 3, quantileLevels: levels };
    expect(seasonalNaive([1, 2, 3, 4, 5, 6], options).mean).toEqual([4, 5, 6, 4, 5]);
  });

  it('seasonal naive falls back to naive with less than a season', () => {
    expect(seasonalNaive([1, 2], { horizon: 2, seasonLength: 12, quantileLevels: levels }).mean).toEqual([2, 2]);
  });
});
