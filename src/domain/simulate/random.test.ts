import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from './random.js';

function draws(seed: number, stream: number, count: number): number[] {
  const random = createRandom(seed, stream);
  return Array.from({ length: count }, () => random.next());
}

describe('createRandom', () => {
  it('repeats itself for the same seed and stream, and differs otherwise', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        expect(draws(seed, 0, 8)).toEqual(draws(seed, 0, 8));
        expect(draws(seed, 0, 8)).not.toEqual(draws(seed, 1, 8));
        expect(draws(seed, 0, 8)).not.toEqual(draws(seed + 1, 0, 8));
      }),
    );
  });

  it('draws uniformly from [0, 1)', () => {
    const values = draws(42, 0, 200_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    // Standard errors: 0.00065 for the mean, 0.00019 for the variance.
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.003);
    expect(Math.abs(variance - 1 / 12)).toBeLessThan(0.001);
    const deciles = new Array<number>(10).fill(0);
    for (const value of values) deciles[Math.floor(value * 10)] = (deciles[Math.floor(value * 10)] ?? 0) + 1;
    for (const count of deciles) expect(Math.abs(count - 20_000)).toBeLessThan(600);
  });
});
