import { describe, expect, it } from 'vitest';
import { mase, maseScale, meanMase } from './mase.js';

describe('MASE', () => {
  it('scales by the in-sample seasonal naive error', () => {
    // |y_t − y_{t−2}| over t = 2..5: |3−1|, |4−2|, |7−3|, |8−4| → mean 3.
    const history = [1, 2, 3, 4, 7, 8];
    expect(maseScale(history, 2)).toBe(3);
    // Errors |10−7| and |5−8| → mean 3, scaled by 3 → 1.
    expect(mase(history, [10, 5], [7, 8], 2)).toBe(1);
  });

  it('is undefined when the history is too short or flat', () => {
    expect(mase([1, 2], [1], [1], 12)).toBeUndefined();
    expect(mase([2, 2, 2, 2], [5], [2], 1)).toBeUndefined();
  });

  it('averages over series, leaving out those without a scale', () => {
    const value = meanMase(
      [
        { history: [0, 2], actual: [2], predicted: [0] }, // scale 2, error 2 → 1
        { history: [0, 4], actual: [4], predicted: [1] }, // scale 4, error 3 → 0.75
        { history: [3, 3], actual: [9], predicted: [0] }, // scale 0 → left out
      ],
      1,
    );
    expect(value).toBeCloseTo(0.875, 12);
  });
});
