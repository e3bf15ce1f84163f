import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Result } from '../replenish/result.js';
import type { LeadTimeSpec } from './lead-time.js';
import { simulatePolicy } from './simulate-policies.js';
import type { SimulationPolicy } from './simulation-policy.js';
import type { SalesMode, SimulationResult, Trajectory } from './simulation-types.js';

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.value;
}

function trajectoryOf(result: SimulationResult): Trajectory {
  if (result.trajectory === null) throw new Error('no trajectory');
  return result.trajectory;
}

describe('runSimulation mechanics', () => {
  it('receives an order after exactly L periods of demand, filling backorders first', () => {
    const result = valueOf(
      simulatePolicy({
        demand: { kind: 'series', values: [4, 4, 4, 4, 4, 4] },
        leadTime: 2,
        initialOnHand: 6,
        policy: { kind: 's-Q', reorderPoint: 3, orderQuantity: 10 },
      }),
    );
    const trajectory = trajectoryOf(result);
    // Day 0: 6 − 4 = 2. Day 1: position 2 ≤ 3 → order 10 (arrives day 3); serve 2, backorder 2.
    // Day 2: serve 0, backorders 6. Day 3: receive 10, fill 6, serve 4 → 0 on hand.
    expect(trajectory.onHand).toEqual([2, 0, 0, 0, 0, 0]);
    expect(trajectory.backorders).toEqual([0, 2, 6, 0, 4, 8]);
    expect(trajectory.onOrder).toEqual([0, 10, 10, 0, 10, 10]);
    expect(trajectory.served).toEqual([4, 2, 0, 4, 0, 0]);
    expect(result.units).toEqual({ demand: 24, servedFromStock: 10, servedFromBackorder: 6, backorderedAtEnd: 8, lost: 0 });
    expect(result.stockoutPeriods).toBe(4);
    expect(result.orders).toBe(2);
  });

  it('with lead time 0, an order placed at review serves that same period', () => {
    const result = valueOf(
      simulatePolicy({
        demand: { kind: 'series', values: [5, 5, 5, 5] },
        leadTime: 0,
        initialOnHand: 0,
        policy: { kind: 's-S', reorderPoint: 4, orderUpTo: 10 },
      }),
    );
    // Days 0 and 2 find the position at 0 ≤ 4 and order up to 10, which serves that day's 5.
    expect(result.fillRate).toBe(1);
    expect(trajectoryOf(result).onHand).toEqual([5, 0, 5, 0]);
    expect(result.orders).toBe(2);
  });

  it('counts replenishment cycles between receipts, with and without stockouts', () => {
    const result = valueOf(
      simulatePolicy({
        demand: { kind: 'series', values: [3, 3, 3, 3, 3, 3, 3, 3, 3, 3] },
        leadTime: 1,
        initialOnHand: 5,
        policy: { kind: 's-Q', reorderPoint: 3, orderQuantity: 6 },
      }),
    );
    // Receipts on days 2, 4, 6, 8: three complete cycles, each short once before its receipt.
    expect(result.replenishmentCycles).toBe(3);
    expect(result.cycleServiceLevel).toBe(0);
  });

  it('orders only on review days under (R, S)', () => {
    const result = valueOf(
      simulatePolicy({
        demand: { kind: 'poisson', periods: 70, mean: 4 },
        leadTime: 3,
        policy: { kind: 'R-S', reviewPeriod: 7, orderUpTo: 60 },
      }),
    );
    const onOrder = trajectoryOf(result).onOrder;
    onOrder.forEach((units, day) => {
      const previous = day === 0 ? 0 : (onOrder[day - 1] ?? 0);
      if (units > previous) expect(day % 7).toBe(0);
    });
    // Ten reviews; the first finds the starting stock already at S.
    expect(result.orders).toBe(9);
  });
});

describe('lost sales versus backorders on the same demand', () => {
  const shared = {
    demand: { kind: 'normal', periods: 2000, mean: 12, sd: 8 },
    seed: 21,
    leadTime: 6,
    policy: { kind: 's-Q', reorderPoint: 60, orderQuantity: 80 },
    costs: { holdingCostPerUnitPeriod: 0.1, orderingCost: 20, backorderCostPerUnitPeriod: 2, lostSaleCostPerUnit: 15 },
  } as const;
  const backordered = valueOf(simulatePolicy({ ...shared, mode: 'backorder' }));
  const lost = valueOf(simulatePolicy({ ...shared, mode: 'lost-sales' }));

  it('raises no backorders and loses exactly the units stock could not serve', () => {
    const trajectory = trajectoryOf(lost);
    expect(lost.averageBackorders).toBe(0);
    expect(lost.units.backorderedAtEnd).toBe(0);
    expect(lost.units.servedFromBackorder).toBe(0);
    expect(trajectory.backorders.every((units) => units === 0)).toBe(true);
    trajectory.demand.forEach((demand, day) => {
      const lostToday = trajectory.lost[day] ?? 0;
      expect(lostToday).toBe(demand - (trajectory.served[day] ?? 0));
      if (lostToday > 0) expect(trajectory.onHand[day]).toBe(0);
    });
    expect(lost.units.lost).toBe(lost.units.demand - lost.units.servedFromStock);
    expect(lost.units.lost).toBeGreaterThan(0);
    expect(lost.cost.lostSales).toBe(lost.units.lost * 15);
    expect(lost.cost.backorder).toBe(0);
  });

  it('backorder mode loses nothing, and both see the same demand', () => {
    expect(backordered.units.lost).toBe(0);
    expect(backordered.averageBackorders).toBeGreaterThan(0);
    expect(trajectoryOf(backordered).demand).toEqual(trajectoryOf(lost).demand);
    expect(backordered.units.demand).toBe(lost.units.demand);
  });
});

describe('simulation invariants', () => {
  const policy = fc.oneof(
    fc.record({
      kind: fc.constant('s-Q' as const),
      reorderPoint: fc.integer({ min: -20, max: 60 }),
      orderQuantity: fc.integer({ min: 1, max: 80 }),
      reviewPeriod: fc.integer({ min: 1, max: 5 }),
    }),
    fc
      .record({ s: fc.integer({ min: -20, max: 60 }), gap: fc.integer({ min: 1, max: 80 }), reviewPeriod: fc.integer({ min: 1, max: 5 }) })
      .map(({ s, gap, reviewPeriod }): SimulationPolicy => ({ kind: 's-S', reorderPoint: s, orderUpTo: s + gap, reviewPeriod })),
    fc.record({
      kind: fc.constant('R-S' as const),
      reviewPeriod: fc.integer({ min: 1, max: 10 }),
      orderUpTo: fc.integer({ min: 0, max: 120 }),
    }),
  );
  const leadTime: fc.Arbitrary<LeadTimeSpec> = fc.oneof(
    fc.integer({ min: 0, max: 6 }),
    fc.constant([
      { periods: 1, probability: 0.25 },
      { periods: 4, probability: 0.5 },
      { periods: 9, probability: 0.25 },
    ]),
  );
  const mode = fc.constantFrom<SalesMode>('backorder', 'lost-sales');

  it('conserves units: demand = served at once + served from backorder + still backordered + lost', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 200 }),
        policy,
        leadTime,
        mode,
        fc.integer({ min: 0, max: 100 }),
        fc.integer(),
        (values, chosen, lead, chosenMode, initialOnHand, seed) => {
          const result = valueOf(
            simulatePolicy({ demand: { kind: 'series', values }, policy: chosen, leadTime: lead, mode: chosenMode, initialOnHand, seed }),
          );
          const { units } = result;
          expect(units.demand).toBe(values.reduce((sum, value) => sum + value, 0));
          expect(units.servedFromStock + units.servedFromBackorder + units.backorderedAtEnd + units.lost).toBe(units.demand);
          const trajectory = trajectoryOf(result);
          expect(trajectory.onHand.every((value) => value >= 0)).toBe(true);
          expect(trajectory.backorders.every((value) => value >= 0)).toBe(true);
          expect(trajectory.onOrder.every((value) => value >= 0)).toBe(true);
          if (chosenMode === 'lost-sales') expect(units.backorderedAtEnd + units.servedFromBackorder).toBe(0);
          else expect(units.lost).toBe(0);
          // No backorder waits at the end of a period while stock is on hand.
          trajectory.onHand.forEach((onHand, day) => {
            if (onHand > 0) expect(trajectory.backorders[day]).toBe(0);
          });
        },
      ),
    );
  });

  it('is reproducible: the same input gives the same result', () => {
    fc.assert(
      fc.property(policy, leadTime, mode, fc.integer(), (chosen, lead, chosenMode, seed) => {
        const input = {
          demand: { kind: 'intermittent', periods: 120, probability: 0.3, sizeMean: 8, sizeSd: 4 },
          policy: chosen,
          leadTime: lead,
          mode: chosenMode,
          seed,
        } as const;
        expect(simulatePolicy(input)).toEqual(simulatePolicy(input));
      }),
      { numRuns: 30 },
    );
  });
});
