import { countQuantiles } from '../../domain/forecast/index.js';

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
  return { steps, mean, variance, values: countQuantiles(mean, variance, LEVELS) };
}

/** Mean demand at one step; past the horizon, the average of the last seven steps. */
export function meanAt(means: readonly number[], step: number): number {
  if (step < means.length) return means[step] ?? 0;
  const tail = means.slice(-7);
  return tail.length === 0 ? 0 : tail.reduce((sum, m) => sum + m, 0) / tail.length;
}

/** E[(D − level)⁺]: units expected to be short when `level` units are there to meet demand D. */
export function expectedShortage(distribution: LeadTimeDistribution, level: number): number {
  let sum = 0;
  distribution.values.forEach((value, i) => {
    if (value > level) sum += (WIDTHS[i] ?? 0) * (value - level);
  });
  return sum / TOTAL_WIDTH;
}

/** The demand quantile at `probability` (the first tabulated level at or above it). */
export function quantileOf(distribution: LeadTimeDistribution, probability: number): number {
  const index = LEVELS.findIndex((level) => level >= probability);
  const values = distribution.values;
  return index === -1 ? (values[values.length - 1] ?? 0) : (values[index] ?? 0);
}

/** P(D ≤ level), read off the grid: the highest tabulated level whose quantile is ≤ `level` (0 if none). */
export function probabilityAtMost(distribution: LeadTimeDistribution, level: number): number {
  let probability = 0;
  distribution.values.forEach((value, i) => {
    if (value <= level) probability = LEVELS[i] ?? probability;
  });
  return probability;
}
