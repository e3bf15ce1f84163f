import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packSize } from './pack-size.js';

describe('packSize', () => {
  it('is the common divisor of the demands', () => {
    expect(packSize([0, 10, 0, 15, 5, 0])).toBe(5);
    expect(packSize([12, 0, 24, 36])).toBe(12);
    expect(packSize([2, 3])).toBe(1);
  });

  it('is 1 with fewer than two demands or with fractional demand', () => {
    expect(packSize([])).toBe(1);
    expect(packSize([0, 0, 20, 0])).toBe(1);
    expect(packSize([5, 0, 7.5])).toBe(1);
  });

  it('divides every demand, and finds a pack the demands were drawn in', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.array(fc.nat(9), { maxLength: 30 }), (pack, counts) => {
        const series = counts.map((c) => c * pack);
        const found = packSize(series);
        for (const y of series) expect(y % found).toBe(0);
        if (counts.filter((c) => c > 0).length >= 2) expect(found % pack).toBe(0);
      }),
    );
  });
});
