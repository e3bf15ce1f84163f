import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { availabilityStatus, backorderHeadroom, type AvailabilityInput } from './availability.js';

const inputArb: fc.Arbitrary<AvailabilityInput> = fc.record({
  available: fc.integer({ min: 0, max: 12 }),
  lowStockThreshold: fc.integer({ min: 0, max: 6 }),
  backorderPolicy: fc.constantFrom('allow' as const, 'deny' as const),
  backorderLimit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
  backordered: fc.integer({ min: 0, max: 12 }),
  discontinued: fc.boolean(),
});

const base: AvailabilityInput = { available: 0, lowStockThreshold: 3, backorderPolicy: 'allow', backorderLimit: null, backordered: 0, discontinued: false };

describe('availabilityStatus examples (SPEC §2 table)', () => {
  it('tells in stock, low stock, backorder and out of stock apart', () => {
    expect(availabilityStatus({ ...base, available: 4 })).toEqual({ status: 'in_stock', backorderable: null });
    expect(availabilityStatus({ ...base, available: 3 })).toEqual({ status: 'low_stock', backorderable: null });
    expect(availabilityStatus({ ...base, available: 0 })).toEqual({ status: 'backorder', backorderable: null });
    expect(availabilityStatus({ ...base, backorderLimit: 5, backordered: 2 })).toEqual({ status: 'backorder', backorderable: 3 });
    expect(availabilityStatus({ ...base, backorderLimit: 5, backordered: 5 })).toEqual({ status: 'out_of_stock', backorderable: 0 });
    expect(availabilityStatus({ ...base, backorderPolicy: 'deny' })).toEqual({ status: 'out_of_stock', backorderable: 0 });
    expect(availabilityStatus({ ...base, discontinued: true })).toEqual({ status: 'out_of_stock', backorderable: 0 });
  });

  it('never reports negative headroom when a count pushed the queue past the limit', () => {
    expect(backorderHeadroom({ backorderPolicy: 'allow', backorderLimit: 2, backordered: 5, discontinued: false })).toBe(0);
  });
});

describe('availabilityStatus properties', () => {
  it('matches the SPEC §2 table for every input', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { status } = availabilityStatus(input);
        const allowed = input.backorderPolicy === 'allow' && !input.discontinued;
        const limitReached = input.backorderLimit !== null && input.backordered >= input.backorderLimit;
        let expected: string;
        if (input.available > input.lowStockThreshold) expected = 'in_stock';
        else if (input.available > 0) expected = 'low_stock';
        else expected = allowed && !limitReached ? 'backorder' : 'out_of_stock';
        expect(status).toBe(expected);
      }),
    );
  });

  it('gives backorderable = null only for unlimited backorders, else the non-negative room left', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { backorderable, status } = availabilityStatus(input);
        const allowed = input.backorderPolicy === 'allow' && !input.discontinued;
        if (!allowed) expect(backorderable).toBe(0);
        else if (input.backorderLimit === null) expect(backorderable).toBeNull();
        else expect(backorderable).toBe(Math.max(0, input.backorderLimit - input.backordered));
        if (status === 'backorder') expect(backorderable === null || backorderable > 0).toBe(true);
        if (status === 'out_of_stock') expect(backorderable).toBe(0);
      }),
    );
  });
});
