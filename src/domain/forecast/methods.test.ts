import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORECAST_METHODS, METHOD_NAMES } from './methods.js';
import type { ForecastResult } from './types.js';

const series = fc.array(fc.nat(30), { maxLength: 48 });
const levels = fc.uniqueArray(fc.integer({ min: 1, max: 99 }), { minLength: 1, maxLength: 9 }).map((ls) => ls.map((l) => l / 100));
const horizon = fc.integer({ min: 1, max: 13 });
const season = fc.constantFrom(1, 4, 12);

function expectWellFormed(result: ForecastResult, h: number, requested: readonly number[]): void {
  expect(result.mean).toHaveLength(h);
  expect(result.quantiles.map((q) => q.level)).toEqual(requested);
  for (const v of result.mean) expect(Number.isFinite(v) && v >= 0).toBe(true);
  const byLevel = [...result.quantiles].sort((a, b) => a.level - b.level);
  for (let step = 0; step < h; step++) {
    let previous = 0;
    for (const q of byLevel) {
      const v = q.values[step];
      expect(v !== undefined && Number.isFinite(v) && v >= 0).toBe(true);
      expect(v).toBeGreaterThanOrEqual(previous);
      previous = v ?? 0;
    }
  }
}

describe.each(METHOD_NAMES)('%s', (name) => {
  const method = FORECAST_METHODS[name];

  it('returns finite, non-negative quantiles, non-decreasing in the level, for the requested levels', () => {
    fc.assert(
      fc.property(series, horizon, levels, season, (s, h, ls, m) => {
        expectWellFormed(method(s, { horizon: h, quantileLevels: ls, seasonLength: m }), h, ls);
      }),
      { numRuns: 60 },
    );
  });

  it('forecasts a constant series at the constant (SBA at its debiased 95 %)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 40 }), (c, n) => {
        const result = method(Array<number>(n).fill(c), { horizon: 3, quantileLevels: [0.5], seasonLength: 12 });
        const expected = name === 'sba' ? c * 0.95 : c;
        for (const v of result.mean) expect(v).toBeCloseTo(expected, 9);
      }),
      { numRuns: 40 },
    );
  });
});
