import { abcClasses, type AbcClass } from './abc-class.js';
import { AGE_BUCKETS, ageBucket, type AgeBucket } from './age-buckets.js';
import { firstFills } from './first-fills.js';
import { EVERY_ITEM, selectItems, type ItemSelection, type ItemSort } from './item-selection.js';
import type { DailyBalances, ItemFacts, KpiFacts, LocationFacts } from './kpi-facts.js';
import { weightedMean, weightedPercentile } from './percentile.js';
import { promiseOutcome } from './promise-outcome.js';
import { summariseStockouts } from './stockouts.js';

export interface KpiFigures {
  readonly unitsRequested: number;
  readonly unitFillRate: number | null;
  readonly lineFillRate: number | null;
  readonly backorderRate: number | null;
  readonly lostUnits: number;
  readonly lostRevenue: number;
  readonly stockoutCount: number;
  readonly stockoutHours: number;
  readonly inStockRate: number | null;
  readonly backordersWaitingByAge: Readonly<Record<AgeBucket, number>>;
  readonly timeToFillDays: { readonly mean: number | null; readonly p90: number | null };
  readonly promisesKept: { readonly kept: number; readonly broken: number; readonly rate: number | null };
  readonly inventoryTurnover: number | null;
  readonly daysOfSupply: number | null;
}

export interface ItemKpis extends KpiFigures {
  readonly sku: string;
  readonly name: string;
  readonly abcClass: AbcClass;
}

/** A location's shelves over the period: availability of what it holds, flow through it, turnover. */
export interface LocationKpis {
  readonly location: string;
  readonly name: string;
  readonly active: boolean;
  /** Stock levels (items) held there during the period. */
  readonly items: number;
  readonly unitsShipped: number;
  readonly unitsReceived: number;
  readonly stockoutCount: number;
  readonly stockoutHours: number;
  readonly inStockRate: number | null;
  readonly onHandAtEnd: number;
  readonly inventoryTurnover: number | null;
  readonly daysOfSupply: number | null;
}

export interface Kpis {
  readonly from: string;
  readonly until: string;
  readonly overall: KpiFigures & { readonly orderFillRate: number | null; readonly orders: number };
  /** The items `ItemSelection` asked for (every item by default). */
  readonly items: readonly ItemKpis[];
  /** How many items the report covers: every item's figures count in `overall`, whichever have a row. */
  readonly itemCount: number;
  /** Each location's shelves (see LocationKpis); demand is network-wide, so it has no fill rates of its own. */
  readonly locations: readonly LocationKpis[];
  /** The same figures over each preferred supplier's items. */
  readonly suppliers: readonly (KpiFigures & { readonly supplier: string; readonly items: number })[];
  readonly series: readonly { readonly bucket: string; readonly requested: number; readonly allocatedAtPlacement: number; readonly unitFillRate: number | null; readonly lost: number; readonly lostRevenue: number }[];
}

/** Definitions printed beside every figure (SPEC §8). */
export const KPI_DEFINITIONS: Readonly<Record<string, string>> = {
  unitFillRate: 'Units allocated from stock at the moment the order was placed ÷ units ordered.',
  lineFillRate: 'Order lines fully allocated from stock at placement ÷ order lines.',
  orderFillRate: 'Orders whose every line was fully allocated at placement ÷ orders placed (rejected orders count, a rejected order placed again under the same externalId once, as its latest attempt); filtered by sku, the orders with a line for one of those items.',
  backorderRate: 'Units backordered at placement ÷ units ordered.',
  lostUnits: 'Units asked for and not accepted: rejected orders and lines cut for want of stock. A rejected order placed again under the same externalId counts once, as its latest attempt (on the day that attempt was placed).',
  lostRevenue: 'Lost units × the unit price at the time (minor currency units).',
  stockoutCount: 'Times the available units of an item fell to zero during the period.',
  stockoutHours: 'Hours during the period, up to now when it runs on, in which an item had no available units.',
  inStockRate: 'Share of the period, up to now when it runs on, in which an item had available units (item-time weighted overall).',
  backordersWaitingByAge: 'Units still waiting at the end of the period, by calendar days since the order was placed (0–7, 8–14, 15–30, >30), as the backorder queue counts them.',
  timeToFillDays:
    'Days each backordered unit waited, from the order’s placement (or from the stock count that returned it to the queue) to its first allocation from stock, unit-weighted (mean and 90th percentile), for first allocations during the period. Each unit counts once: units a count took back and the queue allocated again are not counted again.',
  promisesKept:
    'Backordered lines whose first ETA falls in the period (and has passed): kept when nothing of the line was waiting at the end of that day, broken when units still waited; kept ÷ (kept + broken). Later allocations, counts and cancellations do not change the outcome; a line whose waiting units were all cancelled before then is not counted.',
  inventoryTurnover:
    'Cost of units shipped in the period ÷ average on-hand value: the mean of the daily closing on-hand balances at unit cost, over the days of the period up to today, from an item’s creation when it came later.',
  daysOfSupply: 'On-hand units at the end of the period (or now) ÷ average units ordered per day in the period so far (from an item’s creation when it came later).',
  abcClass: 'A: items making up the first 80% of ordered revenue in the period; B: the next 15%; C: the rest. Filtered by sku, among those items.',
  locations:
    'Per location: orders are placed against the whole network and allocated by location priority, so fill rates, lost demand and backorders are network-wide (overall, per item, per supplier); a location is measured by its shelves.',
  locationItems: 'Items with a stock level at the location during the period.',
  locationStockoutCount: "Times an item's available units at the location (on hand − allocated there) fell to zero during the period.",
  locationStockoutHours: 'Item-hours during the period in which an item held at the location had no available units there.',
  locationInStockRate: 'Share of item-time, over the items held at the location, with available units there.',
  unitsShipped: 'Units shipped from the location in the period.',
  unitsReceived: 'Units received into the location from purchase orders in the period (transfers and counts not included).',
  locationInventoryTurnover: 'Cost of units shipped from the location ÷ its average on-hand value (the mean of its daily closing on-hand balances at unit cost, over the days of the period up to today).',
  locationDaysOfSupply: 'On-hand units at the location at the end of the period ÷ average units shipped from it per day in the period so far (from its first stock level when that came later).',
};

const HOUR_MS = 3_600_000;

/**
 * Turns a period's raw facts into the KPIs of SPEC §8, overall and per item. Pure. Only the items
 * `selection` picks get a row, and only theirs are computed: the overall, supplier and ABC figures
 * come from the facts of every item, so a page of 50 of 50,000 items costs 50 items' figures.
 */
export function computeKpis(facts: KpiFacts, selection: ItemSelection = EVERY_ITEM): Kpis {
  const classes = abcClasses(new Map(facts.items.map((i) => [i.sku, i.revenueRequested])));
  const page = selectItems(facts.items, selection, sortKey(selection.sort, facts));
  const items = page.map((item) => ({ sku: item.sku, name: item.name, abcClass: classes.get(item.sku) ?? 'C', ...figures([item], facts) }));
  const orders = facts.orders.placed;
  const bySupplier = new Map<string, ItemFacts[]>();
  for (const item of facts.items) {
    if (item.supplier === null) continue;
    const own = bySupplier.get(item.supplier);
    if (own) own.push(item);
    else bySupplier.set(item.supplier, [item]);
  }
  return {
    from: facts.from,
    until: facts.until,
    overall: {
      ...figures(facts.items, facts),
      orders,
      orderFillRate: ratio(facts.orders.fullyAllocated, orders),
    },
    items,
    itemCount: facts.items.length,
    locations: facts.locations.map((location) => locationKpis(location, facts)),
    suppliers: [...bySupplier.keys()].sort().map((supplier) => {
      const own = bySupplier.get(supplier) ?? [];
      return { supplier, items: own.length, ...figures(own, facts) };
    }),
    series: facts.series.map((s) => ({ bucket: s.bucket, requested: s.requested, allocatedAtPlacement: s.allocatedAtPlacement, unitFillRate: ratio(s.allocatedAtPlacement, s.requested), lost: s.lost, lostRevenue: s.lostRevenue })),
  };
}

/**
 * An item's place in the breakdown's order (see ITEM_SORTS), taken from the same formulas as its
 * figures so the order always agrees with the rows.
 */
function sortKey(sort: ItemSort, facts: KpiFacts): (item: ItemFacts) => number | null {
  switch (sort) {
    case 'sku':
      return () => null;
    case '-unitsRequested':
      return (item) => -item.unitsRequested;
    case 'unitFillRate':
      return (item) => ratio(item.unitsAllocatedAtPlacement, item.unitsRequested);
    case 'daysOfSupply':
      return (item) => {
        const days = daysOfSupply([item], facts);
        return days === null || days <= 0 ? null : days;
      };
  }
}

/** The end of observed time in the period: its end, or now when the period runs on past it. */
function observedEnd(facts: KpiFacts): string {
  return facts.asOf !== undefined && facts.asOf < facts.until ? facts.asOf : facts.until;
}

/** When an item (or a stock level) is observed from in the period: its start, or the item's creation if later. */
function observedStart(subject: { readonly since: string }, facts: KpiFacts): string {
  return subject.since > facts.from ? subject.since : facts.from;
}

/** How long an item (or a stock level) was observed in the period (see observedStart and observedEnd). */
function observedMs(subject: { readonly since: string }, facts: KpiFacts): number {
  return Math.max(0, Date.parse(observedEnd(facts)) - Date.parse(observedStart(subject, facts)));
}

function figures(items: readonly ItemFacts[], facts: KpiFacts): KpiFigures {
  const sum = (pick: (i: ItemFacts) => number) => items.reduce((total, item) => total + pick(item), 0);
  const requested = sum((i) => i.unitsRequested);
  const end = observedEnd(facts);
  const stockouts = items.map((i) => ({ item: i, summary: summariseStockouts(i.stockouts, observedStart(i, facts), end) }));
  const totalMs = sum((i) => observedMs(i, facts));
  const outMs = stockouts.reduce((total, s) => total + s.summary.durationMs, 0);
  const waiting = Object.fromEntries(AGE_BUCKETS.map((b) => [b, 0])) as Record<AgeBucket, number>;
  for (const item of items) for (const w of item.waitingByAgeDays) waiting[ageBucket(w.ageDays)] += w.units;
  const fills = items
    .flatMap((i) => i.filledLines.flatMap((line) => firstFills(line)))
    .filter((f) => f.at >= facts.from && f.at < facts.until)
    .map((f) => ({ value: f.days, weight: f.units }));
  const outcomes = items.flatMap((i) => i.promisedLines.filter((line) => isDueIn(line.firstEta, facts)).map((line) => promiseOutcome(line, end)));
  const kept = outcomes.filter((o) => o === 'kept').length;
  const broken = outcomes.filter((o) => o === 'broken').length;
  const cogs = sum((i) => i.unitsShipped * i.unitCost);
  const averageValue = averageOf(items.map((i) => ({ balances: i.dailyOnHand, unitCost: i.unitCost })));
  return {
    unitsRequested: requested,
    unitFillRate: ratio(sum((i) => i.unitsAllocatedAtPlacement), requested),
    lineFillRate: ratio(sum((i) => i.linesFullyAllocated), sum((i) => i.lines)),
    backorderRate: ratio(sum((i) => i.unitsBackorderedAtPlacement), requested),
    lostUnits: sum((i) => i.lostUnits),
    lostRevenue: sum((i) => i.lostRevenue),
    stockoutCount: stockouts.reduce((total, s) => total + s.summary.count, 0),
    stockoutHours: round(outMs / HOUR_MS, 2),
    inStockRate: totalMs === 0 ? null : round(1 - outMs / totalMs, 4),
    backordersWaitingByAge: waiting,
    timeToFillDays: { mean: roundOrNull(weightedMean(fills), 2), p90: roundOrNull(weightedPercentile(fills, 0.9), 2) },
    promisesKept: { kept, broken, rate: ratio(kept, kept + broken) },
    inventoryTurnover: averageValue === 0 ? null : round(cogs / averageValue, 3),
    daysOfSupply: daysOfSupply(items, facts),
  };
}

/** On-hand units at the end ÷ units ordered per day; a group of items is measured from the first of them to exist in the period. */
function daysOfSupply(items: readonly ItemFacts[], facts: KpiFacts): number | null {
  let requested = 0;
  let onHand = 0;
  let longestMs = 0;
  for (const item of items) {
    requested += item.unitsRequested;
    onHand += item.onHandAtEnd;
    longestMs = Math.max(longestMs, observedMs(item, facts));
  }
  const days = longestMs / (24 * HOUR_MS);
  const dailyDemand = days > 0 ? requested / days : 0;
  return dailyDemand === 0 ? null : round(onHand / dailyDemand, 1);
}

/** True when a promise date (`YYYY-MM-DD`) falls on a day of the period. */
function isDueIn(day: string, facts: KpiFacts): boolean {
  return day >= facts.from.slice(0, 10) && day < facts.until.slice(0, 10);
}

/**
 * Average on-hand value of stocks over the period: their daily closing balances at unit cost,
 * added up and divided by the days of the longest-lived (a stock that did not exist yet held
 * nothing). For one stock, the mean of its own days.
 */
function averageOf(stocks: readonly { readonly balances: DailyBalances; readonly unitCost: number }[]): number {
  const days = stocks.reduce((longest, s) => Math.max(longest, s.balances.days), 0);
  return days === 0 ? 0 : stocks.reduce((total, s) => total + s.balances.sum * s.unitCost, 0) / days;
}

function locationKpis(location: LocationFacts, facts: KpiFacts): LocationKpis {
  let count = 0;
  let outMs = 0;
  let totalMs = 0;
  let longestMs = 0;
  const end = observedEnd(facts);
  for (const level of location.levels) {
    const summary = summariseStockouts(level.stockouts, observedStart(level, facts), end);
    const levelMs = observedMs(level, facts);
    count += summary.count;
    outMs += summary.durationMs;
    totalMs += levelMs;
    longestMs = Math.max(longestMs, levelMs);
  }
  const days = longestMs / (24 * HOUR_MS);
  const dailyShipped = days > 0 ? location.unitsShipped / days : 0;
  const averageValue = averageOf(location.levels.map((level) => ({ balances: level.dailyOnHand, unitCost: level.unitCost })));
  return {
    location: location.code,
    name: location.name,
    active: location.active,
    items: location.levels.length,
    unitsShipped: location.unitsShipped,
    unitsReceived: location.unitsReceived,
    stockoutCount: count,
    stockoutHours: round(outMs / HOUR_MS, 2),
    inStockRate: totalMs === 0 ? null : round(1 - outMs / totalMs, 4),
    onHandAtEnd: location.onHandAtEnd,
    inventoryTurnover: averageValue === 0 ? null : round(location.costShipped / averageValue, 3),
    daysOfSupply: dailyShipped === 0 ? null : round(location.onHandAtEnd / dailyShipped, 1),
  };
}

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : round(part / whole, 4);
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function roundOrNull(value: number | null, digits: number): number | null {
  return value === null ? null : round(value, digits);
}
