import { describe, expect, it } from 'vitest';
import { fitHoltWinters, holtWinters, holtWintersMeans, holtWintersWith } from './holt-winters.js';

const levels = [0.1, 0.5, 0.9];

describe('additive Holt–Winters', () => {
  it('continues an exact seasonal pattern', () => {
    const series = Array.from({ length: 24 }, (_, t) => (t % 2 === 0 ? 1 : 5));
    const fit = holtWintersWith(series, 2, { alpha: 0.3, beta: 0.1, gamma: 0.2 });
    expect(fit.sse).toBeCloseTo(0, 12);
    expect(holtWintersMeans(fit, series.length, 4).map((x) => Number(x.toFixed(9)))).toEqual([1, 5, 1, 5]);
    expect(holtWinters(series, { horizon: 4, seasonLength: 2, quantileLevels: levels }).mean.map((x) => Number(x.toFixed(9)))).toEqual([1, 5, 1, 5]);
  });

  it('forecasts a constant series at the constant', () => {
    const result = holtWinters(Array<number>(30).fill(4), { horizon: 3, seasonLength: 12, quantileLevels: levels });
    expect(result.mean.map((x) => Number(x.toFixed(9)))).toEqual([4, 4, 4]);
  });

  it('follows a trend, damped, without a season', () => {
    const series = Array.from({ length: 20 }, (_, t) => 10 + 2 * t);
    const fit = fitHoltWinters(series, 1);
    expect(fit.period).toBe(1);
    const means = holtWintersMeans(fit, series.length, 3);
    expect(means[0]).toBeGreaterThan(48);
    expect(means[1]).toBeGreaterThan(means[0]!);
    expect(means[2]! - means[1]!).toBeLessThan(2.01);
  });

  it('never forecasts below zero', () => {
    const falling = Array.from({ length: 20 }, (_, t) => Math.max(0, 40 - 3 * t));
    const result = holtWinters(falling, { horizon: 12, seasonLength: 1, quantileLevels: levels });
    expect(result.mean.every((x) => x >= 0)).toBe(true);
  });
});
