import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { economicOrderQuantity } from './economic-order-quantity.js';
import { eoqWithPlannedBackorders } from './eoq-with-planned-backorders.js';

describe('eoqWithPlannedBackorders', () => {
  // inventory-theory.md, Hillier & Lieberman speaker example with planned shortages.
  it('reproduces Hillier & Lieberman: Q* = 28,540, cycle 3.6, max shortage 6,116, cost 6,727.3', () => {
    const result = eoqWithPlannedBackorders({
      demandRate: 8000,
      orderingCost: 12000,
      holdingCost: 0.3,
      backorderCost: 1.1,
    });
    if (!result.ok) throw new Error(result.message);
    expect(Math.abs(result.value.quantity - 28540)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(result.value.cycleLength - 3.6)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(result.value.maxShortage - 6116)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(result.value.totalVariableCost - 6727.3)).toBeLessThanOrEqual(0.05);
    expect(result.value.maxInventory + result.value.maxShortage).toBeCloseTo(result.value.quantity, 9);
  });

  it('rejects a missing or non-positive backorder cost', () => {
    expect(
      eoqWithPlannedBackorders({ demandRate: 1, orderingCost: 1, holdingCost: 1, backorderCost: 0 }),
    ).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', field: 'backorderCost' });
  });

  it('costs no more than the plain EOQ, and equals the closed form √(2DKh)·√(p/(p + h))', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 1, max: 1e4, noNaN: true }),
        fc.double({ min: 0.001, max: 10, noNaN: true }),
        fc.double({ min: 0.001, max: 100, noNaN: true }),
        (demandRate, orderingCost, holdingCost, backorderCost) => {
          const plain = economicOrderQuantity({ demandRate, orderingCost, holdingCost });
          const planned = eoqWithPlannedBackorders({ demandRate, orderingCost, holdingCost, backorderCost });
          if (!plain.ok || !planned.ok) throw new Error('unexpected failure');
          const closedForm =
            Math.sqrt(2 * demandRate * orderingCost * holdingCost) *
            Math.sqrt(backorderCost / (backorderCost + holdingCost));
          expect(planned.value.totalVariableCost / closedForm).toBeCloseTo(1, 10);
          expect(planned.value.totalVariableCost).toBeLessThanOrEqual(plain.value.totalVariableCost);
          expect(planned.value.quantity).toBeGreaterThanOrEqual(plain.value.quantity);
        },
      ),
    );
  });
});
