import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planRelease, type LineHolding } from './release.js';

const holdingArb: fc.Arbitrary<LineHolding> = fc.record({
  backordered: fc.integer({ min: 0, max: 10 }),
  allocations: fc
    .uniqueArray(fc.record({ locationId: fc.integer({ min: 1, max: 9 }), quantity: fc.integer({ min: 1, max: 10 }) }), { selector: (a) => a.locationId, maxLength: 4 }),
});

const openOf = (line: LineHolding) => line.backordered + line.allocations.reduce((sum, a) => sum + a.quantity, 0);

describe('planRelease', () => {
  it('releases backordered units first, then the least preferred allocation', () => {
    const line = { backordered: 2, allocations: [{ locationId: 1, quantity: 3 }, { locationId: 2, quantity: 4 }] };
    expect(planRelease(line, 1)).toEqual({ fromBackorder: 1, fromAllocations: [] });
    expect(planRelease(line, 7)).toEqual({ fromBackorder: 2, fromAllocations: [{ locationId: 2, quantity: 4 }, { locationId: 1, quantity: 1 }] });
    expect(planRelease(line, 10)).toBeNull();
  });

  it('conserves units: what it releases sums to the quantity, and never more than a holding has', () => {
    fc.assert(
      fc.property(holdingArb, fc.integer({ min: 1, max: 50 }), (line, quantity) => {
        const plan = planRelease(line, quantity);
        if (quantity > openOf(line)) {
          expect(plan).toBeNull();
          return;
        }
        if (!plan) throw new Error('expected a plan');
        expect(plan.fromBackorder + plan.fromAllocations.reduce((sum, a) => sum + a.quantity, 0)).toBe(quantity);
        expect(plan.fromBackorder).toBe(Math.min(quantity, line.backordered));
        for (const take of plan.fromAllocations) {
          const held = line.allocations.find((a) => a.locationId === take.locationId);
          expect(take.quantity).toBeGreaterThan(0);
          expect(take.quantity).toBeLessThanOrEqual(held?.quantity ?? 0);
        }
      }),
    );
  });

  it('touches an allocation only after every less preferred one is used up', () => {
    fc.assert(
      fc.property(holdingArb, fc.integer({ min: 1, max: 50 }), (line, quantity) => {
        const plan = planRelease(line, quantity);
        if (!plan) return;
        const reversed = [...line.allocations].reverse();
        expect(plan.fromAllocations.map((t) => t.locationId)).toEqual(reversed.slice(0, plan.fromAllocations.length).map((a) => a.locationId));
        plan.fromAllocations.slice(0, -1).forEach((take, index) => expect(take.quantity).toBe(reversed[index]?.quantity));
        if (plan.fromAllocations.length > 0) expect(plan.fromBackorder).toBe(line.backordered);
      }),
    );
  });
});
