import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { economicOrderQuantity } from './economic-order-quantity.js';

describe('economicOrderQuantity', () => {
  // inventory-theory.md, Hillier & Lieberman speaker example without shortages.
  it('reproduces Hillier & Lieberman: Q* = 25,298, cycle 3.2 months, cost 7,589.5/month', () => {
    const result = economicOrderQuantity({ demandRate: 8000, orderingCost: 12000, holdingCost: 0.3 });
    if (!result.ok) throw new Error(result.message);
    expect(Math.abs(result.value.quantity - 25298)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(result.value.cycleLength - 3.2)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(result.value.totalVariableCost - 7589.5)).toBeLessThanOrEqual(0.05);
  });

  it('rejects non-positive inputs, naming the field', () => {
    expect(economicOrderQuantity({ demandRate: 0, orderingCost: 1, holdingCost: 1 })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      field: 'demandRate',
    });
    expect(economicOrderQuantity({ demandRate: 1, orderingCost: 1, holdingCost: -1 })).toMatchObject({
      field: 'holdingCost',
    });
  });

  it('minimises ordering plus holding cost', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        fc.double({ min: 0.2, max: 5, noNaN: true }),
        (demandRate, orderingCost, holdingCost, factor) => {
          const result = economicOrderQuantity({ demandRate, orderingCost, holdingCost });
          if (!result.ok) throw new Error(result.message);
          const q = result.value.quantity * factor;
          const other = (demandRate * orderingCost) / q + (holdingCost * q) / 2;
          expect(other).toBeGreaterThanOrEqual(result.value.totalVariableCost * (1 - 1e-12));
        },
      ),
    );
  });
});
