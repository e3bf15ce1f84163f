import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { summariseStockouts } from './stockouts.js';

const DAY = 86_400_000;
const from = '2026-01-01T00:00:00.000Z';
const until = '2026-01-11T00:00:00.000Z';
const day = (n: number) => new Date(Date.parse(from) + n * DAY).toISOString();

describe('summariseStockouts', () => {
  it('counts stockouts that began in the period and clips their time to it', () => {
    const summary = summariseStockouts(
      [
        { start: day(-3), end: day(1), initial: false },
        { start: day(2), end: day(4), initial: false },
        { start: day(8), end: null, initial: false },
      ],
      from,
      until,
    );
    expect(summary).toEqual({ count: 2, durationMs: 5 * DAY, inStockRate: 0.5 });
  });

  it('measures the stretch before an item first had stock without counting it', () => {
    expect(summariseStockouts([{ start: day(0), end: day(1), initial: true }], from, until)).toEqual({ count: 0, durationMs: DAY, inStockRate: 0.9 });
  });

  it('keeps duration within the period and the in-stock rate its complement, for any disjoint stretches', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -5, max: 15 }), { maxLength: 12 }), (points) => {
        const sorted = [...points].sort((a, b) => a - b);
        const intervals = [];
        for (let i = 0; i + 1 < sorted.length; i += 2) intervals.push({ start: day(sorted[i] as number), end: day(sorted[i + 1] as number), initial: false });
        const summary = summariseStockouts(intervals, from, until);
        expect(summary.durationMs).toBeGreaterThanOrEqual(0);
        expect(summary.durationMs).toBeLessThanOrEqual(10 * DAY);
        expect(summary.inStockRate).toBeCloseTo(1 - summary.durationMs / (10 * DAY), 10);
        expect(summary.count).toBeLessThanOrEqual(intervals.length);
      }),
    );
  });
});
