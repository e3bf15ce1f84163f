import { describe, expect, it } from 'vitest';
import { leadTimeDemand } from './lead-time-demand.js';

describe('leadTimeDemand', () => {
  it('gives Chopra & Meindl 11-4 its σ_L = 212 (150·√2)', () => {
    const result = leadTimeDemand({ meanPerPeriod: 250, sdPerPeriod: 150, leadTime: 2 });
    expect(result.ok && result.value.mean).toBe(500);
    expect(result.ok && Math.abs(result.value.sd - 212)).toBeLessThanOrEqual(0.5);
    expect(result.ok && result.value.sd).toBeCloseTo(150 * Math.SQRT2, 10);
  });

  it('adds lead-time variability as μ²·σ_LT²', () => {
    const result = leadTimeDemand({ meanPerPeriod: 10, sdPerPeriod: 3, leadTime: 4, leadTimeSd: 1 });
    expect(result.ok && result.value.sd).toBeCloseTo(Math.sqrt(4 * 9 + 100), 12);
  });

  it('rejects a negative lead time, naming the field', () => {
    expect(leadTimeDemand({ meanPerPeriod: 10, sdPerPeriod: 3, leadTime: -1 })).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      field: 'leadTime',
      message: 'must be a finite number ≥ 0',
    });
    expect(leadTimeDemand({ meanPerPeriod: 10, sdPerPeriod: Number.NaN, leadTime: 1 })).toMatchObject({
      field: 'sdPerPeriod',
    });
  });
});
