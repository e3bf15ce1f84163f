import type { FilledLine } from './first-fills.js';
import type { PromisedLine } from './promise-outcome.js';
import type { StockoutInterval } from './stockouts.js';

/**
 * A stock's closing on-hand balance at the end of each day it existed in the period (today's is
 * the balance now): how many days, and the balances added up.
 */
export interface DailyBalances {
  readonly days: number;
  readonly sum: number;
}

/** Raw aggregates for one period, read from the ledger and order history (the input of KPIs). */
export interface KpiFacts {
  readonly from: string;
  readonly until: string;
  /**
   * Where observed time ends: min(until, now). Time after it has not happened, so stockout hours,
   * in-stock rates and daily rates stop there (default until, a period wholly past).
   */
  readonly asOf?: string;
  readonly items: readonly ItemFacts[];
  /** The same period seen from each location's shelves (every location, active or not). */
  readonly locations: readonly LocationFacts[];
  /** Orders placed in the period, and how many of them had every unit allocated at once. */
  readonly orders: { readonly placed: number; readonly fullyAllocated: number };
  /** Per time bucket: units asked for, allocated at placement, lost. */
  readonly series: readonly { readonly bucket: string; readonly requested: number; readonly allocatedAtPlacement: number; readonly lost: number; readonly lostRevenue: number }[];
}

export interface ItemFacts {
  readonly sku: string;
  readonly name: string;
  /** Code of the item's preferred supplier, if it has one. */
  readonly supplier: string | null;
  readonly unitPrice: number;
  readonly unitCost: number;
  /** When the item's history starts inside the period (created later than `from`). */
  readonly since: string;
  readonly unitsRequested: number;
  readonly revenueRequested: number;
  readonly unitsAllocatedAtPlacement: number;
  readonly unitsBackorderedAtPlacement: number;
  readonly lines: number;
  readonly linesFullyAllocated: number;
  readonly lostUnits: number;
  readonly lostRevenue: number;
  /** Stretches with no available units that overlap the period. */
  readonly stockouts: readonly StockoutInterval[];
  readonly waitingByAgeDays: readonly { readonly ageDays: number; readonly units: number }[];
  /** Lines with units allocated from the queue during the period, each with its queue history. */
  readonly filledLines: readonly FilledLine[];
  /** Lines whose first ETA falls in the period and had passed by `asOf`, each with its queue history. */
  readonly promisedLines: readonly PromisedLine[];
  readonly unitsShipped: number;
  readonly onHandAtEnd: number;
  readonly dailyOnHand: DailyBalances;
}

/**
 * One location's stock over the period. Orders are placed against the whole network (allocation
 * picks locations by priority), so a location has no demand of its own: its facts are its stock
 * levels' availability, what it shipped and received, and what it held.
 */
export interface LocationFacts {
  readonly code: string;
  readonly name: string;
  readonly active: boolean;
  /**
   * Each stock level (item) held there: when it first existed, its stretches with nothing
   * available, its item's unit cost and its daily on-hand balances.
   */
  readonly levels: readonly {
    readonly since: string;
    readonly stockouts: readonly StockoutInterval[];
    readonly unitCost: number;
    readonly dailyOnHand: DailyBalances;
  }[];
  readonly unitsShipped: number;
  /** Shipped units at the items' unit cost. */
  readonly costShipped: number;
  readonly unitsReceived: number;
  readonly onHandAtEnd: number;
}
