import { pinballLoss } from './pinball-loss.js';
import type { QuantileForecast, Series } from './types.js';

/** One series' outcome and its quantile forecasts for the same steps. */
export interface WqlCase {
  readonly actual: Series;
  readonly quantiles: readonly QuantileForecast[];
}

/**
 * Weighted quantile loss of a data set: the mean over levels of Σ 2·pinball / Σ|y|,
 * both sums over every series and step (so large series weigh more). A forecast of
 * zeros scores 1; NaN when there was no demand at all.
 */
export function weightedQuantileLoss(cases: readonly WqlCase[], levels: readonly number[]): number {
  let scale = 0;
  for (const c of cases) for (const y of c.actual) scale += Math.abs(y);
  if (scale === 0 || levels.length === 0) return Number.NaN;
  let total = 0;
  for (const level of levels) {
    let loss = 0;
    for (const c of cases) {
      const values = c.quantiles.find((q) => q.level === level)?.values;
      if (values === undefined) throw new Error(`missing quantile level ${level}`);
      for (let h = 0; h < c.actual.length; h++) loss += 2 * pinballLoss(c.actual[h] ?? 0, values[h] ?? 0, level);
    }
    total += loss / scale;
  }
  return total / levels.length;
}
