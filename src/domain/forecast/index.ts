// Demand forecasting: pure methods, quantiles, metrics, back-tests and the automatic choice.
export type { ForecastMethod, ForecastOptions, ForecastResult, QuantileForecast, Series } from './types.js';
export { aggregate } from './aggregate.js';
export { classifyDemand, ADI_CUTOFF, CV2_CUTOFF, type DemandClass, type DemandProfile } from './classify-demand.js';
export { countQuantiles } from './count-quantiles.js';
export {
  estimateSpread,
  residualVariance,
  spreadQuantiles,
  quantilesAround,
  PRIOR_LEVEL_UNCERTAINTY,
  DEFAULT_SPREAD_SETTINGS,
  type DemandSpread,
  type SpreadSettings,
} from './demand-spread.js';
export { empiricalQuantile, empiricalQuantiles } from './empirical-quantile.js';
export { pinballLoss } from './pinball-loss.js';
export { mase, maseScale, meanMase, type MaseCase } from './mase.js';
export { weightedQuantileLoss, type WqlCase } from './wql.js';
export { naive } from './naive.js';
export { seasonalNaive } from './seasonal-naive.js';
export { movingAverage, movingAverageFitted, fitMovingAverageWindow } from './moving-average.js';
export { simpleExponentialSmoothing, fitSes, sesWithAlpha, sesFitted, type SesFit } from './simple-exponential-smoothing.js';
export { holtWinters, fitHoltWinters, holtWintersWith, holtWintersMeans, type HoltWintersFit, type HoltWintersParams } from './holt-winters.js';
export { croston, crostonRun, CROSTON_ALPHA, type CrostonRun } from './croston.js';
export { sba, SBA_FACTOR } from './sba.js';
export { tsb, tsbRun, TSB_DEFAULTS, type SizeScale, type TsbParams, type TsbRun } from './tsb.js';
export { geometricTsb, GEOMETRIC_TSB_SPREAD } from './geometric-tsb.js';
export { packSize } from './pack-size.js';
export { inPacks } from './in-packs.js';
export { adida, adidaBucketSize } from './adida.js';
export { empirical, leadTimeDemandQuantiles, EMPIRICAL_WINDOW } from './empirical.js';
export { FORECAST_METHODS, METHOD_NAMES, type MethodName } from './methods.js';
export { backtest, backtestOrigins, type BacktestPlan } from './backtest.js';
export { autoForecast, DEFAULT_CANDIDATES, DEFAULT_SIGNIFICANCE, type AutoForecastOptions, type AutoForecastResult, type CandidateScore } from './auto-forecast.js';
