import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summariseStockouts } from './stockouts.js';

const DAY = 86_400_000;
const from = '2026-01-01T00:00:00.000Z';
const until = '2026-01-11T00:00:00.000Z';
const day = (n: number) => new Date(Date.parse(from) + n * DAY).toISOString();

describe('summariseStockouts', () => {
  it('counts falls to zero and the time spent at zero inside the period', () => {
    const summary = summariseStockouts(5, [{ at: day(2), available: 0 }, { at: day(4), available: 3 }, { at: day(8), available: 0 }], from, until);
    expect(summary).toEqual({ count: 2, durationMs: 4 * DAY, inStockRate: 0.6 });
  });

  it('treats an item that starts at zero as out of stock from the start without counting a fall', () => {
    expect(summariseStockouts(0, [{ at: day(1), available: 2 }], from, until)).toEqual({ count: 0, durationMs: DAY, inStockRate: 0.9 });
  });

  it('keeps the in-stock rate and duration within the period for any levels', () => {
    fc.assert(
      fc.property(fc.integer({ min: -5, max: 5 }), fc.array(fc.record({ d: fc.integer({ min: 0, max: 9 }), available: fc.integer({ min: -5, max: 5 }) })), (start, raw) => {
        const levels = raw.sort((a, b) => a.d - b.d).map((l) => ({ at: day(l.d), available: l.available }));
        const summary = summariseStockouts(start, levels, from, until);
        expect(summary.durationMs).toBeGreaterThanOrEqual(0);
        expect(summary.durationMs).toBeLessThanOrEqual(10 * DAY);
        expect(summary.inStockRate).toBeCloseTo(1 - summary.durationMs / (10 * DAY), 10);
        expect(summary.count).toBeLessThanOrEqual(levels.length);
      }),
    );
  });
});
