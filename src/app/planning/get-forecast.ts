import { addDays } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { ok, type Result } from '../result.js';
import { checkInteger, checkSku } from '../validate.js';
import type { ForecastRecord } from './ports.js';
import { FORECAST_STEP_DAYS, runForecasts, type ForecastComputer } from './run-forecasts.js';

/** The public shape of a stored forecast (SPEC §7): per 7-day step from today, the mean and quantiles of demand. */
export interface ForecastView {
  readonly sku: string;
  readonly method: string;
  readonly demandClass: string;
  /** Average demand interval (weeks per week with demand) and CV² of demand sizes; ADI 1.32 and CV² 0.49 split the classes. */
  readonly adi: number | null;
  readonly cv2: number;
  readonly computedAt: string;
  readonly history: { readonly start: string; readonly days: number };
  readonly backtest: {
    /** The chosen method's mean pinball loss per week, summed over the quantile levels. */
    readonly loss: number;
    /**
     * Every candidate's loss; the first is the default, replaced only by a clearly better one.
     * Empty when the history was too short to back-test (the default method forecasts).
     */
    readonly scores: readonly { readonly method: string; readonly loss: number }[];
    /** RMSE of the forecast's sums over `protectionDays` at earlier origins (the normal model's σ). */
    readonly leadTimeRmse: number | null;
    readonly protectionDays: number;
    readonly origins: number;
  };
  readonly stepDays: number;
  readonly levels: readonly number[];
  /** Step h covers the days `from` … `to` (inclusive); `quantiles` follow `levels`. */
  readonly steps: readonly { readonly from: string; readonly to: string; readonly mean: number; readonly quantiles: readonly number[] }[];
}

export interface ForecastRequest {
  /** Compute a new forecast now instead of showing the stored one. */
  readonly refresh?: boolean;
  readonly compute?: ForecastComputer;
  readonly horizonDays?: number;
  /** The review period a fresh forecast's protection interval covers besides the lead time (default 7, DEFAULT_PLANNING_SETTINGS). */
  readonly reviewDays?: number;
}

/**
 * An item's forecast: the stored one, or a fresh one (computed and stored) when asked, when there
 * is none yet or when it does not reach `horizonDays`; shown for `horizonDays` (whole steps) when
 * given, else for as far as it reaches.
 */
export async function getForecast(store: Store, sku: string, request: ForecastRequest = {}): Promise<Result<ForecastView>> {
  const bad = checkSku('sku', sku) ?? (request.horizonDays !== undefined ? checkInteger('horizonDays', request.horizonDays, 1, 366) : null);
  if (bad) return bad;
  const stored = await readForecast(store, sku);
  if (!stored.ok) return stored;
  if (stored.value === null || request.refresh === true || (request.horizonDays !== undefined && request.horizonDays > stored.value.horizonDays)) {
    const run = await runForecasts(store, { skus: [sku], skuField: 'sku', compute: request.compute, horizonDays: request.horizonDays, reviewDays: request.reviewDays });
    if (!run.ok) return run;
  }
  const fresh = await readForecast(store, sku);
  if (!fresh.ok) return fresh;
  if (fresh.value === null) throw new Error(`the forecast of ${sku} was not stored`);
  const view = forecastView(sku, fresh.value);
  if (request.horizonDays === undefined) return ok(view);
  return ok({ ...view, steps: view.steps.slice(0, Math.ceil(request.horizonDays / view.stepDays)) });
}

async function readForecast(store: Store, sku: string): Promise<Result<ForecastRecord | null>> {
  return store.read(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return item;
    const [forecast] = await tx.planning.forecastsOf([item.value.id]);
    return ok(forecast ?? null);
  });
}

/** A stored forecast as the API shows it: one entry per forecast week. */
export function forecastView(sku: string, forecast: ForecastRecord): ForecastView {
  return {
    sku,
    method: forecast.method,
    demandClass: forecast.demandClass,
    adi: forecast.adi,
    cv2: forecast.cv2,
    computedAt: forecast.computedAt,
    history: { start: forecast.historyStart, days: forecast.historyDays },
    backtest: {
      loss: forecast.backtestLoss,
      scores: forecast.scores,
      leadTimeRmse: forecast.leadTimeRmse,
      protectionDays: forecast.protectionDays,
      origins: forecast.leadTimeOrigins,
    },
    stepDays: FORECAST_STEP_DAYS,
    levels: forecast.quantiles.map((q) => q.level),
    steps: forecast.mean.map((mean, step) => ({
      from: addDays(forecast.startDay, step * FORECAST_STEP_DAYS),
      to: addDays(forecast.startDay, step * FORECAST_STEP_DAYS + FORECAST_STEP_DAYS - 1),
      mean,
      quantiles: forecast.quantiles.map((q) => q.values[step] ?? 0),
    })),
  };
}
