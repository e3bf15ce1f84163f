import { countQuantiles } from '../../domain/forecast/index.js';
import { standardNormalQuantile } from '../../domain/replenish/index.js';

/**
 * A forecast reduced to what stock decisions need: mean demand per step (week, month) from the
 * first step after the history, and the count model of the forecast module around it —
 * variance = m·dispersion + levelUncertainty·m² for a mean m.
 */
export interface DemandModel {
  readonly mean: readonly number[];
  readonly dispersion: number;
  readonly levelUncertainty: number;
}

/** Demand over a number of steps, tabulated at `LEVELS` (a quantile function on a grid). */
export interface LeadTimeDistribution {
  readonly steps: number;
  readonly mean: number;
  readonly variance: number;
  /** Demand at each of `LEVELS`, non-decreasing. */
  readonly values: readonly number[];
  /** From each index on: Σ width and Σ width·value, so a shortage is two lookups. */
  readonly tailWidth: Float64Array;
  readonly tailMass: Float64Array;
}

/**
 * Midpoints of probability intervals, finer towards the upper tail where service targets lie,
 * and the width of each: Σ width·f(Q(level)) approximates E[f(D)] for any f.
 */
const BANDS: readonly (readonly [from: number, to: number, intervals: number])[] = [
  [0, 0.9, 180],
  [0.9, 0.99, 90],
  [0.99, 0.999, 90],
  [0.999, 0.9999, 45],
];
export const LEVELS: readonly number[] = BANDS.flatMap(([from, to, n]) => Array.from({ length: n }, (_, i) => from + ((i + 0.5) * (to - from)) / n));
const WIDTHS: readonly number[] = BANDS.flatMap(([from, to, n]) => new Array<number>(n).fill((to - from) / n));
const TOTAL_WIDTH = WIDTHS.reduce((sum, width) => sum + width, 0);
const Z: readonly number[] = LEVELS.map(standardNormalQuantile);
/** Above this mean the forecast module's count quantiles are those of a normal distribution; read off `Z` instead of one by one. */
const NORMAL_MEAN = 200;

/**
 * Demand over the first `steps` steps (a fraction of the last one counts pro rata): the means add
 * up and, since the level error of a forecast is shared by every step while the scatter around
 * it is not, the variance is M·dispersion + levelUncertainty·M² for the summed mean M (the
 * forecast module's own model, which sets the quantiles of a single step the same way). Steps
 * past the forecast's horizon repeat the average of its last seven steps.
 */
export function leadTimeDistribution(model: DemandModel, steps: number): LeadTimeDistribution {
  const whole = Math.floor(steps);
  let mean = 0;
  for (let step = 0; step < whole; step++) mean += meanAt(model.mean, step);
  if (steps > whole) mean += (steps - whole) * meanAt(model.mean, whole);
  const variance = mean * model.dispersion + model.levelUncertainty * mean * mean;
  let values: number[];
  if (mean <= NORMAL_MEAN) values = countQuantiles(mean, variance, LEVELS);
  else {
    const sd = Math.sqrt(Math.max(variance, mean));
    values = Z.map((z) => Math.max(0, mean + sd * z));
  }
  const n = values.length;
  const tailWidth = new Float64Array(n + 1);
  const tailMass = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) {
    const width = WIDTHS[i] ?? 0;
    tailWidth[i] = (tailWidth[i + 1] ?? 0) + width;
    tailMass[i] = (tailMass[i + 1] ?? 0) + width * (values[i] ?? 0);
  }
  return { steps, mean, variance, values, tailWidth, tailMass };
}

/** Mean demand at one step; past the horizon, the average of the last seven steps. */
export function meanAt(means: readonly number[], step: number): number {
  if (step < means.length) return means[step] ?? 0;
  const tail = means.slice(-7);
  return tail.length === 0 ? 0 : tail.reduce((sum, m) => sum + m, 0) / tail.length;
}

/** E[(D − level)⁺]: units expected to be short when `level` units are there to meet demand D. */
export function expectedShortage(distribution: LeadTimeDistribution, level: number): number {
  const k = firstAbove(distribution.values, level);
  return ((distribution.tailMass[k] ?? 0) - level * (distribution.tailWidth[k] ?? 0)) / TOTAL_WIDTH;
}

/** The demand quantile at `probability` (the first tabulated level at or above it). */
export function quantileOf(distribution: LeadTimeDistribution, probability: number): number {
  const values = distribution.values;
  const index = firstAbove(LEVELS, probability - 1e-15);
  return index >= values.length ? (values[values.length - 1] ?? 0) : (values[index] ?? 0);
}

/** P(D ≤ level), read off the grid: the highest tabulated level whose quantile is ≤ `level` (0 if none). */
export function probabilityAtMost(distribution: LeadTimeDistribution, level: number): number {
  const k = firstAbove(distribution.values, level);
  return k === 0 ? 0 : (LEVELS[k - 1] ?? 0);
}

/** Index of the first value above `x` in a non-decreasing list (its length when none is). */
function firstAbove(values: ArrayLike<number>, x: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((values[middle] ?? 0) > x) high = middle;
    else low = middle + 1;
  }
  return low;
}
