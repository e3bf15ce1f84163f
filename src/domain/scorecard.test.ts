import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from './dates.js';
import { deliveryLeadTimes, supplierScorecard, type ReceiptFact } from './scorecard.js';

const receipt = (poId: number, orderedOn: string, receivedOn: string, promisedOn: string, quantity = 1, lineId = poId): ReceiptFact => ({
  poId, lineId, orderedOn, receivedOn, promisedOn, quantity,
});

describe('supplierScorecard', () => {
  it('is empty-handed when nothing was received or closed', () => {
    expect(supplierScorecard([], [])).toEqual({
      receipts: 0,
      unitsReceived: 0,
      onTimeRate: null,
      leadTimeDays: { deliveries: 0, mean: null, standardDeviation: null, min: null, max: null },
      fillRate: null,
      closedLines: 0,
    });
  });

  it('counts a receipt on its promised day as on time and one a day later as late', () => {
    const card = supplierScorecard(
      [receipt(1, '2026-03-01', '2026-03-10', '2026-03-10'), receipt(2, '2026-03-01', '2026-03-11', '2026-03-10')],
      [],
    );
    expect(card.onTimeRate).toBe(0.5);
  });

  it('judges each line delivery once: a line received into two locations on one day is one, two lines or two days are two', () => {
    const card = supplierScorecard(
      [
        receipt(1, '2026-03-01', '2026-03-12', '2026-03-10', 5, 11), // line 11, late, into two locations
        receipt(1, '2026-03-01', '2026-03-12', '2026-03-10', 5, 11),
        receipt(1, '2026-03-01', '2026-03-09', '2026-03-10', 3, 12), // line 12 on time, in two parts
        receipt(1, '2026-03-01', '2026-03-10', '2026-03-10', 3, 12),
      ],
      [],
    );
    expect(card.onTimeRate).toBeCloseTo(2 / 3);
    expect(card.receipts).toBe(4);
  });

  it('measures lead time per delivery with the sample standard deviation', () => {
    const card = supplierScorecard(
      [
        receipt(1, '2026-03-01', '2026-03-09', '2026-03-10', 5),
        receipt(1, '2026-03-01', '2026-03-09', '2026-03-10', 7),
        receipt(2, '2026-03-01', '2026-03-11', '2026-03-10', 2),
        receipt(3, '2026-03-01', '2026-03-13', '2026-03-20', 1),
      ],
      [],
    );
    expect(card.receipts).toBe(4);
    expect(card.unitsReceived).toBe(15);
    expect(card.leadTimeDays).toEqual({ deliveries: 3, mean: 10, standardDeviation: 2, min: 8, max: 12 });
  });

  it('leaves the spread unknown after a single delivery', () => {
    expect(supplierScorecard([receipt(1, '2026-03-01', '2026-03-05', '2026-03-05')], []).leadTimeDays).toMatchObject({ mean: 4, standardDeviation: null });
  });

  it('caps over-receipts per line in the fill rate and counts cancelled units as unfilled', () => {
    const card = supplierScorecard([], [{ quantity: 10, received: 12 }, { quantity: 10, received: 4 }]);
    expect(card.fillRate).toBe(0.7);
    expect(card.closedLines).toBe(2);
  });

  it('keeps rates in [0, 1], the mean within the observed range and the spread non-negative', () => {
    const fact = fc.record({
      poId: fc.integer({ min: 1, max: 20 }),
      quantity: fc.integer({ min: 1, max: 1000 }),
      orderedOffset: fc.integer({ min: 0, max: 400 }),
      leadTime: fc.integer({ min: 0, max: 120 }),
      slack: fc.integer({ min: -30, max: 30 }),
    });
    const line = fc.record({ quantity: fc.integer({ min: 1, max: 1000 }), received: fc.integer({ min: 0, max: 2000 }) });
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 60 }), fc.array(line, { maxLength: 60 }), (facts, lines) => {
        const receipts = facts.map((f) => {
          const orderedOn = addDays('2025-01-01', f.orderedOffset);
          const receivedOn = addDays(orderedOn, f.leadTime);
          return receipt(f.poId, orderedOn, receivedOn, addDays(receivedOn, f.slack), f.quantity);
        });
        const card = supplierScorecard(receipts, lines);
        for (const rate of [card.onTimeRate, card.fillRate]) {
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
        const leadTimes = deliveryLeadTimes(receipts);
        expect(card.leadTimeDays.deliveries).toBe(leadTimes.length);
        if (card.leadTimeDays.mean !== null) {
          expect(card.leadTimeDays.mean).toBeGreaterThanOrEqual((card.leadTimeDays.min as number) - 1e-9);
          expect(card.leadTimeDays.mean).toBeLessThanOrEqual((card.leadTimeDays.max as number) + 1e-9);
        }
        if (card.leadTimeDays.standardDeviation !== null) expect(card.leadTimeDays.standardDeviation).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
