import { quantilesAround } from './demand-spread.js';
import { clampDemand, mean } from './series-statistics.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Trend damping: a fitted trend fades over long horizons instead of running away. */
const PHI = 0.98;
// A coarse grid: 12 runs keep fitting cheap on long daily histories, and finer constants
// rarely change forecasts much relative to demand noise.
const ALPHAS: readonly number[] = [0.1, 0.3, 0.5];
const BETAS: readonly number[] = [0, 0.1];
const GAMMAS: readonly number[] = [0.05, 0.25];

/** Smoothing constants of additive Holt–Winters. */
export interface HoltWintersParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
}

/** The state after the last observation and the in-sample one-step SSE that led there. */
export interface HoltWintersFit {
  readonly params: HoltWintersParams;
  readonly level: number;
  readonly trend: number;
  /** Seasonal terms indexed by time modulo the period (all 0 without a season). */
  readonly seasonal: readonly number[];
  readonly period: number;
  readonly sse: number;
}

/**
 * Runs additive damped Holt–Winters with fixed constants. The season is used only with two full
 * seasons of history (initialised from them), otherwise this is damped Holt. `onPrediction`, if
 * given, receives each in-sample one-step forecast as it is made.
 */
export function holtWintersWith(
  series: Series,
  seasonLength: number,
  params: HoltWintersParams,
  onPrediction?: (t: number, prediction: number) => void,
): HoltWintersFit {
  const n = series.length;
  const period = seasonLength > 1 && n >= 2 * seasonLength ? seasonLength : 1;
  const seasonal = new Array<number>(period).fill(0);
  let level: number;
  let trend = 0;
  let start: number;
  if (period > 1) {
    level = mean(series.slice(0, period));
    trend = (mean(series.slice(period, 2 * period)) - level) / period;
    for (let i = 0; i < period; i++) seasonal[i] = (series[i] ?? 0) - level;
    start = period;
  } else {
    level = series[0] ?? 0;
    start = 1;
  }
  const { alpha, beta, gamma } = params;
  let sse = 0;
  for (let t = start; t < n; t++) {
    const y = series[t] ?? 0;
    const s = seasonal[t % period] ?? 0;
    const prediction = level + PHI * trend + s;
    onPrediction?.(t, prediction);
    const error = y - prediction;
    sse += error * error;
    const previous = level;
    level = alpha * (y - s) + (1 - alpha) * (level + PHI * trend);
    trend = beta * (level - previous) + (1 - beta) * PHI * trend;
    if (period > 1) seasonal[t % period] = gamma * (y - level) + (1 - gamma) * s;
  }
  return { params, level, trend, seasonal, period, sse };
}

/** Fits the constants on a small grid by in-sample one-step SSE (cheap enough for long daily series). */
export function fitHoltWinters(series: Series, seasonLength: number): HoltWintersFit {
  const gammas = seasonLength > 1 ? GAMMAS : [0];
  let best: HoltWintersFit | undefined;
  for (const alpha of ALPHAS) {
    for (const beta of BETAS) {
      for (const gamma of gammas) {
        const fit = holtWintersWith(series, seasonLength, { alpha, beta, gamma });
        if (best === undefined || fit.sse < best.sse) best = fit;
      }
    }
  }
  return best ?? holtWintersWith(series, seasonLength, { alpha: 0.3, beta: 0, gamma: 0 });
}

/** Point forecasts of a fitted model for steps 1..horizon, clamped at 0. */
export function holtWintersMeans(fit: HoltWintersFit, seriesLength: number, horizon: number): number[] {
  const means = new Array<number>(horizon);
  let damping = 0;
  let factor = 1;
  for (let h = 1; h <= horizon; h++) {
    factor *= PHI;
    damping += factor;
    const s = fit.seasonal[(seriesLength - 1 + h) % fit.period] ?? 0;
    means[h - 1] = clampDemand(fit.level + damping * fit.trend + s);
  }
  return means;
}

/** Additive Holt–Winters with a damped trend; season from `seasonLength`; count quantiles per step. */
export function holtWinters(series: Series, options: ForecastOptions): ForecastResult {
  const seasonLength = options.seasonLength ?? 1;
  const fit = fitHoltWinters(series, seasonLength);
  const fitted = new Array<number>(series.length).fill(Number.NaN);
  holtWintersWith(series, seasonLength, fit.params, (t, prediction) => {
    fitted[t] = clampDemand(prediction);
  });
  const means = holtWintersMeans(fit, series.length, options.horizon);
  return {
    method: 'holt-winters',
    mean: means,
    quantiles: quantilesAround(series, means, options.quantileLevels, fitted),
  };
}
