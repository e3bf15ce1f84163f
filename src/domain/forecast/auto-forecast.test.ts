import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autoForecast } from './auto-forecast.js';

const levels = [0.1, 0.5, 0.9];

describe('autoForecast', () => {
  it('picks Holt–Winters for strongly seasonal demand', () => {
    const series = Array.from({ length: 140 }, (_, t) => [40, 55, 60, 50, 40, 25, 30][t % 7]! + (t % 3));
    const result = autoForecast(series, { horizon: 14, seasonLength: 7, quantileLevels: levels });
    expect(result.method).toBe('holt-winters');
    expect(result.demandClass).toBe('smooth');
    expect(result.scores.map((s) => s.method)).toContain('geometric-tsb');
  });

  it('keeps the default for sparse demand where back-tests are noise', () => {
    const series = Array.from({ length: 39 }, (_, t) => ([3, 11, 17, 24, 30, 36].includes(t) ? 1 + (t % 2) : 0));
    const result = autoForecast(series, { horizon: 12, seasonLength: 12, quantileLevels: levels });
    expect(result.method).toBe('geometric-tsb');
    expect(result.demandClass).toBe('intermittent');
  });

  it('forecasts demand that comes in packs in whole packs', () => {
    const series = Array.from({ length: 36 }, (_, t) => (t % 3 === 0 ? 10 * (1 + (t % 2)) : 0));
    const result = autoForecast(series, { horizon: 6, seasonLength: 12, quantileLevels: [0.5, 0.8, 0.9, 0.99] });
    const values = result.quantiles.flatMap((q) => q.values);
    expect(values.some((v) => v > 0)).toBe(true);
    for (const v of values) expect(v % 10).toBe(0);
  });

  it('forecasts a seller of one pack a week, every week, at a pack a week, not at nothing', () => {
    const result = autoForecast(Array<number>(21).fill(10), { horizon: 4, seasonLength: 1, quantileLevels: [0.5, 0.9] });
    expect(result.mean[0]).toBe(10);
    expect(result.quantiles.map((q) => q.values[0])).toEqual([10, 20]);
  });

  it('with no significance bar takes the lowest back-test loss', () => {
    const series = Array.from({ length: 60 }, (_, t) => (t < 40 ? 2 : 20));
    const result = autoForecast(series, { horizon: 6, quantileLevels: levels, significance: 0 });
    const best = Math.min(...result.scores.map((s) => s.loss));
    expect(result.scores.find((s) => s.method === result.method)?.loss).toBe(best);
  });

  it('uses only the given candidates, the first as default', () => {
    const result = autoForecast([0, 1, 0, 2, 0, 0, 3, 1, 0, 2], { horizon: 2, quantileLevels: levels, candidates: ['empirical'] });
    expect(result.method).toBe('empirical');
    expect(result.scores.map((s) => s.method)).toEqual(['empirical']);
    // Too short for any back-test origin: the first candidate, and no scores that were never measured.
    const short = autoForecast([0, 1, 0, 2], { horizon: 2, quantileLevels: levels, candidates: ['empirical', 'naive'] });
    expect(short.method).toBe('empirical');
    expect(short.scores).toEqual([]);
  });

  it('returns well-formed quantiles for any history', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(20), { maxLength: 40 }), fc.integer({ min: 1, max: 12 }), (series, horizon) => {
        const result = autoForecast(series, { horizon, seasonLength: 12, quantileLevels: [0.9, 0.1, 0.5] });
        expect(result.mean).toHaveLength(horizon);
        for (let h = 0; h < horizon; h++) {
          const [q90, q10, q50] = result.quantiles.map((q) => q.values[h] ?? Number.NaN);
          expect(q10).toBeGreaterThanOrEqual(0);
          expect(q50).toBeGreaterThanOrEqual(q10!);
          expect(q90).toBeGreaterThanOrEqual(q50!);
          expect(Number.isFinite(q90)).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });
});
