import { quantilesAround } from './demand-spread.js';
import { tsbRun } from './tsb.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/**
 * TSB with demand sizes smoothed on a log scale (a running geometric mean) instead of
 * arithmetically: one unusually large order, common when a part is first stocked or a customer
 * buys for a project, lifts the forecast far less and for far shorter. Flat at probability × size
 * with count quantiles around it, like TSB. On car-parts splits that exclude the evaluation year it
 * scored a lower quantile loss than TSB on every split tried.
 */
export function geometricTsb(series: Series, options: ForecastOptions): ForecastResult {
  const run = tsbRun(series, undefined, 'geometric');
  const means = new Array<number>(options.horizon).fill(run.rate);
  return {
    method: 'geometric-tsb',
    mean: means,
    quantiles: quantilesAround(series, means, options.quantileLevels, run.fitted),
  };
}
