import type { Store } from '../ports.js';
import { ok, type Result } from '../result.js';
import { checkInteger } from '../validate.js';
import type { PlanningRun } from './ports.js';

export const DEFAULT_RUNS = 20;
export const MAX_RUNS = 100;

export interface PlanningRunList {
  /** Most recent first: status, when it started and finished, items forecast, suggestions, its settings and a failed run's error. */
  readonly items: readonly PlanningRun[];
}

/**
 * The latest planning runs (SPEC §7: the nightly forecast and replenishment run, and manual ones),
 * so a shop can see that the night's plan ran, under which settings, and why one failed.
 */
export async function listPlanningRuns(store: Store, query: { readonly limit?: number | undefined } = {}): Promise<Result<PlanningRunList>> {
  const bad = query.limit !== undefined ? checkInteger('limit', query.limit, 1, MAX_RUNS) : null;
  if (bad) return bad;
  const items = await store.read((tx) => tx.planning.latestRuns(query.limit ?? DEFAULT_RUNS));
  return ok({ items });
}
