import { addDays, dateOf, daysBetween } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { fail, invalid, ok, type Result } from '../result.js';
import { checkInteger, checkSku, firstFailure } from '../validate.js';
import { computeForecast, type ForecastJob, type ForecastOutcome } from './forecast-job.js';
import { DEFAULT_PLANNING_SETTINGS } from './planning-settings.js';
import { historyStartDay } from './history-start.js';
import type { ForecastRecord, ItemDemandWeek, PlanningFact } from './ports.js';

/** Computes forecasts for a batch of jobs, in order: in this thread, or in a worker pool (src/worker/forecast-pool.ts). */
export type ForecastComputer = (jobs: readonly ForecastJob[]) => Promise<readonly ForecastOutcome[]>;

/** The computer for small runs and tests: this thread, one job after another. */
export const computeInThread: ForecastComputer = async (jobs) => jobs.map(computeForecast);

export const DEFAULT_HISTORY_DAYS = 730;
/** A quarter ahead. */
export const DEFAULT_HORIZON_DAYS = 91;
/**
 * Forecasts run on 7-day buckets ending yesterday: the forecast module's methods and constants
 * were set on monthly buckets, and on days they forget a slow mover within a week or two of no
 * sales (TSB's β = 0.15 per bucket), ordering nothing for it; weeks keep them in their range and
 * still resolve lead times and review periods of a week or more.
 */
export const FORECAST_STEP_DAYS = 7;
/** Steps per season: a year of weeks, used once the history holds two of them. */
const SEASON_STEPS = 52;
/** A year of weeks to measure the spread of demand on (see ForecastJob.spreadWindow). */
const SPREAD_WINDOW_STEPS = 52;
/** Items read, forecast and written together; small enough that a batch's read never blocks the event loop for long. */
const BATCH = 100;

export interface ForecastRunOptions {
  /** Only these items; default every item that is not discontinued. */
  readonly skus?: readonly string[] | undefined;
  /** What a refusal calls the one sku of `skus` when the caller asked for a single item by `sku` (GET /forecasts/{sku}); default `skus[i]`. */
  readonly skuField?: 'sku' | undefined;
  readonly compute?: ForecastComputer | undefined;
  /** Days of history read (default two years, ending yesterday). */
  readonly historyDays?: number | undefined;
  /** Days forecast (default 91, in whole weeks; never less than lead time plus review period). */
  readonly horizonDays?: number | undefined;
  /** Review period added to each item's lead time for the lead-time back-test. */
  readonly reviewDays?: number | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Stops between batches when aborted (a process shutting down): UNAVAILABLE, with the batches done kept. */
  readonly signal?: AbortSignal | undefined;
}

export interface ForecastRunReport {
  readonly items: number;
  /** First forecast day (today); history ends the day before. */
  readonly startDay: string;
  readonly methods: Readonly<Record<string, number>>;
  readonly classes: Readonly<Record<string, number>>;
}

/**
 * Forecasts items from their daily demand history, summed into weeks, and stores each forecast with the method a
 * back-test chose and its error. Reads, computes and writes batch by batch, reading the next
 * batch while the current one is computed, so memory stays bounded and a worker pool stays busy.
 * Forecasts are derived data: each batch is written in its own short transaction.
 */
export async function runForecasts(store: Store, options: ForecastRunOptions = {}): Promise<Result<ForecastRunReport>> {
  const failure = firstFailure(
    options.historyDays !== undefined ? checkInteger('historyDays', options.historyDays, 28, 3660) : null,
    options.horizonDays !== undefined ? checkInteger('horizonDays', options.horizonDays, 1, 366) : null,
    options.reviewDays !== undefined ? checkInteger('reviewDays', options.reviewDays, 1, 365) : null,
    options.skus !== undefined && options.skus.length === 0 ? invalid('skus', 'give at least one sku') : null,
    ...(options.skus ?? []).map((sku, index) => checkSku(`skus[${index}]`, sku)),
  );
  if (failure) return failure;
  const compute = options.compute ?? computeInThread;
  const historyDays = options.historyDays ?? DEFAULT_HISTORY_DAYS;
  const reviewDays = options.reviewDays ?? DEFAULT_PLANNING_SETTINGS.reviewPeriodDays;
  const start = await store.read(async (tx) => {
    const today = dateOf(new Date(tx.now));
    if (options.skus === undefined) return ok({ today, now: tx.now, facts: await tx.planning.planningFacts({ activeOnly: true }) });
    const items = await tx.findItems(options.skus);
    const missing = options.skus.findIndex((sku) => !items.some((i) => i.sku === sku));
    if (missing >= 0) {
      // An item a path names is not there (404); one a request's list names is bad input (400).
      const field = options.skuField ?? `skus[${missing}]`;
      return fail(options.skuField === 'sku' ? 'NOT_FOUND' : 'VALIDATION_FAILED', `${field}: no item with sku ${options.skus[missing]}`, { field });
    }
    return ok({ today, now: tx.now, facts: await tx.planning.planningFacts({ itemIds: items.map((i) => i.id) }) });
  });
  if (!start.ok) return start;
  const { today, now, facts } = start.value;
  const from = addDays(today, -historyDays);
  const methods: Record<string, number> = {};
  const classes: Record<string, number> = {};
  const batches: PlanningFact[][] = [];
  for (let i = 0; i < facts.length; i += BATCH) batches.push(facts.slice(i, i + BATCH));

  const read = (batch: readonly PlanningFact[]) =>
    store.read((tx) => tx.planning.demandWeeks({ itemIds: batch.map((f) => f.itemId), from, until: today }));
  let done = 0;
  options.onProgress?.(0, facts.length);
  let next = batches[0] ? read(batches[0]) : null;
  for (const [index, batch] of batches.entries()) {
    const units = await (next as Promise<ItemDemandWeek[]>);
    if (options.signal?.aborted) return fail('UNAVAILABLE', `forecasting stopped after ${done} of ${facts.length} items: the process is shutting down`);
    const following = batches[index + 1];
    next = following ? read(following) : null;
    const jobs = jobsFor(batch, units, { from, today, reviewDays, horizonDays: options.horizonDays ?? DEFAULT_HORIZON_DAYS });
    const outcomes = await compute(jobs.map((j) => j.job));
    const records: ForecastRecord[] = outcomes.map((outcome, i) => {
      const { job, historyStart, historyDays: daysOfHistory } = jobs[i] as (typeof jobs)[number];
      methods[outcome.method] = (methods[outcome.method] ?? 0) + 1;
      classes[outcome.demandClass] = (classes[outcome.demandClass] ?? 0) + 1;
      return {
        ...outcome, historyStart, historyDays: daysOfHistory, startDay: today,
        horizonDays: job.horizon * FORECAST_STEP_DAYS, protectionDays: job.protectionSteps * FORECAST_STEP_DAYS, computedAt: now,
      };
    });
    await store.transaction((tx) => tx.planning.saveForecasts(records));
    done += batch.length;
    options.onProgress?.(done, facts.length);
  }
  return ok({ items: facts.length, startDay: today, methods, classes });
}

/**
 * One job per item: its history runs from the first day it could have had demand (its creation
 * or its first recorded demand, whichever is earlier, but within the window) to yesterday, in
 * whole weeks counted back from yesterday (an incomplete oldest week is left out, unless it is
 * all there is).
 */
function jobsFor(
  facts: readonly PlanningFact[],
  weeks: readonly ItemDemandWeek[],
  window: { from: string; today: string; reviewDays: number; horizonDays: number },
): { job: ForecastJob; historyStart: string; historyDays: number }[] {
  const byItem = new Map<number, ItemDemandWeek[]>();
  for (const row of weeks) {
    const rows = byItem.get(row.itemId);
    if (rows) rows.push(row);
    else byItem.set(row.itemId, [row]);
  }
  return facts.map((fact) => {
    const rows = byItem.get(fact.itemId) ?? [];
    const start = historyStartDay(fact.createdDay, rows.map((row) => row.firstDay), window.from, window.today);
    const days = daysBetween(start, window.today);
    const length = Math.floor(days / FORECAST_STEP_DAYS);
    const series = new Array<number>(length).fill(0);
    for (const row of rows) {
      if (row.weeksBack < length) series[length - 1 - row.weeksBack] = (series[length - 1 - row.weeksBack] ?? 0) + row.units;
    }
    // An item younger than a week (a launch) would have no whole week and be forecast to sell
    // nothing: its days so far stand for one week at the rate they show.
    const young = length === 0 && days > 0;
    if (young) series.push((rows.reduce((sum, row) => sum + row.units, 0) * FORECAST_STEP_DAYS) / days);
    const protectionSteps = Math.ceil((fact.leadTimeDays + window.reviewDays) / FORECAST_STEP_DAYS);
    return {
      historyStart: young ? start : addDays(window.today, -length * FORECAST_STEP_DAYS),
      historyDays: young ? days : length * FORECAST_STEP_DAYS,
      job: {
        itemId: fact.itemId,
        series,
        horizon: Math.max(Math.ceil(window.horizonDays / FORECAST_STEP_DAYS), protectionSteps),
        seasonLength: series.length >= 2 * SEASON_STEPS ? SEASON_STEPS : 1,
        protectionSteps,
        spreadWindow: SPREAD_WINDOW_STEPS,
      },
    };
  });
}
