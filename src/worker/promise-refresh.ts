import { refreshPastPromises } from '../app/refresh-past-promises.js';
import type { Store } from '../app/ports.js';
import type { WorkerLog } from './dispatcher.js';

export interface PromiseRefresh {
  /** Cancels the schedule and waits for a refresh in progress. */
  stop(): Promise<void>;
}

/**
 * Refreshes promise dates that have passed (refreshPastPromises) soon after start and then every
 * `intervalMs`, so an overdue purchase order or a lapsed estimate never shows a customer a date in
 * the past for longer than that. Finding none is one indexed read. The timer does not keep the
 * process alive.
 */
export function startPromiseRefresh(store: Store, intervalMs: number, log: WorkerLog): PromiseRefresh {
  let running: Promise<void> | null = null;
  const refresh = () => {
    running ??= refreshPastPromises(store)
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'refreshing past promise dates failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(refresh, Math.min(intervalMs, 1_000));
  const timer = setInterval(refresh, intervalMs);
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
