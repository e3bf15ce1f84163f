import { dateOf } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { ok, type Result } from '../result.js';
import { listReplenishment } from './list-replenishment.js';
import { DEFAULT_PLANNING_SETTINGS, type PlanningSettings } from './planning-settings.js';
import type { RunTrigger } from './ports.js';
import { runForecasts, type ForecastComputer, type ForecastRunReport } from './run-forecasts.js';

export interface PlanningRunOptions {
  readonly trigger: RunTrigger;
  readonly compute?: ForecastComputer | undefined;
  readonly settings?: PlanningSettings | undefined;
  readonly onProgress?: ((done: number, total: number) => void) | undefined;
  /** Stops the run between forecast batches, recording it as failed (see runForecasts). */
  readonly signal?: AbortSignal | undefined;
}

export interface PlanningRunReport extends ForecastRunReport {
  readonly runId: number;
  /** Items the plan says to order now, leaving out those a draft purchase order already covers. */
  readonly suggestions: number;
}

/**
 * A nightly run still `running` this long after it started lost its process (a run of 10,000
 * items takes about a minute); the next process that schedules the day takes it over.
 */
export const STALE_RUN_MS = 6 * 3_600_000;

/**
 * A planning run: forecast every active item, then plan them all and count what needs ordering,
 * recorded in planning_runs with the settings it planned under. A nightly run happens once a day however many processes schedule
 * it: when another process already claimed today's, this returns null and does nothing (unless
 * that run failed or was stopped, or is still running after STALE_RUN_MS: then this run takes
 * it over).
 */
export async function runPlanning(store: Store, options: PlanningRunOptions): Promise<Result<PlanningRunReport | null>> {
  const settings = options.settings ?? DEFAULT_PLANNING_SETTINGS;
  const runId = await store.transaction((tx) => {
    const now = new Date(tx.now);
    return tx.planning.claimRun(options.trigger, dateOf(now), new Date(now.getTime() - STALE_RUN_MS).toISOString(), settings);
  });
  if (runId === null) return ok(null);
  try {
    const forecasts = await runForecasts(store, { compute: options.compute, reviewDays: settings.reviewPeriodDays, onProgress: options.onProgress, signal: options.signal });
    if (!forecasts.ok) {
      await finish(store, runId, { status: 'failed', items: 0, suggestions: 0, error: forecasts.message });
      return forecasts;
    }
    const plan = await listReplenishment(store, {
      settings: {
        service: settings.service.kind, serviceLevel: settings.service.target, policy: settings.policy, reviewDays: settings.reviewPeriodDays,
        leadTimeModel: settings.leadTimeModel, orderingCost: settings.orderingCost, holdingRate: settings.holdingRate,
        backorderCostRatio: settings.backorderCostRatio,
      },
      limit: 1,
    });
    if (!plan.ok) {
      await finish(store, runId, { status: 'failed', items: forecasts.value.items, suggestions: 0, error: plan.message });
      return plan;
    }
    // Items their drafts already cover need sending, not ordering again.
    const suggestions = plan.value.total - plan.value.onDrafts;
    await finish(store, runId, { status: 'finished', items: forecasts.value.items, suggestions, error: null });
    return ok({ ...forecasts.value, runId, suggestions });
  } catch (error) {
    await finish(store, runId, { status: 'failed', items: 0, suggestions: 0, error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  }
}

function finish(store: Store, runId: number, outcome: { status: 'finished' | 'failed'; items: number; suggestions: number; error: string | null }): Promise<void> {
  return store.transaction((tx) => tx.planning.finishRun(runId, outcome));
}
