import { describe, expect, it } from 'vitest';
import { croston, crostonRun } from './croston.js';
import { sba, SBA_FACTOR } from './sba.js';

const options = { horizon: 2, quantileLevels: [0.5] };
const demand = [0, 0, 3, 0, 2, 0, 0, 4];

describe('Croston and SBA', () => {
  it("match a hand computation of Croston's size and interval smoothing", () => {
    // Sizes 3, 2, 4 and intervals 3, 2, 3, both smoothed with α = 0.1 from their first value:
    // size 3 → 2.9 → 3.01; interval 3 → 2.9 → 2.91.
    const run = crostonRun(demand, 0.1);
    expect(run.rate).toBeCloseTo(3.01 / 2.91, 12);
    expect(run.fitted.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(run.fitted.slice(3)).toEqual([1, 1, 1, 1, 1]);
    expect(croston(demand, options).mean).toEqual([run.rate, run.rate]);
  });

  it('SBA scales the Croston rate by 1 − α/2', () => {
    expect(SBA_FACTOR).toBeCloseTo(0.95, 12);
    expect(sba(demand, options).mean[0]).toBeCloseTo((0.95 * 3.01) / 2.91, 12);
  });

  it('forecasts 0 without demand', () => {
    expect(croston([0, 0, 0], options).mean).toEqual([0, 0]);
    expect(sba([], options).mean).toEqual([0, 0]);
  });
});
