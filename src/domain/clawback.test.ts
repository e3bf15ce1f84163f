import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planClawback, planRehoming, type AllocationAtLocation } from './clawback.js';
import type { LocatedStock } from './types.js';
import { sortQueue } from './queue.js';

const allocation = (lineId: number, priority: number, day: number, allocated: number): AllocationAtLocation => ({
  lineId, orderId: lineId * 10, priority, placedAt: `2026-01-0${day}T00:00:00.000Z`, allocated,
});

const allocationsArb: fc.Arbitrary<AllocationAtLocation[]> = fc
  .uniqueArray(
    fc.record({ lineId: fc.integer({ min: 1, max: 500 }), priority: fc.integer({ min: 0, max: 2 }), day: fc.integer({ min: 1, max: 5 }), allocated: fc.integer({ min: 1, max: 6 }) }),
    { selector: (a) => a.lineId, maxLength: 8 },
  )
  .map((rows) => rows.map((r) => allocation(r.lineId, r.priority, r.day, r.allocated)));

describe('planClawback', () => {
  it('takes from the lowest-priority, newest lines first', () => {
    const plan = planClawback([allocation(1, 5, 1, 2), allocation(2, 0, 1, 2), allocation(3, 0, 2, 2), allocation(4, 0, 2, 1)], 4);
    expect(plan).toEqual([
      { lineId: 4, orderId: 40, quantity: 1 },
      { lineId: 3, orderId: 30, quantity: 2 },
      { lineId: 2, orderId: 20, quantity: 1 },
    ]);
  });

  it('takes exactly the shortfall (or all there is), never more than a line holds', () => {
    fc.assert(
      fc.property(allocationsArb, fc.integer({ min: 0, max: 60 }), (allocations, shortfall) => {
        const plan = planClawback(allocations, shortfall);
        const held = allocations.reduce((sum, a) => sum + a.allocated, 0);
        expect(plan.reduce((sum, c) => sum + c.quantity, 0)).toBe(Math.min(shortfall, held));
        for (const take of plan) {
          const line = allocations.find((a) => a.lineId === take.lineId) as AllocationAtLocation;
          expect(take.quantity).toBeGreaterThan(0);
          expect(take.quantity).toBeLessThanOrEqual(line.allocated);
          expect(take.orderId).toBe(line.orderId);
        }
      }),
    );
  });

  it('keeps the stock of the customers who would be served first: a line is touched only after every later-served line is emptied', () => {
    fc.assert(
      fc.property(allocationsArb, fc.integer({ min: 0, max: 60 }), (allocations, shortfall) => {
        const plan = planClawback(allocations, shortfall);
        const lastServedFirst = sortQueue(allocations.map((a) => ({ ...a, backordered: a.allocated }))).reverse();
        expect(plan.map((c) => c.lineId)).toEqual(lastServedFirst.slice(0, plan.length).map((a) => a.lineId));
        plan.slice(0, -1).forEach((take, index) => expect(take.quantity).toBe(lastServedFirst[index]?.allocated));
      }),
    );
  });
});

describe('planRehoming', () => {
  const stock = (locationId: number, onHand: number, allocated: number, locationPriority = locationId, locationActive = true): LocatedStock => ({
    itemId: 1, locationId, onHand, allocated, locationCode: `L${locationId}`, locationPriority, locationActive,
  });

  it('moves what other active locations can cover, serving the clawed lines in queue order, and queues the rest', () => {
    // planClawback's order: the last served first (line 4, then 3, then 2).
    const plan = [{ lineId: 4, orderId: 40, quantity: 1 }, { lineId: 3, orderId: 30, quantity: 2 }, { lineId: 2, orderId: 20, quantity: 2 }];
    const elsewhere = [stock(2, 5, 3), stock(3, 9, 8), stock(4, 10, 0, 9, false)];
    expect(planRehoming(plan, elsewhere)).toEqual([
      { lineId: 4, orderId: 40, moves: [], backordered: 1 },
      { lineId: 3, orderId: 30, moves: [{ locationId: 3, quantity: 1 }], backordered: 1 },
      { lineId: 2, orderId: 20, moves: [{ locationId: 2, quantity: 2 }], backordered: 0 },
    ]);
    expect(planRehoming(plan, [])).toEqual(plan.map((c) => ({ ...c, moves: [], backordered: c.quantity })).map(({ quantity: _q, ...r }) => r));
  });

  it('keeps every unit: moved plus queued is what was taken, and no location gives more than it has free', () => {
    const stocksArb = fc.array(fc.record({ onHand: fc.integer({ min: 0, max: 8 }), allocated: fc.integer({ min: 0, max: 8 }), active: fc.boolean() }), { maxLength: 4 })
      .map((rows) => rows.map((r, i) => stock(i + 2, Math.max(r.onHand, r.allocated), r.allocated, i, r.active)));
    fc.assert(
      fc.property(allocationsArb, fc.integer({ min: 0, max: 40 }), stocksArb, (allocations, shortfall, elsewhere) => {
        const plan = planClawback(allocations, shortfall);
        const rehomed = planRehoming(plan, elsewhere);
        expect(rehomed.map((r) => r.lineId)).toEqual(plan.map((c) => c.lineId));
        rehomed.forEach((r, i) => expect(r.moves.reduce((sum, m) => sum + m.quantity, 0) + r.backordered).toBe((plan[i] as { quantity: number }).quantity));
        for (const s of elsewhere) {
          const taken = rehomed.flatMap((r) => r.moves).filter((m) => m.locationId === s.locationId).reduce((sum, m) => sum + m.quantity, 0);
          expect(taken).toBeLessThanOrEqual(s.locationActive ? s.onHand - s.allocated : 0);
        }
        const moved = rehomed.reduce((sum, r) => sum + r.moves.reduce((t, m) => t + m.quantity, 0), 0);
        const free = elsewhere.reduce((sum, s) => sum + (s.locationActive ? s.onHand - s.allocated : 0), 0);
        const taken = plan.reduce((sum, c) => sum + c.quantity, 0);
        expect(moved).toBe(Math.min(free, taken));
      }),
    );
  });
});
