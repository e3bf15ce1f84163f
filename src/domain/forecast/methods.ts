import { adida } from './adida.js';
import { croston } from './croston.js';
import { empirical } from './empirical.js';
import { holtWinters } from './holt-winters.js';
import { movingAverage } from './moving-average.js';
import { naive } from './naive.js';
import { sba } from './sba.js';
import { seasonalNaive } from './seasonal-naive.js';
import { simpleExponentialSmoothing } from './simple-exponential-smoothing.js';
import { tsb } from './tsb.js';
import type { ForecastMethod } from './types.js';

/** Every forecasting method by name; the order is the tie-break order of automatic selection. */
export const FORECAST_METHODS = {
  empirical,
  sba,
  tsb,
  croston,
  adida,
  ses: simpleExponentialSmoothing,
  'moving-average': movingAverage,
  'holt-winters': holtWinters,
  naive,
  'seasonal-naive': seasonalNaive,
} as const satisfies Record<string, ForecastMethod>;

/** The name of a built-in forecasting method. */
export type MethodName = keyof typeof FORECAST_METHODS;

/** All built-in method names in tie-break order. */
export const METHOD_NAMES = Object.keys(FORECAST_METHODS) as readonly MethodName[];
