import { refreshPastPromises } from '../app/refresh-past-promises.js';
import type { Store } from '../app/ports.js';
import type { WorkerLog } from './dispatcher.js';
import { startPeriodicTask, type PeriodicTask } from './periodic-task.js';

export type PromiseRefresh = PeriodicTask;

/**
 * Refreshes promise dates that have passed (refreshPastPromises) soon after start and then every
 * `intervalMs`, so an overdue purchase order or a lapsed estimate never shows a customer a date in
 * the past for longer than that. Finding none is one indexed read. The timer does not keep the
 * process alive.
 */
export function startPromiseRefresh(store: Store, intervalMs: number, log: WorkerLog): PromiseRefresh {
  return startPeriodicTask(() => refreshPastPromises(store), intervalMs, log, 'refreshing past promise dates failed');
}
