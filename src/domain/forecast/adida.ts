import { aggregate } from './aggregate.js';
import { quantilesAround } from './demand-spread.js';
import { fitSes } from './simple-exponential-smoothing.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/**
 * The ADIDA bucket size: the mean interval between demands, rounded, at least 1
 * and leaving at least two aggregated buckets.
 */
export function adidaBucketSize(series: Series): number {
  let demands = 0;
  for (const y of series) if (y > 0) demands++;
  if (demands === 0) return 1;
  const interval = Math.round(series.length / demands);
  return Math.max(1, Math.min(interval, Math.floor(series.length / 2)));
}

/**
 * ADIDA (Nikolopoulos et al. 2011): aggregate into buckets of the mean inter-demand
 * interval, forecast them with SES, spread each bucket's forecast evenly over its steps.
 */
export function adida(series: Series, options: ForecastOptions): ForecastResult {
  const size = adidaBucketSize(series);
  const aggregated = aggregate(series, size);
  const rate = aggregated.length > 0 ? fitSes(aggregated).level / size : 0;
  const means = new Array<number>(options.horizon).fill(rate);
  return { method: 'adida', mean: means, quantiles: quantilesAround(series, means, options.quantileLevels) };
}
