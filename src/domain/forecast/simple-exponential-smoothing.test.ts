import { describe, expect, it } from 'vitest';
import { fitSes, sesFitted, sesWithAlpha, simpleExponentialSmoothing } from './simple-exponential-smoothing.js';

const options = { horizon: 3, quantileLevels: [0.1, 0.5, 0.9] };

describe('simple exponential smoothing', () => {
  it('matches a hand computation', () => {
    // Start at mean(2, 4) = 3; error −1 → level 2.5; error 1.5 → level 3.25; SSE 1 + 2.25.
    const fit = sesWithAlpha([2, 4], 0.5);
    expect(fit.level).toBeCloseTo(3.25, 12);
    expect(fit.sse).toBeCloseTo(3.25, 12);
    expect(sesFitted([2, 4], 0.5)).toEqual([3, 2.5]);
  });

  it('forecasts a constant series at the constant with zero error', () => {
    const fit = fitSes([7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7]);
    expect(fit.level).toBe(7);
    expect(fit.sse).toBe(0);
    expect(simpleExponentialSmoothing([7, 7, 7, 7], options).mean).toEqual([7, 7, 7]);
  });

  it('fits a large alpha to a level shift and a small one to noise', () => {
    const shift = [...Array<number>(12).fill(0), ...Array<number>(12).fill(10)];
    expect(fitSes(shift).alpha).toBeGreaterThan(0.9);
    const noise = Array.from({ length: 40 }, (_, t) => (t % 2 === 0 ? 0 : 10));
    expect(fitSes(noise).alpha).toBeLessThan(0.05);
  });

  it('gives quantiles around the level', () => {
    const result = simpleExponentialSmoothing([3, 5, 4, 4, 3, 5, 4, 4, 3, 5, 4, 4], options);
    expect(result.method).toBe('ses');
    const [low, median, high] = result.quantiles.map((q) => q.values[0] ?? 0);
    expect(low).toBeLessThan(median!);
    expect(median).toBeLessThanOrEqual(high!);
  });
});
