import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { roundOrderQuantity } from './round-order-quantity.js';

describe('roundOrderQuantity', () => {
  it('rounds up to whole packs and at least the MOQ', () => {
    expect(roundOrderQuantity(37, { packSize: 12 })).toEqual({ ok: true, value: 48 });
    expect(roundOrderQuantity(37, { packSize: 12, minimumOrderQuantity: 100 })).toEqual({ ok: true, value: 108 });
    expect(roundOrderQuantity(0, { packSize: 12, minimumOrderQuantity: 100 })).toEqual({ ok: true, value: 0 });
    expect(roundOrderQuantity(2.2)).toEqual({ ok: true, value: 3 });
  });

  it('rejects bad packs and minimums', () => {
    expect(roundOrderQuantity(5, { packSize: 0 })).toMatchObject({ ok: false, field: 'packSize' });
    expect(roundOrderQuantity(5, { packSize: 2.5 })).toMatchObject({ ok: false, field: 'packSize' });
    expect(roundOrderQuantity(5, { minimumOrderQuantity: -1 })).toMatchObject({ field: 'minimumOrderQuantity' });
    expect(roundOrderQuantity(-5)).toMatchObject({ field: 'requirement' });
  });

  it('is the smallest pack multiple ≥ the need and ≥ the MOQ', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 1, max: 500 }),
        (need, minimumOrderQuantity, packSize) => {
          const result = roundOrderQuantity(need, { minimumOrderQuantity, packSize });
          if (!result.ok) throw new Error(result.message);
          const quantity = result.value;
          if (need === 0) {
            expect(quantity).toBe(0);
            return;
          }
          expect(quantity % packSize).toBe(0);
          expect(quantity).toBeGreaterThanOrEqual(need);
          expect(quantity).toBeGreaterThanOrEqual(minimumOrderQuantity);
          expect(quantity - packSize).toBeLessThan(Math.max(need, minimumOrderQuantity));
        },
      ),
    );
  });
});
