import { backtest, type BacktestPlan } from './backtest.js';
import { classifyDemand, type DemandClass } from './classify-demand.js';
import { FORECAST_METHODS, METHOD_NAMES, type MethodName } from './methods.js';
import type { ForecastOptions, ForecastResult, Series } from './types.js';

/** Options of the automatic choice; by default every built-in method competes. */
export interface AutoForecastOptions extends ForecastOptions {
  readonly candidates?: readonly MethodName[];
  readonly plan?: Partial<BacktestPlan>;
}

/** The chosen forecast, with the class of the series and each candidate's back-test loss. */
export interface AutoForecastResult extends ForecastResult {
  readonly demandClass: DemandClass;
  readonly scores: readonly { readonly method: MethodName; readonly loss: number }[];
}

/**
 * Forecasts with the candidate whose rolling-origin back-test on `series` has the least
 * pinball loss (ties go to the earlier candidate). Only `series` is read, so any data held
 * out for evaluation cannot influence the choice.
 */
export function autoForecast(series: Series, options: AutoForecastOptions): AutoForecastResult {
  const candidates = options.candidates ?? METHOD_NAMES;
  const horizon = options.horizon;
  const plan: BacktestPlan = {
    origins: options.plan?.origins ?? 3,
    step: options.plan?.step ?? Math.max(1, Math.ceil(horizon / 3)),
    minHistory: options.plan?.minHistory ?? Math.max(6, 2 * (options.seasonLength ?? 1)),
  };
  const scores = candidates.map((method) => ({
    method,
    loss: backtest(series, FORECAST_METHODS[method], options, plan).loss,
  }));
  let best = scores[0];
  for (const s of scores) if (best === undefined || s.loss < best.loss - 1e-12) best = s;
  const chosen = best?.method ?? 'empirical';
  const forecast = FORECAST_METHODS[chosen](series, options);
  return { ...forecast, demandClass: classifyDemand(series).demandClass, scores };
}
