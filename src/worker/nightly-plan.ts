import { DEFAULT_PLANNING_SETTINGS, type PlanningSettings } from '../app/planning/planning-settings.js';
import { runPlanning, type PlanningRunReport } from '../app/planning/run-planning.js';
import type { Store } from '../app/ports.js';
import type { Result } from '../app/result.js';
import { createForecastPool, type ForecastPool } from './forecast-pool.js';

export interface NightlyPlanningOptions {
  readonly store: Store;
  /** Hour of the day (UTC, 0–23) at which the run starts. */
  readonly hour: number;
  /** Worker threads to forecast in; by default a pool of one thread per core, made for each run and ended after it. */
  readonly pool?: ForecastPool | undefined;
  /** What the run plans under (default DEFAULT_PLANNING_SETTINGS; a deployment sets them with planningSettingsFromEnv, app/planning/planning-settings-from-env.ts). */
  readonly settings?: PlanningSettings | undefined;
  readonly clock?: (() => Date) | undefined;
  /**
   * Milliseconds after starting at which a run of today is caught up when the process starts
   * after `hour` (default CATCH_UP_DELAY_MS; null for none): a process that was down at the hour,
   * or whose run of today died or was stopped, still plans today. A run that finished is not
   * repeated: the day's claim decides.
   */
  readonly catchUpDelayMs?: number | null | undefined;
  /**
   * Waits before each retry of a failed run (default RETRY_DELAYS_MS): a database that was briefly
   * down, or a worker thread that died, would otherwise leave the day unplanned until the next
   * night or a restart. Retries stop when one succeeds or the list runs out.
   */
  readonly retryDelaysMs?: readonly number[] | undefined;
  /** Where a failed run is reported (default stderr as one JSON line). */
  readonly log?: ((message: string, details: Record<string, unknown>) => void) | undefined;
}

export interface NightlyPlanning {
  /** When the next scheduled run starts. */
  nextRunAt(): Date;
  /** Runs tonight's run now (a no-op answering null when today's has already been claimed by any process). */
  runNow(): Promise<Result<PlanningRunReport | null>>;
  /** Cancels the schedule, stops a run in progress after its current batch (recorded as failed) and waits for that. */
  stop(): Promise<void>;
}

/** A minute: startup is not slowed by a catch-up, and a process restarted at once does not plan twice. */
export const CATCH_UP_DELAY_MS = 60_000;

/** Retries of a failed run: after 5 minutes, then 20, then an hour, then 3 hours. */
export const RETRY_DELAYS_MS: readonly number[] = [5 * 60_000, 20 * 60_000, 3_600_000, 3 * 3_600_000];

const stderrLog = (message: string, details: Record<string, unknown>) =>
  process.stderr.write(`${JSON.stringify({ level: 'error', msg: message, ...details })}\n`);

/**
 * Schedules the nightly planning run (SPEC §7: forecast every item in worker threads, then plan
 * them) every day at `hour` UTC. Every process of a deployment may schedule it: the run of a day
 * is claimed in the database, so exactly one process does it. The timer does not keep the
 * process alive. Started after the hour, it catches today up a minute later (see catchUpDelayMs);
 * a run that died, or was stopped by a shutdown, is taken over then. A run that fails is retried
 * after RETRY_DELAYS_MS (see retryDelaysMs), taking the failed run over.
 */
export function startNightlyPlanning(options: NightlyPlanningOptions): NightlyPlanning {
  if (!Number.isInteger(options.hour) || options.hour < 0 || options.hour > 23) {
    throw new RangeError(`hour must be a whole number from 0 to 23, got ${options.hour}`);
  }
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? stderrLog;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<Result<PlanningRunReport | null>> | null = null;
  let stopped = false;
  let next = nextOccurrence(clock(), options.hour);
  // Stopping aborts a run in progress between forecast batches, so a shutdown is not held up by it.
  const stopping = new AbortController();

  const run = async (): Promise<Result<PlanningRunReport | null>> => {
    const pool = options.pool ?? createForecastPool();
    try {
      return await runPlanning(options.store, { trigger: 'nightly', compute: pool.compute, settings: options.settings, signal: stopping.signal });
    } finally {
      if (options.pool === undefined) await pool.close();
    }
  };

  const once = (): Promise<Result<PlanningRunReport | null>> => {
    running ??= run().finally(() => {
      running = null;
    });
    return running;
  };

  // Failures in a row, which pick the wait before the next retry; a success starts over.
  const retryDelays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  let failures = 0;
  let retry: NodeJS.Timeout | null = null;

  const attempt = (): Promise<void> =>
    once()
      .then((result) => {
        if (result.ok) return true;
        log('nightly planning failed', { code: result.code, message: result.message });
        return false;
      })
      .catch((error: unknown) => {
        log('nightly planning failed', { error: error instanceof Error ? error.message : String(error) });
        return false;
      })
      .then((succeeded) => {
        if (succeeded) {
          failures = 0;
          return;
        }
        const delay = retryDelays[failures];
        failures++;
        if (stopped || delay === undefined) return;
        if (retry) clearTimeout(retry);
        // A retry claims the failed run again (runPlanning takes failed runs over).
        retry = setTimeout(() => {
          retry = null;
          if (!stopped) void attempt();
        }, delay);
        retry.unref();
      });

  const schedule = () => {
    if (stopped) return;
    next = nextOccurrence(clock(), options.hour);
    timer = setTimeout(() => {
      void attempt().finally(schedule);
    }, Math.max(0, next.getTime() - clock().getTime()));
    timer.unref();
  };
  schedule();

  // Started after today's hour: catch today up (the claim makes it a no-op when today's run finished).
  const catchUpDelay = options.catchUpDelayMs === undefined ? CATCH_UP_DELAY_MS : options.catchUpDelayMs;
  const startedAt = clock();
  const todayAtHour = Date.UTC(startedAt.getUTCFullYear(), startedAt.getUTCMonth(), startedAt.getUTCDate(), options.hour);
  let catchUp: NodeJS.Timeout | null = null;
  if (catchUpDelay !== null && startedAt.getTime() >= todayAtHour) {
    catchUp = setTimeout(() => {
      if (!stopped) void attempt();
    }, catchUpDelay);
    catchUp.unref();
  }

  return {
    nextRunAt: () => next,
    runNow: once,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (catchUp) clearTimeout(catchUp);
      if (retry) clearTimeout(retry);
      stopping.abort();
      await running?.catch(() => undefined);
    },
  };
}

/** The next time the clock shows `hour`:00 UTC, strictly after `now`. */
export function nextOccurrence(now: Date, hour: number): Date {
  const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), hour));
  if (at.getTime() <= now.getTime()) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}
