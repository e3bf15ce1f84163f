import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { free, stocksArb, takenPerLocation } from '../../test/support/domain-arbitraries.js';
import { allocatableStock, applyTakes, networkAvailable, planAllocation } from './allocation.js';
import type { LocatedStock } from './types.js';

const stock = (locationId: number, locationPriority: number, onHand: number, allocated = 0, locationActive = true): LocatedStock => ({
  itemId: 1, locationId, locationCode: `L${locationId}`, locationPriority, locationActive, onHand, allocated,
});

describe('planAllocation', () => {
  it('takes the whole line from the best-priority location that can cover it', () => {
    const plan = planAllocation(5, [stock(1, 0, 3), stock(2, 5, 10), stock(3, 9, 50)]);
    expect(plan).toEqual({ takes: [{ locationId: 2, quantity: 5 }], allocated: 5, remaining: 0 });
  });

  it('splits across locations in priority order when none covers the line, leaving the rest', () => {
    const plan = planAllocation(9, [stock(3, 9, 2), stock(1, 0, 3, 1), stock(2, 5, 4)]);
    expect(plan).toEqual({
      takes: [{ locationId: 1, quantity: 2 }, { locationId: 2, quantity: 4 }, { locationId: 3, quantity: 2 }],
      allocated: 8,
      remaining: 1,
    });
  });

  it('ignores inactive locations and locations without free units', () => {
    const plan = planAllocation(2, [stock(1, 0, 9, 0, false), stock(2, 1, 4, 4), stock(3, 2, 1)]);
    expect(plan).toEqual({ takes: [{ locationId: 3, quantity: 1 }], allocated: 1, remaining: 1 });
  });

  it('conserves units: allocated + remaining = requested, and the takes sum to allocated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), stocksArb, (quantity, stocks) => {
        const plan = planAllocation(quantity, stocks);
        expect(plan.allocated + plan.remaining).toBe(quantity);
        expect(plan.takes.reduce((sum, t) => sum + t.quantity, 0)).toBe(plan.allocated);
        expect(plan.takes.every((t) => t.quantity > 0)).toBe(true);
      }),
    );
  });

  it('never takes more than a location has available, and only from active locations', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), stocksArb, (quantity, stocks) => {
        const plan = planAllocation(quantity, stocks);
        for (const [locationId, taken] of takenPerLocation(plan.takes)) {
          const level = stocks.find((s) => s.locationId === locationId) as LocatedStock;
          expect(level.locationActive).toBe(true);
          expect(taken).toBeLessThanOrEqual(free(level));
        }
        for (const level of applyTakes(stocks, plan.takes)) expect(level.allocated).toBeLessThanOrEqual(level.onHand);
      }),
    );
  });

  it('takes as much as the network has when it cannot cover the line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), stocksArb, (quantity, stocks) => {
        const plan = planAllocation(quantity, stocks);
        expect(plan.allocated).toBe(Math.min(quantity, networkAvailable(stocks)));
      }),
    );
  });

  it('picks a single location, the best-priority one, whenever one location covers the line', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 25 }), stocksArb, (quantity, stocks) => {
        const covering = allocatableStock(stocks).filter((s) => free(s) >= quantity);
        fc.pre(covering.length > 0);
        const plan = planAllocation(quantity, stocks);
        expect(plan.takes).toEqual([{ locationId: (covering[0] as LocatedStock).locationId, quantity }]);
        const best = Math.min(...covering.map((s) => s.locationPriority));
        expect(stocks.find((s) => s.locationId === plan.takes[0]?.locationId)?.locationPriority).toBe(best);
      }),
    );
  });

  it('when splitting, empties locations in priority order (only the last one touched keeps free units)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), stocksArb, (quantity, stocks) => {
        const plan = planAllocation(quantity, stocks);
        fc.pre(plan.takes.length > 1 || plan.remaining > 0);
        const order = allocatableStock(stocks);
        expect(plan.takes.map((t) => t.locationId)).toEqual(order.slice(0, plan.takes.length).map((s) => s.locationId));
        plan.takes.slice(0, -1).forEach((take, index) => expect(take.quantity).toBe(free(order[index] as LocatedStock)));
      }),
    );
  });
});

describe('allocatableStock and networkAvailable', () => {
  it('orders active locations with free units by priority, then id', () => {
    const ordered = allocatableStock([stock(4, 1, 1), stock(2, 1, 1), stock(1, 0, 1, 1), stock(3, 0, 1), stock(5, 0, 5, 0, false)]);
    expect(ordered.map((s) => s.locationId)).toEqual([3, 2, 4]);
  });

  it('sums free units over active locations only', () => {
    fc.assert(
      fc.property(stocksArb, (stocks) => {
        const expected = stocks.filter((s) => s.locationActive).reduce((sum, s) => sum + free(s), 0);
        expect(networkAvailable(stocks)).toBe(expected);
      }),
    );
  });

  it('applyTakes leaves its input untouched and adds each take to its location', () => {
    const stocks = [stock(1, 0, 5, 1), stock(2, 0, 5)];
    const after = applyTakes(stocks, [{ locationId: 1, quantity: 2 }, { locationId: 1, quantity: 1 }]);
    expect(after.map((s) => s.allocated)).toEqual([4, 0]);
    expect(stocks[0]?.allocated).toBe(1);
  });
});
