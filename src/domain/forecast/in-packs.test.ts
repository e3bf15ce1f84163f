import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inPacks } from './in-packs.js';
import { packSize } from './pack-size.js';
import { tsb } from './tsb.js';

const options = { horizon: 4, quantileLevels: [0.1, 0.5, 0.9, 0.99] };

describe('inPacks', () => {
  it('leaves a method alone when demand has no pack', () => {
    const series = [1, 0, 2, 0, 3, 1, 0, 0, 2, 1, 0, 4];
    expect(inPacks(tsb)(series, options)).toEqual(tsb(series, options));
  });

  it('gives whole packs, the method’s forecast of the packs scaled back to units', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 12 }), fc.array(fc.nat(6), { minLength: 2, maxLength: 36 }), (pack, counts) => {
        const series = counts.map((c) => c * pack);
        const found = packSize(series);
        const inUnits = inPacks(tsb)(series, options);
        const ofPacks = tsb(series.map((y) => y / found), options);
        inUnits.quantiles.forEach((q, i) => {
          expect(q.level).toBe(options.quantileLevels[i]);
          q.values.forEach((v, h) => {
            expect(v % found).toBe(0);
            expect(v).toBe((ofPacks.quantiles[i]?.values[h] ?? Number.NaN) * found);
          });
        });
        // TSB's rate scales with the unit, so counting in packs leaves its mean unchanged.
        expect(inUnits.mean[0]).toBeCloseTo(tsb(series, options).mean[0] ?? Number.NaN, 9);
      }),
    );
  });
});
