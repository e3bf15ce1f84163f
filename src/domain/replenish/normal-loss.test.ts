import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalLoss } from './normal-loss.js';

describe('normalLoss', () => {
  // inventory-theory.md, "Unit normal loss function" table (five decimals).
  it.each([
    [-1, 1.08332],
    [0, 0.39894],
    [0.5, 0.1978],
    [1, 0.08332],
    [1.5, 0.02931],
    [2, 0.00849],
    [3, 0.00038],
  ])('G(%d) = %d as published', (z, published) => {
    expect(Math.abs(normalLoss(z) - published)).toBeLessThanOrEqual(5e-6);
  });

  it('G(1.3) = 0.045528 as published', () => {
    expect(Math.abs(normalLoss(1.3) - 0.045528)).toBeLessThanOrEqual(5e-7);
  });

  it('stays accurate far in the upper tail, where 1 − Φ(z) would cancel to 0', () => {
    // Asymptotically G(z) ≈ φ(z)/z² · (1 − 3/z²); at z = 10 that is 7.5e-25 within 2%.
    const z = 10;
    const phi = Math.exp(-(z * z) / 2) / Math.sqrt(2 * Math.PI);
    expect(normalLoss(z) / ((phi / (z * z)) * (1 - 3 / (z * z)))).toBeCloseTo(1, 1);
  });

  it('is positive and strictly decreasing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 8, noNaN: true }),
        fc.double({ min: 1e-3, max: 5, noNaN: true }),
        (z, gap) => {
          expect(normalLoss(z)).toBeGreaterThan(0);
          expect(normalLoss(z)).toBeGreaterThan(normalLoss(z + gap));
        },
      ),
    );
  });

  it('satisfies G(z) − G(−z) = −z, so G(z) ≥ max(0, −z)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (z) => {
        expect(normalLoss(z) - normalLoss(-z)).toBeCloseTo(-z, 9);
        // Equality only where G(−z) is below the rounding of −z.
        expect(normalLoss(z)).toBeGreaterThanOrEqual(Math.max(0, -z));
      }),
    );
  });
});
