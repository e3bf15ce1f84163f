import { describe, expect, it } from 'vitest';
import { createNormalSampler } from './normal-sampler.js';
import { createRandom } from './random.js';

describe('createNormalSampler', () => {
  it('draws standard normals: mean 0, variance 1, 2.5% beyond ±1.96 each', () => {
    const normal = createNormalSampler(createRandom(3));
    const values = Array.from({ length: 200_000 }, () => normal());
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.01);
    expect(Math.abs(variance - 1)).toBeLessThan(0.015);
    const upper = values.filter((value) => value > 1.959964).length / values.length;
    const lower = values.filter((value) => value < -1.959964).length / values.length;
    expect(Math.abs(upper - 0.025)).toBeLessThan(0.0015);
    expect(Math.abs(lower - 0.025)).toBeLessThan(0.0015);
  });

  it('is reproducible from the seed', () => {
    const first = createNormalSampler(createRandom(9));
    const second = createNormalSampler(createRandom(9));
    expect(Array.from({ length: 5 }, () => first())).toEqual(Array.from({ length: 5 }, () => second()));
  });
});
