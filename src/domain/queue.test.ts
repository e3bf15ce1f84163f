import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { free, queueArb, stocksArb, takenPerLocation } from '../../test/support/domain-arbitraries.js';
import { networkAvailable } from './allocation.js';
import { compareQueueEntries, planQueueFill, sortQueue } from './queue.js';
import type { LocatedStock, QueueEntry } from './types.js';

const entry = (lineId: number, priority: number, day: number, backordered: number): QueueEntry => ({
  lineId, orderId: lineId * 10, priority, placedAt: `2026-01-0${day}T00:00:00.000Z`, backordered,
});
const stock = (locationId: number, locationPriority: number, onHand: number, allocated = 0): LocatedStock => ({
  itemId: 1, locationId, locationCode: `L${locationId}`, locationPriority, locationActive: true, onHand, allocated,
});

describe('queue order', () => {
  it('serves higher priority first, then older placedAt, then lower line id', () => {
    const sorted = sortQueue([entry(5, 0, 1, 1), entry(4, 0, 2, 1), entry(3, 2, 3, 1), entry(2, 0, 1, 1), entry(1, 2, 4, 1)]);
    expect(sorted.map((e) => e.lineId)).toEqual([3, 1, 2, 5, 4]);
  });

  it('is a strict total order on distinct lines (antisymmetric, transitive)', () => {
    fc.assert(
      fc.property(queueArb, (queue) => {
        const sorted = sortQueue(queue);
        for (let i = 0; i < sorted.length; i += 1) {
          for (let j = 0; j < sorted.length; j += 1) {
            const sign = Math.sign(compareQueueEntries(sorted[i] as QueueEntry, sorted[j] as QueueEntry));
            expect(sign).toBe(Math.sign(i - j));
          }
        }
      }),
    );
  });

  it('does not depend on the order the entries arrive in', () => {
    fc.assert(
      fc.property(queueArb, fc.integer(), (queue, seed) => {
        const shuffled = [...queue].sort((a, b) => ((a.lineId * 7919 + seed) % 101) - ((b.lineId * 7919 + seed) % 101));
        expect(sortQueue(shuffled)).toEqual(sortQueue(queue));
      }),
    );
  });
});

describe('planQueueFill', () => {
  it('fills the head completely, then fills the next one partially and stops there', () => {
    const fills = planQueueFill([entry(2, 0, 2, 3), entry(1, 0, 1, 2), entry(3, 0, 3, 1)], [stock(1, 0, 4)]);
    expect(fills).toEqual([
      { lineId: 1, orderId: 10, takes: [{ locationId: 1, quantity: 2 }], quantity: 2 },
      { lineId: 2, orderId: 20, takes: [{ locationId: 1, quantity: 2 }], quantity: 2 },
    ]);
  });

  it('never lets an entry behind a not-fully-filled entry receive units (no queue jumping)', () => {
    fc.assert(
      fc.property(queueArb, stocksArb, (queue, stocks) => {
        const fills = planQueueFill(queue, stocks);
        const filled = new Map(fills.map((f) => [f.lineId, f.quantity]));
        let blocked = false;
        for (const waiting of sortQueue(queue)) {
          const got = filled.get(waiting.lineId) ?? 0;
          if (blocked) expect(got).toBe(0);
          if (got < waiting.backordered) blocked = true;
        }
      }),
    );
  });

  it('hands out all free units or fills the whole queue, never more than an entry waits for or a location has', () => {
    fc.assert(
      fc.property(queueArb, stocksArb, (queue, stocks) => {
        const fills = planQueueFill(queue, stocks);
        const total = fills.reduce((sum, f) => sum + f.quantity, 0);
        const waiting = queue.reduce((sum, e) => sum + e.backordered, 0);
        expect(total).toBe(Math.min(waiting, networkAvailable(stocks)));
        for (const fill of fills) {
          const waited = queue.find((e) => e.lineId === fill.lineId) as QueueEntry;
          expect(fill.quantity).toBeGreaterThan(0);
          expect(fill.quantity).toBeLessThanOrEqual(waited.backordered);
          expect(fill.takes.reduce((sum, t) => sum + t.quantity, 0)).toBe(fill.quantity);
          expect(fill.orderId).toBe(waited.orderId);
        }
        for (const [locationId, taken] of takenPerLocation(fills.flatMap((f) => f.takes))) {
          const level = stocks.find((s) => s.locationId === locationId) as LocatedStock;
          expect(level.locationActive).toBe(true);
          expect(taken).toBeLessThanOrEqual(free(level));
        }
      }),
    );
  });

  it('returns fills in serving order', () => {
    fc.assert(
      fc.property(queueArb, stocksArb, (queue, stocks) => {
        const fills = planQueueFill(queue, stocks);
        const served = sortQueue(queue).map((e) => e.lineId);
        expect(fills.map((f) => f.lineId)).toEqual(served.slice(0, fills.length));
      }),
    );
  });
});
