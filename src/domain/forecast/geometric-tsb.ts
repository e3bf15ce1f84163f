import { quantilesAround, type SpreadSettings } from './demand-spread.js';
import { tsbRun } from './tsb.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/**
 * How geometric TSB measures its spread. Its rate deliberately moves little on a large order, so
 * its one-step errors count every such order in full and overstate how widely demand scatters
 * around the forecast; keeping a fifth of the measured excess dispersion, with a lower cap on the
 * level uncertainty, scored best on car-parts splits that exclude the evaluation year (dev WQL of
 * the automatic choice 0.876 against 0.881 with the default settings). Other methods lost with
 * any weight below 1, so this stays the method's own.
 */
export const GEOMETRIC_TSB_SPREAD: SpreadSettings = { dispersionWeight: 0.2, priorLevelUncertainty: 1.5 };

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
    quantiles: quantilesAround(series, means, options.quantileLevels, run.fitted, GEOMETRIC_TSB_SPREAD),
  };
}
