import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { reorderPointForCycleServiceLevel } from './cycle-service-level-reorder-point.js';
import { servicePerformance } from './service-performance.js';

describe('reorderPointForCycleServiceLevel', () => {
  it('finds the Chopra & Meindl 11-4 reorder point 600 from its CSL 0.6813', () => {
    const result = reorderPointForCycleServiceLevel({ mean: 500, sd: 150 * Math.SQRT2 }, 0.6813);
    expect(result.ok && Math.abs(result.value.reorderPoint - 600)).toBeLessThan(0.1);
  });

  it('uses k = 1.645 for 95%', () => {
    const result = reorderPointForCycleServiceLevel({ mean: 100, sd: 10 }, 0.95);
    expect(result.ok && result.value.serviceFactor).toBeCloseTo(1.644854, 6);
    expect(result.ok && result.value.reorderPoint).toBeCloseTo(116.44854, 4);
  });

  it.each([0, 1, -0.2, 1.5, Number.NaN])('rejects a target of %d', (target) => {
    expect(reorderPointForCycleServiceLevel({ mean: 100, sd: 10 }, target)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      field: 'cycleServiceLevel',
    });
  });

  it('delivers the CSL it was asked for', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.999, noNaN: true }), (target) => {
        const demand = { mean: 300, sd: 50 };
        const point = reorderPointForCycleServiceLevel(demand, target);
        if (!point.ok) throw new Error(point.message);
        const delivered = servicePerformance(demand, point.value.reorderPoint, 100);
        expect(delivered.ok && delivered.value.cycleServiceLevel).toBeCloseTo(target, 9);
      }),
    );
  });
});
