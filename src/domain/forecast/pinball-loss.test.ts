import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pinballLoss } from './pinball-loss.js';

describe('pinballLoss', () => {
  it('charges the level per unit under and 1 − level per unit over', () => {
    expect(pinballLoss(10, 6, 0.9)).toBeCloseTo(3.6, 12);
    expect(pinballLoss(6, 10, 0.9)).toBeCloseTo(0.4, 12);
    expect(pinballLoss(5, 5, 0.3)).toBe(0);
  });

  it('is never negative', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (y, q, level) => {
        expect(pinballLoss(y, q, level)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
