import type { DemandDay } from './demand-buckets.js';
import type { DailyUnits } from './daily-series.js';
import type { ForecastOutcome } from './forecast-job.js';
import type { PlanningSettings } from './planning-settings.js';

/** What the planning use cases need from storage, reached as `tx.planning` (SPEC §7). */
export interface PlanningRecords {
  /** Each item's demand per day in [from, until): orders by what they got at placement, lost units, imported history, subscriptions. */
  demandDays(query: DemandQuery): Promise<ItemDemandDay[]>;
  /** Each item's units asked for per day in [from, until), every source but subscriptions. */
  demandUnits(query: DemandQuery): Promise<ItemDailyUnits[]>;
  /**
   * The same units summed in the database into 7-day weeks counted back from `until`
   * (week 0 = the seven days before it): what forecasts read, a seventh of the rows.
   */
  demandWeeks(query: DemandQuery): Promise<ItemDemandWeek[]>;

  /** The day (YYYY-MM-DD) of each item's first order line, for the items that have one. */
  firstOrderDays(itemIds: readonly number[]): Promise<Map<number, string>>;
  /** Imported history rows of these items between two days (inclusive), for counting what an import changes. */
  importedHistory(itemIds: readonly number[], from: string, to: string): Promise<DemandHistoryRow[]>;
  /** Sets the imported quantity of each (item, location, day), adding rows that are new. */
  upsertDemandHistory(rows: readonly DemandHistoryRow[]): Promise<void>;

  /** Replaces the stored forecasts of these items. */
  saveForecasts(forecasts: readonly ForecastRecord[]): Promise<void>;
  forecastsOf(itemIds: readonly number[]): Promise<ForecastRecord[]>;

  /** What planning needs to know of items (all, or these), by id: stock position, lead time, preferred supplier. */
  planningFacts(filter: PlanningFactFilter): Promise<PlanningFact[]>;

  /**
   * Records the start of a planning run. A nightly run is claimed once per day across every
   * process sharing the database: a second claim of the same day returns null, unless the first
   * failed (or was stopped) or is still `running` and started before `staleBefore` (its process
   * died mid-run), in which case this claim takes it over and returns its id. The run records
   * the settings it plans under.
   */
  claimRun(trigger: RunTrigger, day: string, staleBefore?: string, settings?: PlanningSettings): Promise<number | null>;
  finishRun(id: number, outcome: RunOutcome): Promise<void>;
  /** The most recent runs first (by when they were first claimed, i.e. by id), those before `beforeId` when given. */
  latestRuns(limit: number, beforeId?: number): Promise<PlanningRun[]>;
}

export interface DemandQuery {
  readonly itemIds: readonly number[];
  /** First day, inclusive (`YYYY-MM-DD`). */
  readonly from: string;
  /** Last day, exclusive. */
  readonly until: string;
  /** Only what is known to concern this location: units allocated there at placement and history imported for it. */
  readonly locationId?: number | undefined;
}

export interface ItemDemandDay extends DemandDay {
  readonly itemId: number;
}

export interface ItemDailyUnits extends DailyUnits {
  readonly itemId: number;
}

export interface ItemDemandWeek {
  readonly itemId: number;
  /** 0 for the seven days before `until`, 1 for the seven before those, … */
  readonly weeksBack: number;
  readonly units: number;
  /** The earliest day in the week with a row (demand or a recorded zero). */
  readonly firstDay: string;
}

export interface DemandHistoryRow {
  readonly itemId: number;
  readonly locationId: number | null;
  readonly day: string;
  readonly quantity: number;
}

/** A stored forecast: the worker's outcome plus where its history and horizon lie. */
export interface ForecastRecord extends ForecastOutcome {
  /** First day of the history it was fitted on, and how many days that history had. */
  readonly historyStart: string;
  readonly historyDays: number;
  /** The day of the first forecast step; steps are days. */
  readonly startDay: string;
  readonly horizonDays: number;
  /** Lead time plus review period the lead-time back-test summed over. */
  readonly protectionDays: number;
  readonly computedAt: string;
}

export interface PlanningFactFilter {
  readonly itemIds?: readonly number[];
  /** Leave discontinued items out. */
  readonly activeOnly?: boolean;
}

/** An item's figures for planning (SPEC §2 network figures; `incoming` counts sent purchase orders only). */
export interface PlanningFact {
  readonly itemId: number;
  readonly sku: string;
  readonly name: string;
  readonly unitCost: number;
  readonly discontinued: boolean;
  /** The day the item was created. */
  readonly createdDay: string;
  readonly onHand: number;
  readonly allocated: number;
  readonly incoming: number;
  readonly backordered: number;
  /** Units on draft purchase orders (not yet supply). */
  readonly drafted: number;
  /** The preferred link's lead time, else its supplier's, else the item's. */
  readonly leadTimeDays: number;
  readonly supplier: PreferredSupplier | null;
}

export interface PreferredSupplier {
  readonly id: number;
  readonly code: string;
  readonly moq: number;
  readonly packSize: number;
  readonly unitCost: number;
}

export type RunTrigger = 'nightly' | 'manual';

export interface RunOutcome {
  readonly status: 'finished' | 'failed';
  readonly items: number;
  readonly suggestions: number;
  readonly error: string | null;
}

export interface PlanningRun {
  readonly id: number;
  readonly trigger: RunTrigger;
  readonly day: string;
  readonly status: 'running' | 'finished' | 'failed';
  readonly items: number;
  readonly suggestions: number;
  readonly error: string | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** The settings the run planned under; null for a run recorded before they were kept. */
  readonly settings: PlanningSettings | null;
}
