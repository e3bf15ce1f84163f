import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.js';

describe('retryDelayMs', () => {
  it('doubles per attempt between half and all of the exponential step', () => {
    expect(retryDelayMs(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelayMs(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelayMs(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(retryDelayMs(30, 1000, 60_000, () => 1)).toBe(60_000);
  });

  it('stays within [step/2, step] for any attempt and random draw', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, base, r) => {
        const step = Math.min(3_600_000, base * 2 ** (attempt - 1));
        const delay = retryDelayMs(attempt, base, 3_600_000, () => r);
        expect(delay).toBeGreaterThanOrEqual(Math.floor(step / 2));
        expect(delay).toBeLessThanOrEqual(Math.ceil(step));
      }),
    );
  });
});
