import { describe, expect, it } from 'vitest';
import { reorderPointFromQuantiles } from './quantile-reorder-point.js';

describe('reorderPointFromQuantiles', () => {
  const quantiles = [
    { probability: 0.5, quantity: 100 },
    { probability: 0.9, quantity: 140 },
    { probability: 0.99, quantity: 185 },
  ];

  it('takes the quantile at the target, interpolating between given ones', () => {
    expect(reorderPointFromQuantiles(quantiles, 0.9, 98)).toEqual({
      ok: true,
      value: { serviceFactor: null, safetyStock: 42, reorderPoint: 140 },
    });
    const between = reorderPointFromQuantiles(quantiles, 0.95, 98);
    expect(between.ok && between.value.reorderPoint).toBeCloseTo(140 + (45 * 5) / 9, 10);
    expect(reorderPointFromQuantiles(quantiles, 0.5, 98)).toMatchObject({ value: { reorderPoint: 100 } });
  });

  it('refuses to extrapolate beyond the given probabilities', () => {
    expect(reorderPointFromQuantiles(quantiles, 0.995, 98)).toMatchObject({ ok: false, field: 'quantiles' });
    expect(reorderPointFromQuantiles(quantiles, 0.3, 98)).toMatchObject({ ok: false, field: 'quantiles' });
  });

  it('rejects unsorted or empty quantiles and bad targets', () => {
    expect(reorderPointFromQuantiles([], 0.9, 1)).toMatchObject({ ok: false, field: 'quantiles' });
    const unsorted = [quantiles[1], quantiles[0]].filter((q) => q !== undefined);
    expect(reorderPointFromQuantiles(unsorted, 0.7, 1)).toMatchObject({ ok: false, field: 'quantiles' });
    expect(reorderPointFromQuantiles(quantiles, 1, 1)).toMatchObject({ ok: false, field: 'cycleServiceLevel' });
  });
});
