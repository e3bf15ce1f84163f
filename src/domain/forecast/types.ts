/** Demand per bucket (day, week, month), oldest first; values are non-negative. */
export type Series = readonly number[];

/** One quantile level and its forecast value per horizon step. */
export interface QuantileForecast {
  readonly level: number;
  readonly values: readonly number[];
}

/** A method's forecast: mean and quantiles per horizon step, all finite and ≥ 0. */
export interface ForecastResult {
  readonly method: string;
  readonly mean: readonly number[];
  readonly quantiles: readonly QuantileForecast[];
}

/** What every method needs to know: how far ahead, which quantiles, the season. */
export interface ForecastOptions {
  readonly horizon: number;
  readonly quantileLevels: readonly number[];
  /** Buckets per season (12 for months, 7 for days); 1 or absent means none. */
  readonly seasonLength?: number;
}

/** A forecasting method: a pure function of the history and the options. */
export type ForecastMethod = (series: Series, options: ForecastOptions) => ForecastResult;
