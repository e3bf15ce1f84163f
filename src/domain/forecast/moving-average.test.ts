import { describe, expect, it } from 'vitest';
import { fitMovingAverageWindow, movingAverage, movingAverageFitted } from './moving-average.js';

describe('moving average', () => {
  it('forecasts each bucket by the mean of the window before it', () => {
    const fitted = movingAverageFitted([1, 2, 3, 4], 2);
    expect(Number.isNaN(fitted[0])).toBe(true);
    expect(fitted.slice(1)).toEqual([1, 1.5, 2.5]);
  });

  it('picks a short window after a level shift and a long one for noise', () => {
    const shift = [...Array<number>(12).fill(0), ...Array<number>(12).fill(10)];
    expect(fitMovingAverageWindow(shift)).toBe(3);
    const alternating = Array.from({ length: 24 }, (_, t) => (t % 2 === 0 ? 0 : 10));
    expect(fitMovingAverageWindow(alternating)).toBe(6);
  });

  it('uses the whole of a short history', () => {
    expect(fitMovingAverageWindow([1, 2, 3, 4, 5])).toBe(5);
    expect(movingAverage([1, 2, 3, 4, 5], { horizon: 2, quantileLevels: [0.5] }).mean).toEqual([3, 3]);
  });
});
