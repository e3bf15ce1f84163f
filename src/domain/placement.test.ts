import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { free, stocksArb, takenPerLocation } from '../../test/support/domain-arbitraries.js';
import { allocatableStock, applyTakes, networkAvailable } from './allocation.js';
import { backorderHeadroom } from './availability.js';
import { planPlacement, type ItemState, type PlannedLine, type RequestedLine } from './placement.js';
import type { Item, LocatedStock, ShortageMode } from './types.js';

const SKUS = ['A', 'B', 'C'] as const;

const itemArb = (sku: string, id: number): fc.Arbitrary<Item> =>
  fc.record({
    backorderPolicy: fc.constantFrom('allow' as const, 'deny' as const),
    backorderLimit: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    discontinued: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
    backordered: fc.integer({ min: 0, max: 8 }),
  }).map((f) => ({
    id, sku, name: sku, unitPrice: 100, unitCost: 50, lowStockThreshold: 0, leadTimeDays: 7, substitutes: [], ...f,
  }));

const statesArb: fc.Arbitrary<Map<string, ItemState>> = fc
  .tuple(...SKUS.map((sku, index) => fc.tuple(itemArb(sku, index + 1), stocksArb)))
  .map((pairs) => new Map(pairs.map(([item, stocks]) => [item.sku, { item, stocks: stocks.map((s) => ({ ...s, itemId: item.id })) }])));

const linesArb: fc.Arbitrary<RequestedLine[]> = fc.array(
  fc.record({ sku: fc.constantFrom(...SKUS), quantity: fc.integer({ min: 1, max: 12 }) }),
  { minLength: 1, maxLength: 5 },
);
const shortageArb = fc.constantFrom<ShortageMode>('backorder', 'partial', 'in_stock_only');

const allocatedOf = (line: PlannedLine) => line.takes.reduce((sum, t) => sum + t.quantity, 0);

const item = (sku: string, fields: Partial<Item> = {}): Item => ({
  id: sku.charCodeAt(0), sku, name: sku, unitPrice: 100, unitCost: 50, backorderPolicy: 'allow', backorderLimit: null,
  lowStockThreshold: 0, leadTimeDays: 7, substitutes: [], discontinued: false, backordered: 0, ...fields,
});
const stock = (locationId: number, onHand: number, locationPriority = 0): LocatedStock => ({
  itemId: 1, locationId, locationCode: `L${locationId}`, locationPriority, locationActive: true, onHand, allocated: 0,
});

describe('planPlacement examples', () => {
  const states = new Map<string, ItemState>([
    ['A', { item: item('A', { backorderLimit: 3 }), stocks: [stock(1, 2)] }],
    ['D', { item: item('D', { backorderPolicy: 'deny' }), stocks: [stock(1, 1)] }],
  ]);

  it('backorders within the limit and rejects the whole order when a line still falls short', () => {
    const plan = planPlacement([{ sku: 'A', quantity: 6 }], states, 'backorder');
    expect(plan).toEqual({ ok: false, code: 'OUT_OF_STOCK', lines: [{ sku: 'A', requested: 6, available: 2, backorderable: 3 }] });
    const fits = planPlacement([{ sku: 'A', quantity: 5 }], states, 'backorder');
    expect(fits.ok && fits.lines[0]).toMatchObject({ backordered: 3, cancelled: 0, takes: [{ locationId: 1, quantity: 2 }] });
  });

  it('cuts what cannot be backordered in partial mode', () => {
    const plan = planPlacement([{ sku: 'A', quantity: 4 }, { sku: 'A', quantity: 3 }, { sku: 'D', quantity: 3 }], states, 'partial');
    expect(plan.ok && plan.lines.map((l) => [allocatedOf(l), l.backordered, l.cancelled])).toEqual([[2, 2, 0], [0, 1, 2], [1, 0, 2]]);
  });

  it('backorders nothing in in_stock_only mode', () => {
    expect(planPlacement([{ sku: 'A', quantity: 3 }], states, 'in_stock_only').ok).toBe(false);
    const plan = planPlacement([{ sku: 'A', quantity: 2 }], states, 'in_stock_only');
    expect(plan.ok && plan.lines[0]).toMatchObject({ backordered: 0, cancelled: 0 });
  });
});

describe('planPlacement properties', () => {
  it('conserves units on every line: allocated + backordered + cancelled = requested', () => {
    fc.assert(
      fc.property(linesArb, statesArb, shortageArb, (lines, states, shortage) => {
        const plan = planPlacement(lines, states, shortage);
        if (!plan.ok) return;
        expect(plan.lines.map((l) => [l.sku, l.quantity])).toEqual(lines.map((l) => [l.sku, l.quantity]));
        for (const line of plan.lines) {
          expect(allocatedOf(line) + line.backordered + line.cancelled).toBe(line.quantity);
          expect(Math.min(line.backordered, line.cancelled, allocatedOf(line))).toBeGreaterThanOrEqual(0);
        }
      }),
    );
  });

  it('never allocates more than is available at a location, summed over all lines of the order', () => {
    fc.assert(
      fc.property(linesArb, statesArb, shortageArb, (lines, states, shortage) => {
        const plan = planPlacement(lines, states, shortage);
        if (!plan.ok) return;
        for (const sku of SKUS) {
          const stocks = (states.get(sku) as ItemState).stocks;
          const taken = takenPerLocation(plan.lines.filter((l) => l.sku === sku).flatMap((l) => l.takes));
          for (const [locationId, units] of taken) {
            const level = stocks.find((s) => s.locationId === locationId) as LocatedStock;
            expect(level.locationActive).toBe(true);
            expect(units).toBeLessThanOrEqual(free(level));
          }
        }
      }),
    );
  });

  it('takes each line from a single location whenever one location covers it', () => {
    fc.assert(
      fc.property(linesArb, statesArb, shortageArb, (lines, states, shortage) => {
        const plan = planPlacement(lines, states, shortage);
        if (!plan.ok) return;
        const current = new Map([...states].map(([sku, s]) => [sku, s.stocks]));
        for (const line of plan.lines) {
          const stocks = current.get(line.sku) as readonly LocatedStock[];
          const covering = allocatableStock(stocks).find((s) => free(s) >= line.quantity);
          if (covering) expect(line.takes).toEqual([{ locationId: covering.locationId, quantity: line.quantity }]);
          else expect(allocatedOf(line)).toBe(Math.min(line.quantity, networkAvailable(stocks)));
          current.set(line.sku, applyTakes(stocks, line.takes));
        }
      }),
    );
  });

  it('never backorders past an item\'s limit, nor at all when backorders are not allowed or in in_stock_only mode', () => {
    fc.assert(
      fc.property(linesArb, statesArb, shortageArb, (lines, states, shortage) => {
        const plan = planPlacement(lines, states, shortage);
        if (!plan.ok) return;
        for (const sku of SKUS) {
          const backordered = plan.lines.filter((l) => l.sku === sku).reduce((sum, l) => sum + l.backordered, 0);
          const room = backorderHeadroom((states.get(sku) as ItemState).item);
          if (shortage === 'in_stock_only') expect(backordered).toBe(0);
          else if (room !== null) expect(backordered).toBeLessThanOrEqual(room);
        }
      }),
    );
  });

  it('backorders only what stock cannot cover, and only cuts what cannot be backordered', () => {
    fc.assert(
      fc.property(linesArb, statesArb, shortageArb, (lines, states, shortage) => {
        const plan = planPlacement(lines, states, shortage);
        if (!plan.ok) return;
        const room = new Map(SKUS.map((sku) => [sku, shortage === 'in_stock_only' ? 0 : backorderHeadroom((states.get(sku) as ItemState).item)]));
        for (const line of plan.lines) {
          const left = room.get(line.sku as (typeof SKUS)[number]);
          if (line.backordered > 0 || line.cancelled > 0) {
            // Whatever was short of stock: the network had nothing more to give this line.
            const before = plan.lines.slice(0, plan.lines.indexOf(line)).filter((l) => l.sku === line.sku);
            const used = before.reduce((sum, l) => sum + allocatedOf(l), 0);
            expect(allocatedOf(line)).toBe(networkAvailable((states.get(line.sku) as ItemState).stocks) - used);
          }
          if (line.cancelled > 0) expect(left === null ? Infinity : left).toBe(line.backordered);
          if (left !== null && left !== undefined) room.set(line.sku as (typeof SKUS)[number], left - line.backordered);
        }
      }),
    );
  });

  it('accepts in partial mode always; in backorder mode iff nothing is cut; in in_stock_only mode iff all is allocated', () => {
    fc.assert(
      fc.property(linesArb, statesArb, (lines, states) => {
        const partial = planPlacement(lines, states, 'partial');
        if (!partial.ok) throw new Error('partial mode must always accept');
        const backorder = planPlacement(lines, states, 'backorder');
        const inStockOnly = planPlacement(lines, states, 'in_stock_only');
        expect(backorder.ok).toBe(partial.lines.every((l) => l.cancelled === 0));
        if (backorder.ok) expect(backorder.lines).toEqual(partial.lines);
        expect(inStockOnly.ok).toBe(partial.lines.every((l) => allocatedOf(l) === l.quantity));
        if (inStockOnly.ok) expect(inStockOnly.lines).toEqual(partial.lines);
        for (const rejected of [backorder, inStockOnly]) {
          if (!rejected.ok) expect(rejected.lines.map((l) => [l.sku, l.requested])).toEqual(lines.map((l) => [l.sku, l.quantity]));
        }
      }),
    );
  });
});
