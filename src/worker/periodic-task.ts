import type { WorkerLog } from './dispatcher.js';

export interface PeriodicTask {
  /** Cancels the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `task` soon after start (within a second) and then every `intervalMs`, never two runs at
 * once; a failure is logged with `failure` and the next run goes on. The timers do not keep the
 * process alive.
 */
export function startPeriodicTask(task: () => Promise<unknown>, intervalMs: number, log: WorkerLog, failure: string): PeriodicTask {
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= task()
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, failure))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(run, Math.min(intervalMs, 1_000));
  const timer = setInterval(run, intervalMs);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
