import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../replenish/result.js';
import { simulatePolicy } from './simulate-policies.js';
import { orderableQuantity, type SimulationPolicy } from './simulation-policy.js';

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.value;
}

const rules = fc.oneof(
  fc.record({ kind: fc.constant('s-Q' as const), reorderPoint: fc.integer({ min: -5, max: 40 }), orderQuantity: fc.integer({ min: 1, max: 60 }) }),
  fc.integer({ min: -5, max: 40 }).chain((reorderPoint) => fc.record({ kind: fc.constant('s-S' as const), reorderPoint: fc.constant(reorderPoint), orderUpTo: fc.integer({ min: reorderPoint + 1, max: 100 }) })),
  fc.integer({ min: -5, max: 40 }).chain((min) => fc.record({ kind: fc.constant('min-max' as const), min: fc.constant(min), max: fc.integer({ min: min + 1, max: 100 }) })),
  fc.record({ kind: fc.constant('R-S' as const), reviewPeriod: fc.integer({ min: 1, max: 7 }), orderUpTo: fc.integer({ min: 0, max: 100 }) }),
);

describe('supplier terms in a simulation', () => {
  it('rounds what the rule asks for up to whole packs of at least the MOQ', () => {
    expect(orderableQuantity(0, { minimumOrderQuantity: 50, packSize: 12 })).toBe(0);
    expect(orderableQuantity(7, { minimumOrderQuantity: 50, packSize: 12 })).toBe(60);
    expect(orderableQuantity(61, { minimumOrderQuantity: 50, packSize: 12 })).toBe(72);
    expect(orderableQuantity(7, {})).toBe(7);
  });

  it('places every order as whole packs of at least the MOQ, under any policy, conserving units', () => {
    fc.assert(
      fc.property(
        rules,
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 1, max: 25 }),
        fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 1, maxLength: 120 }),
        fc.integer({ min: 0, max: 6 }),
        fc.constantFrom('backorder' as const, 'lost-sales' as const),
        (rule, minimumOrderQuantity, packSize, values, leadTime, mode) => {
          const policy: SimulationPolicy = { ...rule, minimumOrderQuantity, packSize };
          const result = valueOf(simulatePolicy({ demand: { kind: 'series', values }, leadTime, mode, policy }));
          const ordered = result.trajectory?.ordered ?? [];
          const placed = ordered.filter((quantity) => quantity > 0);
          expect(placed).toHaveLength(result.orders);
          for (const quantity of placed) {
            expect(quantity).toBeGreaterThanOrEqual(minimumOrderQuantity);
            expect(quantity % packSize).toBe(0);
          }
          const { demand, servedFromStock, servedFromBackorder, backorderedAtEnd, lost } = result.units;
          expect(servedFromStock + servedFromBackorder + backorderedAtEnd + lost).toBe(demand);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('orders a whole pack where the rule alone would order less', () => {
    const loose = valueOf(simulatePolicy({ demand: { kind: 'series', values: [3, 3, 3, 3] }, leadTime: 0, initialOnHand: 0, policy: { kind: 'R-S', reviewPeriod: 1, orderUpTo: 3 } }));
    const packed = valueOf(simulatePolicy({ demand: { kind: 'series', values: [3, 3, 3, 3] }, leadTime: 0, initialOnHand: 0, policy: { kind: 'R-S', reviewPeriod: 1, orderUpTo: 3, packSize: 12 } }));
    expect(loose.trajectory?.ordered).toEqual([3, 3, 3, 3]);
    expect(packed.trajectory?.ordered).toEqual([12, 0, 0, 0]);
    expect(packed.trajectory?.onHand).toEqual([9, 6, 3, 0]);
  });

  it('refuses terms that are not whole units, naming the field', () => {
    const policy = { kind: 's-Q', reorderPoint: 3, orderQuantity: 10 } as const;
    expect(simulatePolicy({ demand: { kind: 'series', values: [1] }, leadTime: 1, policy: { ...policy, packSize: 0 } })).toMatchObject({ ok: false, field: 'policy.packSize' });
    expect(simulatePolicy({ demand: { kind: 'series', values: [1] }, leadTime: 1, policy: { ...policy, minimumOrderQuantity: 2.5 } })).toMatchObject({ ok: false, field: 'policy.minimumOrderQuantity' });
  });
});
