import { describe, expect, it } from 'vitest';
import { poissonVariate } from './poisson-variate.js';
import { createRandom } from './random.js';

describe('poissonVariate', () => {
  // Both branches: multiplication below a mean of 30, transformed rejection above.
  it.each([0.3, 4, 29.5, 30, 75, 2500])('matches mean and variance λ = %d', (mean) => {
    const random = createRandom(11);
    const count = 100_000;
    const values = Array.from({ length: count }, () => poissonVariate(random, mean));
    expect(values.every((value) => Number.isInteger(value) && value >= 0)).toBe(true);
    const average = values.reduce((sum, value) => sum + value, 0) / count;
    const variance = values.reduce((sum, value) => sum + (value - average) ** 2, 0) / count;
    // Five standard errors of the mean (√(λ/n)) and of the variance (≈ λ·√(2/n)).
    expect(Math.abs(average - mean)).toBeLessThan(5 * Math.sqrt(mean / count));
    expect(Math.abs(variance - mean)).toBeLessThan(5 * mean * Math.sqrt(2 / count) + 0.01);
  });

  it('hits the exact Poisson probabilities at λ = 50', () => {
    const random = createRandom(5);
    const count = 200_000;
    let atMean = 0;
    for (let draw = 0; draw < count; draw += 1) if (poissonVariate(random, 50) === 50) atMean += 1;
    // P(X = 50) = e^−50·50^50/50! = 0.056325.
    expect(Math.abs(atMean / count - 0.056325)).toBeLessThan(0.0025);
  });

  it('is 0 for a mean of 0', () => {
    expect(poissonVariate(createRandom(1), 0)).toBe(0);
  });
});
