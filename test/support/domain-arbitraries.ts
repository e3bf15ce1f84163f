import fc from 'fast-check';
import type { LocatedStock, QueueEntry } from '../../src/domain/types.js';

/** Stock levels of one item at 0–5 distinct locations; priorities may tie, some locations inactive. */
export const stocksArb: fc.Arbitrary<LocatedStock[]> = fc
  .uniqueArray(
    fc.record({
      locationId: fc.integer({ min: 1, max: 50 }),
      locationPriority: fc.integer({ min: 0, max: 3 }),
      locationActive: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
      onHand: fc.integer({ min: 0, max: 20 }),
      taken: fc.integer({ min: 0, max: 20 }),
    }),
    { selector: (s) => s.locationId, maxLength: 5 },
  )
  .map((rows) =>
    rows.map((r) => ({
      itemId: 1,
      locationId: r.locationId,
      locationCode: `L${r.locationId}`,
      locationPriority: r.locationPriority,
      locationActive: r.locationActive,
      onHand: r.onHand,
      allocated: Math.min(r.taken, r.onHand),
    })),
  );

/** A backorder queue in arbitrary (unsorted) order with distinct line ids; placedAt values may tie. */
export const queueArb: fc.Arbitrary<QueueEntry[]> = fc
  .uniqueArray(
    fc.record({
      lineId: fc.integer({ min: 1, max: 1000 }),
      priority: fc.integer({ min: 0, max: 2 }),
      day: fc.integer({ min: 1, max: 5 }),
      backordered: fc.integer({ min: 1, max: 8 }),
    }),
    { selector: (e) => e.lineId, maxLength: 8 },
  )
  .map((rows) =>
    rows.map((r) => ({
      lineId: r.lineId,
      orderId: r.lineId * 10,
      priority: r.priority,
      placedAt: `2026-01-0${r.day}T00:00:00.000Z`,
      backordered: r.backordered,
    })),
  );

/** Free units of a stock level (what allocation may take there). */
export function free(stock: LocatedStock): number {
  return stock.onHand - stock.allocated;
}

/** Units taken per location id. */
export function takenPerLocation(takes: readonly { locationId: number; quantity: number }[]): Map<number, number> {
  const taken = new Map<number, number>();
  for (const take of takes) taken.set(take.locationId, (taken.get(take.locationId) ?? 0) + take.quantity);
  return taken;
}
