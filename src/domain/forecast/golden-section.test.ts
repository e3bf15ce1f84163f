import { describe, expect, it } from 'vitest';
import { goldenSectionMinimum } from './golden-section.js';

describe('goldenSectionMinimum', () => {
  it('finds the minimum of a parabola inside the interval', () => {
    expect(goldenSectionMinimum((x) => (x - 0.3) ** 2, 0, 1, 1e-6)).toBeCloseTo(0.3, 5);
  });

  it('stays within the interval when the minimum lies outside', () => {
    const x = goldenSectionMinimum((v) => (v - 5) ** 2, 0, 1, 1e-6);
    expect(x).toBeLessThanOrEqual(1);
    expect(x).toBeGreaterThan(0.999);
  });
});
