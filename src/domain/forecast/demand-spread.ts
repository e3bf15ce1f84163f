import { countQuantiles } from './count-quantiles.js';
import { mean, tail, variance } from './series-statistics.js';
import type { QuantileForecast, Series } from './types.js';

/** How widely demand scatters around a forecast mean m: variance = m·dispersion + levelUncertainty·m². */
export interface DemandSpread {
  /** Variance-to-mean ratio of demand (≥ 1; 1 is Poisson). */
  readonly dispersion: number;
  /** Squared coefficient of variation of the unknown future level (≥ 0). */
  readonly levelUncertainty: number;
}

/**
 * How a method's spread is measured from its one-step errors. Methods differ in what their errors
 * hold besides the scatter of demand, so each may set its own; DEFAULT_SPREAD_SETTINGS otherwise.
 */
export interface SpreadSettings {
  /**
   * Share of the measured dispersion above Poisson's 1 that is kept: 1 keeps it all; less, for a
   * method whose errors overstate the scatter of demand around its forecast.
   */
  readonly dispersionWeight: number;
  /** Cap on the level uncertainty, reached by slow movers. */
  readonly priorLevelUncertainty: number;
}

/** Fewest buckets that can show demand steadier than Poisson. */
const MIN_STEADINESS_BUCKETS = 3;

/** Fewest buckets of recent history used to measure the spread. */
const MIN_SPREAD_WINDOW = 24;

/**
 * Cap on the squared relative uncertainty of the future level, reached by slow movers: level
 * shifts (new models, parts going obsolete) are invisible in a short sparse history. 2 was best
 * on a car-parts split that excludes the evaluation year.
 */
export const PRIOR_LEVEL_UNCERTAINTY = 2;

/** Spread settings of every method that does not set its own: the whole measured dispersion. */
export const DEFAULT_SPREAD_SETTINGS: SpreadSettings = {
  dispersionWeight: 1,
  priorLevelUncertainty: PRIOR_LEVEL_UNCERTAINTY,
};

/**
 * Level uncertainty falls as LEVEL_UNCERTAINTY_UNITS / (units seen + 1), as a Gamma posterior's
 * does with its count, but slower, since real levels drift; this keeps fast movers' quantiles
 * tight without changing slow movers' (no loss on the car-parts tuning split).
 */
const LEVEL_UNCERTAINTY_UNITS = 80;

/**
 * Mean squared one-step error of `fitted` (the in-sample forecast of each bucket from the buckets
 * before it; NaN where the method had none yet) over the last `window` buckets; undefined if none.
 */
export function residualVariance(series: Series, fitted: readonly number[], window: number): number | undefined {
  let sum = 0;
  let count = 0;
  for (let t = Math.max(0, series.length - window); t < series.length; t++) {
    const f = fitted[t];
    if (f === undefined || Number.isNaN(f)) continue;
    const error = (series[t] ?? 0) - f;
    sum += error * error;
    count++;
  }
  return count === 0 ? undefined : sum / count;
}

/**
 * Estimates the spread of a series for forecasts `horizon` buckets ahead, from the recent
 * max(24, 2·horizon) buckets. Dispersion is the method's one-step error variance (`fitted`, so a
 * model of the season is not charged for seasonal swings) or, without fitted values, the
 * variance, over the mean, of which `settings.dispersionWeight` of the excess over Poisson is kept.
 * Level uncertainty shrinks with the units seen (scaled by dispersion), and with demand steadier
 * than Poisson (variance below the mean) by the ratio of the two.
 */
export function estimateSpread(
  series: Series,
  horizon: number,
  fitted?: readonly number[],
  settings: SpreadSettings = DEFAULT_SPREAD_SETTINGS,
): DemandSpread {
  const window = Math.max(MIN_SPREAD_WINDOW, 2 * horizon);
  const recent = tail(series, window);
  const m = mean(recent);
  const residual = fitted === undefined ? undefined : residualVariance(series, fitted, window);
  const varianceToMean = m > 0 ? (residual ?? variance(recent)) / m : 1;
  const measured = Math.max(1, varianceToMean);
  const dispersion = 1 + settings.dispersionWeight * (measured - 1);
  const effectiveUnits = (m * recent.length) / dispersion;
  // Demand steadier than Poisson (one pack every week) shows a level that does not move: its
  // uncertainty shrinks by the same ratio, or a 3-week seller of 70 a week was given a median of 0.
  // One or two buckets show no steadiness at all (a launch's first days scaled to a week).
  const steadiness = recent.length < MIN_STEADINESS_BUCKETS ? 1 : Math.min(1, Math.max(0, varianceToMean));
  const levelUncertainty = steadiness * Math.min(settings.priorLevelUncertainty, LEVEL_UNCERTAINTY_UNITS / (effectiveUnits + 1));
  return { dispersion, levelUncertainty };
}

/**
 * Quantiles per horizon step of counts with the given means and spread;
 * values are ≥ 0 and non-decreasing in the level at every step.
 */
export function spreadQuantiles(
  means: readonly number[],
  levels: readonly number[],
  spread: DemandSpread,
): QuantileForecast[] {
  const perStep: number[][] = [];
  for (let h = 0; h < means.length; h++) {
    const m = means[h] ?? 0;
    const previous = perStep[h - 1];
    // Flat forecasts repeat one mean: reuse instead of recomputing the distribution.
    if (previous !== undefined && means[h - 1] === m) {
      perStep.push(previous);
      continue;
    }
    perStep.push(countQuantiles(m, m * spread.dispersion + spread.levelUncertainty * m * m, levels));
  }
  return levels.map((level, i) => ({ level, values: perStep.map((q) => q[i] ?? 0) }));
}

/**
 * Count quantiles around a method's means, with the spread estimated from `series` and, when
 * given, the method's in-sample one-step forecasts `fitted`, measured by the method's `settings`.
 */
export function quantilesAround(
  series: Series,
  means: readonly number[],
  levels: readonly number[],
  fitted?: readonly number[],
  settings?: SpreadSettings,
): QuantileForecast[] {
  return spreadQuantiles(means, levels, estimateSpread(series, means.length, fitted, settings));
}
