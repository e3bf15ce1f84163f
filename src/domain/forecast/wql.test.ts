import { describe, expect, it } from 'vitest';
import { weightedQuantileLoss } from './wql.js';

describe('weightedQuantileLoss', () => {
  it('is 1 for a forecast of zeros', () => {
    const levels = [0.1, 0.5, 0.9];
    const zeros = levels.map((level) => ({ level, values: [0, 0] }));
    expect(weightedQuantileLoss([{ actual: [3, 1], quantiles: zeros }, { actual: [0, 4], quantiles: zeros }], levels)).toBeCloseTo(1, 12);
  });

  it('matches a hand computation', () => {
    // y = [2, 0]; q0.5 = [1, 1]: 2·0.5·1 + 2·0.5·1 = 2; q0.9 = [4, 0]: 2·0.1·2 + 0 = 0.4.
    // Σ|y| = 2 → (2/2 + 0.4/2) / 2 = 0.6.
    const quantiles = [
      { level: 0.5, values: [1, 1] },
      { level: 0.9, values: [4, 0] },
    ];
    expect(weightedQuantileLoss([{ actual: [2, 0], quantiles }], [0.5, 0.9])).toBeCloseTo(0.6, 12);
  });

  it('is NaN when nothing was demanded', () => {
    expect(weightedQuantileLoss([{ actual: [0], quantiles: [{ level: 0.5, values: [1] }] }], [0.5])).toBeNaN();
  });
});
