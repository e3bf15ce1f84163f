import { describe, expect, it } from 'vitest';
import { geometricTsb } from './geometric-tsb.js';
import { tsb } from './tsb.js';

const options = { horizon: 3, quantileLevels: [0.5, 0.9] };

describe('geometricTsb', () => {
  it('forecasts a steady part like TSB', () => {
    const series = [0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2, 0, 2];
    expect(geometricTsb(series, options).mean[0]).toBeCloseTo(tsb(series, options).mean[0] ?? Number.NaN, 9);
  });

  it('is lifted far less than TSB by one large order', () => {
    const series = [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 40, 0, 1];
    const geometric = geometricTsb(series, options);
    const classic = tsb(series, options);
    expect(geometric.method).toBe('geometric-tsb');
    expect(geometric.mean[0]).toBeLessThan((classic.mean[0] ?? 0) / 2);
    expect(geometric.mean).toHaveLength(3);
  });
});
