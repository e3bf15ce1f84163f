import { describe, expect, it } from 'vitest';
import { adida, adidaBucketSize } from './adida.js';

describe('ADIDA', () => {
  it('aggregates by the mean inter-demand interval and spreads the forecast back', () => {
    const demand = [0, 2, 0, 2, 0, 2, 0, 2];
    expect(adidaBucketSize(demand)).toBe(2);
    expect(adida(demand, { horizon: 3, quantileLevels: [0.5] }).mean).toEqual([1, 1, 1]);
  });

  it('keeps at least two aggregated buckets and uses 1 without demand', () => {
    expect(adidaBucketSize([0, 0, 0, 5])).toBe(2);
    expect(adidaBucketSize([0, 0, 0])).toBe(1);
  });
});
