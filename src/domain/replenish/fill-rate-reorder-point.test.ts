import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reorderPointForFillRate } from './fill-rate-reorder-point.js';
import { servicePerformance } from './service-performance.js';

describe('reorderPointForFillRate', () => {
  const chopra = { mean: 500, sd: 150 * Math.SQRT2 };

  it('finds the Chopra & Meindl 11-4 reorder point 600 from its fill rate 0.9561 at Q = 1000', () => {
    const result = reorderPointForFillRate(chopra, 0.9561, 1000);
    // G(k) = 1000 × 0.0439 / 212.13 = 0.2069, k = 0.4714; the 4-digit β moves the point by < 0.2.
    expect(result.ok && Math.abs(result.value.reorderPoint - 600)).toBeLessThan(0.2);
  });

  it('needs no safety stock when demand has no spread or no demand falls in a cycle', () => {
    expect(reorderPointForFillRate({ mean: 40, sd: 0 }, 0.99, 100)).toEqual({
      ok: true,
      value: { serviceFactor: null, safetyStock: 0, reorderPoint: 40 },
    });
    expect(reorderPointForFillRate({ mean: 0, sd: 5 }, 0.99, 0)).toMatchObject({ value: { safetyStock: 0 } });
  });

  it('rejects targets outside (0, 1) and negative cycle demand', () => {
    expect(reorderPointForFillRate(chopra, 1, 1000)).toMatchObject({ ok: false, field: 'fillRate' });
    expect(reorderPointForFillRate(chopra, 0.9, -1)).toMatchObject({ ok: false, field: 'demandPerCycle' });
  });

  it('delivers the fill rate it was asked for (round trip through ESC = σ_L·G(k))', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.9999, noNaN: true }),
        fc.double({ min: 1, max: 5000, noNaN: true }),
        (target, lot) => {
          const point = reorderPointForFillRate(chopra, target, lot);
          if (!point.ok) throw new Error(point.message);
          const delivered = servicePerformance(chopra, point.value.reorderPoint, lot);
          expect(delivered.ok && delivered.value.fillRate).toBeCloseTo(target, 8);
        },
      ),
    );
  });
});
