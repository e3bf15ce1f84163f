import { describe, expect, it } from 'vitest';
import { empirical, leadTimeDemandQuantiles } from './empirical.js';

describe('empirical forecast', () => {
  it('uses the quantiles and mean of the last window buckets', () => {
    const result = empirical([9, 9, 1, 2, 3, 4], { horizon: 2, quantileLevels: [0.25, 0.5, 0.95] }, 4);
    expect(result.mean).toEqual([2.5, 2.5]);
    expect(result.quantiles).toEqual([
      { level: 0.25, values: [1, 1] },
      { level: 0.5, values: [2, 2] },
      { level: 0.95, values: [4, 4] },
    ]);
  });

  it('reads lead-time demand from sums of consecutive buckets', () => {
    // Two-bucket sums: 1, 2, 2, 3.
    expect(leadTimeDemandQuantiles([1, 0, 2, 0, 3], 2, [0.5, 0.9])).toEqual([2, 3]);
  });

  it('scales a history shorter than the lead time', () => {
    expect(leadTimeDemandQuantiles([2, 4], 4, [0.1, 0.9])).toEqual([12, 12]);
    expect(leadTimeDemandQuantiles([], 4, [0.5])).toEqual([0]);
  });
});
