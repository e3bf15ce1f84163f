import { adida } from './adida.js';
import { croston } from './croston.js';
import { empirical } from './empirical.js';
import { geometricTsb } from './geometric-tsb.js';
import { holtWinters } from './holt-winters.js';
import { movingAverage } from './moving-average.js';
import { naive } from './naive.js';
import { sba } from './sba.js';
import { seasonalNaive } from './seasonal-naive.js';
import { simpleExponentialSmoothing } from './simple-exponential-smoothing.js';
import { tsb } from './tsb.js';
import type { ForecastMethod } from './types.js';

/** Every forecasting method by name; the first is the default of automatic selection. */
export const FORECAST_METHODS = {
  'geometric-tsb': geometricTsb,
  tsb,
  empirical,
  ses: simpleExponentialSmoothing,
  'moving-average': movingAverage,
  adida,
  sba,
  croston,
  'holt-winters': holtWinters,
  'seasonal-naive': seasonalNaive,
  naive,
} as const satisfies Record<string, ForecastMethod>;

/** The name of a built-in forecasting method. */
export type MethodName = keyof typeof FORECAST_METHODS;

/** All built-in method names in tie-break order. */
export const METHOD_NAMES = Object.keys(FORECAST_METHODS) as readonly MethodName[];
