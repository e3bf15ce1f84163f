import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { leadTimeDemand } from './lead-time-demand.js';
import { servicePerformance } from './service-performance.js';

describe('servicePerformance', () => {
  // inventory-theory.md, Chopra & Meindl exercise 11-4.
  it('reproduces Chopra & Meindl 11-4: CSL 0.6813, ESC 43.86, fill rate 0.9561', () => {
    const demand = leadTimeDemand({ meanPerPeriod: 250, sdPerPeriod: 150, leadTime: 2 });
    if (!demand.ok) throw new Error(demand.message);
    const result = servicePerformance(demand.value, 600, 1000);
    if (!result.ok) throw new Error(result.message);
    expect(result.value.safetyStock).toBe(100);
    expect(Math.abs(result.value.cycleServiceLevel - 0.6813)).toBeLessThanOrEqual(5e-5);
    expect(Math.abs(result.value.expectedShortagePerCycle - 43.86)).toBeLessThanOrEqual(0.005);
    expect(Math.abs(result.value.fillRate - 0.9561)).toBeLessThanOrEqual(5e-5);
  });

  it('rejects demand without spread and non-positive cycle demand', () => {
    expect(servicePerformance({ mean: 10, sd: 0 }, 12, 5)).toMatchObject({ ok: false, field: 'demand.sd' });
    expect(servicePerformance({ mean: 10, sd: 2 }, 12, 0)).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      field: 'demandPerCycle',
    });
  });

  it('never serves worse for a higher reorder point', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        (reorderPoint, raise) => {
          const demand = { mean: 100, sd: 40 };
          const low = servicePerformance(demand, reorderPoint, 200);
          const high = servicePerformance(demand, reorderPoint + raise, 200);
          if (!low.ok || !high.ok) throw new Error('unexpected failure');
          expect(high.value.cycleServiceLevel).toBeGreaterThanOrEqual(low.value.cycleServiceLevel);
          expect(high.value.fillRate).toBeGreaterThanOrEqual(low.value.fillRate);
          expect(high.value.expectedShortagePerCycle).toBeLessThanOrEqual(low.value.expectedShortagePerCycle);
        },
      ),
    );
  });
});
