import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inverseNormalLoss } from './inverse-normal-loss.js';
import { normalLoss } from './normal-loss.js';

describe('inverseNormalLoss', () => {
  it('inverts the published table', () => {
    expect(inverseNormalLoss(0.39894)).toBeCloseTo(0, 4);
    expect(inverseNormalLoss(0.08332)).toBeCloseTo(1, 4);
    expect(inverseNormalLoss(0.045528)).toBeCloseTo(1.3, 5);
    expect(inverseNormalLoss(1.08332)).toBeCloseTo(-1, 4);
  });

  it('follows Math conventions at the edges', () => {
    expect(inverseNormalLoss(0)).toBe(Number.POSITIVE_INFINITY);
    expect(inverseNormalLoss(Number.POSITIVE_INFINITY)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseNormalLoss(-0.1)).toBeNaN();
    expect(inverseNormalLoss(Number.NaN)).toBeNaN();
  });

  it('round-trips G(G⁻¹(x)) = x over many orders of magnitude', () => {
    fc.assert(
      fc.property(fc.double({ min: -12, max: 3, noNaN: true }), (exponent) => {
        const x = 10 ** exponent;
        expect(normalLoss(inverseNormalLoss(x)) / x).toBeCloseTo(1, 9);
      }),
    );
  });

  it('round-trips G⁻¹(G(k)) = k', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 6, noNaN: true }), (k) => {
        expect(inverseNormalLoss(normalLoss(k))).toBeCloseTo(k, 7);
      }),
    );
  });

  it('is strictly decreasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-9, max: 100, noNaN: true }),
        fc.double({ min: 1.001, max: 10, noNaN: true }),
        (x, factor) => {
          expect(inverseNormalLoss(x)).toBeGreaterThan(inverseNormalLoss(x * factor));
        },
      ),
    );
  });
});
