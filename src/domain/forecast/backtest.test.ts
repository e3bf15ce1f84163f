import { describe, expect, it } from 'vitest';
import { backtest, backtestOrigins } from './backtest.js';
import type { ForecastMethod } from './types.js';

describe('rolling-origin back-test', () => {
  it('places origins newest first and skips those with too little history', () => {
    expect(backtestOrigins(20, { origins: 3, step: 4, minHistory: 6 })).toEqual([16, 12, 8]);
    expect(backtestOrigins(10, { origins: 3, step: 4, minHistory: 6 })).toEqual([6]);
  });

  it('fits only on the buckets before each origin', () => {
    const seen: number[][] = [];
    const spy: ForecastMethod = (series, options) => {
      seen.push([...series]);
      return { method: 'spy', mean: new Array<number>(options.horizon).fill(0), quantiles: [] };
    };
    backtest([1, 2, 3, 4, 5, 6], spy, { horizon: 2, quantileLevels: [0.5] }, { origins: 2, step: 2, minHistory: 1 });
    expect(seen).toEqual([
      [1, 2, 3, 4],
      [1, 2],
    ]);
  });

  it('averages each bucket over the origins that forecast it', () => {
    const zeros: ForecastMethod = (_, options) => ({
      method: 'zeros',
      mean: new Array<number>(options.horizon).fill(0),
      quantiles: [{ level: 0.5, values: new Array<number>(options.horizon).fill(0) }],
    });
    // Origins 5 and 4; bucket 4 from origin 4 (loss 0.5·2), bucket 5 from both (0.5·4 each).
    const losses = backtest([1, 1, 1, 1, 2, 4], zeros, { horizon: 2, quantileLevels: [0.5] }, { origins: 2, step: 1, minHistory: 1 });
    expect(losses).toEqual([1, 2]);
  });
});
