import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate } from './aggregate.js';

describe('aggregate', () => {
  it('sums weeks aligned to the end and drops the incomplete oldest days', () => {
    expect(aggregate([9, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2], 7)).toEqual([7, 14]);
  });

  it('is the identity for a bucket size of 1', () => {
    expect(aggregate([3, 0, 4], 1)).toEqual([3, 0, 4]);
  });

  it('rejects a bucket size that is not a positive integer', () => {
    expect(() => aggregate([1, 2], 0)).toThrow(RangeError);
    expect(() => aggregate([1, 2], 1.5)).toThrow(RangeError);
  });

  it('keeps the total of the kept buckets and their count', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { maxLength: 100 }), fc.integer({ min: 1, max: 10 }), (series, size) => {
        const out = aggregate(series, size);
        const kept = series.slice(series.length - out.length * size);
        expect(out.length).toBe(Math.floor(series.length / size));
        expect(out.reduce((a, b) => a + b, 0)).toBe(kept.reduce((a, b) => a + b, 0));
      }),
    );
  });
});
