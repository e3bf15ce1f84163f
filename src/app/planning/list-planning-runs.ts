import { decodeCursor, isRowId, pageOf, type Page } from '../pagination.js';
import type { Store } from '../ports.js';
import { ok, type Result } from '../result.js';
import { checkInteger } from '../validate.js';
import type { PlanningRun } from './ports.js';

/** A page of runs is smaller than other lists' (a run a night): twenty is three weeks. */
export const DEFAULT_RUNS = 20;
export const MAX_RUNS = 100;

/**
 * Planning runs most recent first: status, when each started and finished, items forecast,
 * suggestions, its settings and a failed run's error; `nextCursor` goes on to older runs.
 */
export type PlanningRunList = Page<PlanningRun>;

export interface PlanningRunQuery {
  /** Runs on a page, 1 to MAX_RUNS (default DEFAULT_RUNS). */
  readonly limit?: number | undefined;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
}

/**
 * The latest planning runs (SPEC §7: the nightly forecast and replenishment run),
 * so a shop can see that the night's plan ran, under which settings, and why one failed. Pages
 * go back by run id, so a run started while paging never shifts or repeats a page.
 */
export async function listPlanningRuns(store: Store, query: PlanningRunQuery = {}): Promise<Result<PlanningRunList>> {
  const bad = query.limit !== undefined ? checkInteger('limit', query.limit, 1, MAX_RUNS) : null;
  if (bad) return bad;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_RUNS;
  const runs = await store.read((tx) => tx.planning.latestRuns(limit + 1, cursor.value));
  return ok(pageOf(runs, limit, (run) => run, (run) => run.id));
}
