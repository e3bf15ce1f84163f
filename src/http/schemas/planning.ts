import { Type } from '@fastify/type-provider-typebox';
import { DEFAULT_RUNS, MAX_RUNS } from '../../app/planning/list-planning-runs.js';
import { List, Nullable, PageQuery, Sku } from './common.js';
import { importReportFields } from './imports.js';

/**
 * Planning (SPEC §7): demand history, forecasts, replenishment and simulation. Kinds and ranges
 * are checked by the use cases, which name the field in plain words (a service level outside
 * (0, 1), an unknown policy); the schemas fix the JSON types.
 */

const Decimal = Type.String({ maxLength: 32, description: 'a decimal number, e.g. 0.95' });

/**
 * Planning settings in a query string (decimals as text). Each one left out is the shop's own
 * (RESTOCK_PLAN_*), else the built-in default named here.
 */
const settingsQuery = {
  service: Type.Optional(Type.String({ maxLength: 32, description: "fill-rate or cycle-service-level (default: the shop's RESTOCK_PLAN_SERVICE, else fill-rate)" })),
  serviceLevel: Type.Optional(Decimal),
  policy: Type.Optional(Type.String({ maxLength: 32, description: "order-up-to, eoq, eoq-planned-backorders or min-max (default: the shop's RESTOCK_PLAN_POLICY, else order-up-to)" })),
  reviewDays: Type.Optional(Type.Integer({ description: "review period of order-up-to, days (default: the shop's RESTOCK_PLAN_REVIEW_DAYS, else 7)" })),
  leadTimeModel: Type.Optional(Type.String({ maxLength: 32, description: "quantiles (the forecast's own distribution) or normal (default: the shop's RESTOCK_PLAN_LEAD_TIME_MODEL, else quantiles)" })),
  orderingCost: Type.Optional(Decimal),
  holdingRate: Type.Optional(Decimal),
  backorderCostRatio: Type.Optional(Type.String({ maxLength: 32, description: 'what a unit kept waiting costs per day, as a multiple of holding it (EOQ with planned backorders; default: the shop\'s setting, else 9)' })),
};

/** The same settings in a JSON body. */
const settingsBody = {
  service: Type.Optional(Type.String({ maxLength: 32 })),
  serviceLevel: Type.Optional(Type.Number({ description: 'target strictly between 0 and 1, e.g. 0.95' })),
  policy: Type.Optional(Type.String({ maxLength: 32 })),
  reviewDays: Type.Optional(Type.Integer()),
  leadTimeModel: Type.Optional(Type.String({ maxLength: 32 })),
  orderingCost: Type.Optional(Type.Number()),
  holdingRate: Type.Optional(Type.Number()),
  backorderCostRatio: Type.Optional(Type.Number()),
};

export const SkuParams = Type.Object({ sku: Sku }, { additionalProperties: false });

export const DemandQuery = Type.Object({
  bucket: Type.Optional(Type.String({ maxLength: 8, description: 'day (default), week (from Monday) or month' })),
  from: Type.Optional(Type.String({ maxLength: 10, description: 'first day, YYYY-MM-DD (default a year before `to`)' })),
  to: Type.Optional(Type.String({ maxLength: 10, description: 'last day, YYYY-MM-DD (default today)' })),
  location: Type.Optional(Sku),
}, { additionalProperties: false });

const DemandFigures = {
  allocated: Type.Integer({ description: 'units allocated from stock when ordered' }),
  backordered: Type.Integer({ description: 'units backordered when ordered' }),
  lost: Type.Integer({ description: 'units asked for and not accepted (rejected or cut)' }),
  imported: Type.Integer({ description: 'units from imported history' }),
  total: Type.Integer({ description: 'every unit asked for: the sum of the four above' }),
  subscriptions: Type.Integer({ description: 'back-in-stock requests (a separate signal, not in total)' }),
};

export const DemandHistory = Type.Object({
  sku: Type.String(),
  location: Nullable(Type.String()),
  scope: Type.String({ description: 'network, or location: only units allocated there at placement and history imported for it' }),
  bucket: Type.String(),
  from: Type.String(),
  to: Type.String(),
  buckets: List(Type.Object({ start: Type.String(), ...DemandFigures })),
  totals: Type.Object(DemandFigures),
}, { title: 'DemandHistory' });

export const DemandImportReport = Type.Object({
  ...importReportFields,
  created: Type.Integer({ description: '(sku, location, date) totals new to the history' }),
  skippedRows: Type.Integer({ description: 'rows left out under skipInvalid; skipped lists the first 1,000 of them' }),
}, { title: 'DemandImportReport' });

/** Days forecast, as `restock forecast --horizon`: the use case checks the range. */
const HorizonDays = Type.Integer({ description: 'days to forecast, 1 to 366 (default 91, shown in whole weeks); a longer one than stored is computed now' });

export const ForecastQuery = Type.Object({
  refresh: Type.Optional(Type.Boolean({ description: 'compute a new forecast now' })),
  horizonDays: Type.Optional(HorizonDays),
}, { additionalProperties: false });

export const Forecast = Type.Object({
  sku: Type.String(),
  method: Type.String(),
  demandClass: Type.String({ description: 'smooth, erratic, intermittent, lumpy or none (ADI 1.32, CV² 0.49)' }),
  adi: Nullable(Type.Number()),
  cv2: Type.Number(),
  computedAt: Type.String(),
  history: Type.Object({ start: Type.String(), days: Type.Integer() }),
  backtest: Type.Object({
    loss: Type.Number(),
    scores: List(Type.Object({ method: Type.String(), loss: Type.Number() })),
    leadTimeRmse: Nullable(Type.Number()),
    protectionDays: Type.Integer(),
    origins: Type.Integer(),
  }),
  stepDays: Type.Integer(),
  levels: List(Type.Number()),
  steps: List(Type.Object({ from: Type.String(), to: Type.String(), mean: Type.Number(), quantiles: List(Type.Number()) })),
}, { title: 'Forecast' });

export const ForecastRun = Type.Object({
  skus: Type.Optional(Type.Array(Sku, { minItems: 1, maxItems: 10_000, description: 'only these items (default every item not discontinued)' })),
  horizonDays: Type.Optional(HorizonDays),
}, { additionalProperties: false });

export const ForecastRunReport = Type.Object({
  items: Type.Integer(),
  startDay: Type.String(),
  methods: Type.Record(Type.String(), Type.Integer()),
  classes: Type.Record(Type.String(), Type.Integer()),
}, { title: 'ForecastRunReport' });

export const ReplenishmentQuery = Type.Object({
  ...settingsQuery,
  all: Type.Optional(Type.Boolean({ description: 'every item, not only those with something to order (a discontinued item is listed only while its waiting customers need an order)' })),
  limit: Type.Optional(Type.Integer({ description: 'at most this many (default 100)' })),
  cursor: Type.Optional(Type.String({ maxLength: 1024, description: 'the nextCursor of the previous page' })),
}, { additionalProperties: false });

export const PlanQuery = Type.Object(settingsQuery, { additionalProperties: false });

const Settings = Type.Object({
  service: Type.Object({ kind: Type.String(), target: Type.Number() }),
  policy: Type.String(),
  reviewPeriodDays: Type.Integer(),
  leadTimeModel: Type.String(),
  orderingCost: Type.Number(),
  holdingRate: Type.Number(),
  backorderCostRatio: Type.Number(),
});

export const Replenishment = Type.Object({
  sku: Type.String(),
  name: Type.String(),
  supplier: Nullable(Type.String({ description: 'the preferred supplier, whose MOQ and pack size apply' })),
  policy: Type.String(),
  service: Type.Object({ kind: Type.String(), target: Type.Number() }),
  leadTimeModel: Type.String(),
  leadTimeDays: Type.Integer(),
  reviewPeriodDays: Nullable(Type.Integer()),
  meanDemandPerDay: Type.Number(),
  leadTimeDemand: Type.Object({ mean: Type.Number(), sd: Nullable(Type.Number()) }),
  safetyStock: Type.Number(),
  plannedShortage: Type.Integer({ description: 'backlog accepted before each receipt (policy eoq-planned-backorders), which lowers the reorder point; else 0. Reorder point = lead-time demand mean + safety stock − planned shortage' }),
  reorderPoint: Type.Integer(),
  orderUpToLevel: Nullable(Type.Integer()),
  lotSize: Nullable(Type.Integer()),
  stock: Type.Object({ onHand: Type.Integer(), allocated: Type.Integer(), incoming: Type.Integer(), backordered: Type.Integer(), drafted: Type.Integer() }),
  inventoryPosition: Type.Integer(),
  requiredQuantity: Type.Integer(),
  suggestedQuantity: Type.Integer({ description: 'whole packs, at least the MOQ; 0 when nothing is due. A discontinued item: exactly the units customers wait for, less free stock and open purchase orders' }),
  minimumOrderQuantity: Type.Integer(),
  packSize: Type.Integer(),
  urgency: Type.Object({
    daysUntilStockout: Nullable(Type.Number({ description: 'free stock ÷ forecast daily demand' })),
    stockoutOn: Nullable(Type.String()),
    stockoutWithinLeadTime: Type.Boolean(),
  }),
  forecast: Nullable(Type.Object({ method: Type.String(), demandClass: Type.String(), computedAt: Type.String() })),
  explanation: List(Type.String()),
}, { title: 'Replenishment' });

export const ReplenishmentList = Type.Object({
  settings: Settings,
  items: List(Replenishment),
  total: Type.Integer(),
  nextCursor: Nullable(Type.String()),
  onDrafts: Type.Integer({ description: 'of total, items whose draft purchase orders hold all they need (send them; drafting skips these)' }),
  draftsShort: Type.Integer({ description: 'of total, items on draft purchase orders that fall short (drafting orders the rest on a new draft)' }),
  withoutForecast: Type.Integer(),
  problems: List(Type.Object({ sku: Type.String(), field: Nullable(Type.String()), message: Type.String() })),
}, { title: 'ReplenishmentList' });

export const DraftRequest = Type.Object({
  skus: Type.Optional(Type.Array(Sku, { maxItems: 10_000, description: 'only these items (default every item with something to order)' })),
  reference: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  ...settingsBody,
}, { additionalProperties: false });

/** 201 when at least one draft was made, 200 with empty `items` when none was (nothing due, or everything skipped). */
export const DraftResult = Type.Object({
  items: List(Type.Unknown({ description: 'a draft purchase order, as GET /purchase-orders/{id} shows it' })),
  skipped: List(Type.Object({ sku: Type.String(), suggestedQuantity: Type.Integer(), reason: Type.String() })),
  withoutForecast: Type.Integer({ minimum: 0, description: 'items planned without a forecast, as if nobody asked for them (run forecasts first); named items are forecast first' }),
}, { title: 'DraftPurchaseOrders' });

export const PlanningRunsQuery = Type.Object({
  cursor: PageQuery.cursor,
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RUNS, description: `runs on a page, 1 to ${MAX_RUNS} (default ${DEFAULT_RUNS})` })),
}, { additionalProperties: false });

export const PlanningRunList = Type.Object({
  items: List(Type.Object({
    id: Type.Integer(),
    trigger: Type.String({ description: 'nightly: the scheduled run, once a day (the only kind there is so far; listing or drafting suggestions records no run)' }),
    day: Type.String({ description: 'the day planned, YYYY-MM-DD' }),
    status: Type.String({ description: 'running, finished or failed' }),
    startedAt: Type.String(),
    finishedAt: Nullable(Type.String()),
    items: Type.Integer({ description: 'items forecast' }),
    suggestions: Type.Integer({ description: 'items to order now, leaving out those whose draft purchase orders already hold what they need' }),
    settings: Nullable(Settings),
    error: Nullable(Type.String({ description: 'why a failed run failed' })),
  }, { description: 'settings is null for a run recorded before they were kept' })),
  nextCursor: Nullable(Type.String({ description: 'pass as cursor for the older runs; null on the last page' })),
}, { title: 'PlanningRunList' });

const PolicyRequest = Type.Object({
  kind: Type.String({ maxLength: 16, description: 'current (the item\'s planned policy), s-Q, s-S, min-max or R-S' }),
  name: Type.Optional(Type.String({ maxLength: 100 })),
  reorderPoint: Type.Optional(Type.Integer()),
  orderQuantity: Type.Optional(Type.Integer()),
  orderUpTo: Type.Optional(Type.Integer()),
  min: Type.Optional(Type.Integer()),
  max: Type.Optional(Type.Integer()),
  reviewPeriod: Type.Optional(Type.Integer()),
  minimumOrderQuantity: Type.Optional(Type.Integer({ description: 'every order is at least this many units (the current plan: its supplier\'s MOQ unless given)' })),
  packSize: Type.Optional(Type.Integer({ description: 'every order is whole packs of this many units (the current plan: its supplier\'s pack size unless given)' })),
}, { additionalProperties: false });

export const SimulationRequest = Type.Object({
  sku: Type.Optional(Sku),
  demand: Type.Optional(Type.Object({
    kind: Type.String({ maxLength: 16, description: 'history (default: the item\'s daily demand), series, csv, normal, poisson or intermittent' }),
    days: Type.Optional(Type.Integer({ description: 'history: days back from yesterday (default 365)' })),
    values: Type.Optional(Type.Array(Type.Integer(), { description: 'series: demand per period' })),
    text: Type.Optional(Type.String({ description: 'csv: one period per row, the quantity in the last column' })),
    periods: Type.Optional(Type.Integer()),
    mean: Type.Optional(Type.Number()),
    sd: Type.Optional(Type.Number()),
    probability: Type.Optional(Type.Number()),
    sizeMean: Type.Optional(Type.Number()),
    sizeSd: Type.Optional(Type.Number()),
  }, { additionalProperties: false })),
  periodDays: Type.Optional(Type.Integer({ description: 'days per period of the demand: 1 (default) for daily demand, 7 for weekly totals; the item\'s lead time and the current plan\'s review period are converted to periods' })),
  leadTime: Type.Optional(Type.Union([
    Type.Integer({ description: 'in periods; default the item\'s lead time in days, converted to periods (rounded up, with a warning, when it does not divide)' }),
    Type.Array(Type.Object({ periods: Type.Integer(), probability: Type.Number() }, { additionalProperties: false })),
  ])),
  reviewPeriod: Type.Optional(Type.Integer({ description: 'for policies without their own (default 1)' })),
  mode: Type.Optional(Type.String({ maxLength: 16, description: 'backorder (default) or lost-sales' })),
  seed: Type.Optional(Type.Integer()),
  costs: Type.Optional(Type.Object({
    holdingCostPerUnitPeriod: Type.Optional(Type.Number()),
    orderingCost: Type.Optional(Type.Number()),
    backorderCostPerUnitPeriod: Type.Optional(Type.Number()),
    lostSaleCostPerUnit: Type.Optional(Type.Number()),
  }, { additionalProperties: false, description: 'minor currency units (cents), as every amount of the API; with a sku, those not given are the planner\'s: orderingCost, holdingRate of the unit cost, backorderCostRatio × holding, the unit price per lost sale' })),
  initialOnHand: Type.Optional(Type.Integer()),
  policies: Type.Array(PolicyRequest, { description: 'compared side by side on the same demand and lead times' }),
  settings: Type.Optional(Type.Object(settingsBody, { additionalProperties: false, description: 'how the current plan is made' })),
  trajectory: Type.Optional(Type.Boolean({ description: 'return the day-by-day stock (default when at most 3,660 periods)' })),
}, { additionalProperties: false });

const Units = Type.Object({
  demand: Type.Integer(), servedFromStock: Type.Integer(), servedFromBackorder: Type.Integer(), backorderedAtEnd: Type.Integer(), lost: Type.Integer(),
});

export const Simulation = Type.Object({
  sku: Nullable(Type.String()),
  periods: Type.Integer(),
  mode: Type.String(),
  seed: Type.Integer(),
  periodDays: Type.Integer({ description: 'days per period' }),
  leadTime: Type.Unknown({ description: 'in periods, as simulated' }),
  costs: Type.Object({
    orderingCost: Type.Number(), holdingCostPerUnitPeriod: Type.Number(), backorderCostPerUnitPeriod: Type.Number(), lostSaleCostPerUnit: Type.Number(),
    basis: Type.Immutable(Type.Array(Type.String(), { description: 'where each cost came from, money in major units' })),
  }, { description: 'the costs the run was priced with, minor currency units (cents)' }),
  warnings: Type.Immutable(Type.Array(Type.String(), { description: 'e.g. a lead time in days that does not divide into whole periods' })),
  demand: Type.Object({ kind: Type.String(), from: Nullable(Type.String()), total: Type.Integer(), meanPerPeriod: Type.Number() }),
  results: List(Type.Object({
    name: Type.String(),
    policy: Type.Unknown({ description: 'the policy as run (the current plan resolved to its numbers)' }),
    mode: Type.String(),
    periods: Type.Integer(),
    units: Units,
    fillRate: Nullable(Type.Number()),
    cycleServiceLevel: Nullable(Type.Number()),
    replenishmentCycles: Type.Integer(),
    averageOnHand: Type.Number(),
    averageBackorders: Type.Number(),
    stockoutPeriods: Type.Integer(),
    orders: Type.Integer(),
    cost: Type.Object({ holding: Type.Number(), ordering: Type.Number(), backorder: Type.Number(), lostSales: Type.Number(), total: Type.Number(), perPeriod: Type.Number() }, { description: 'minor currency units (cents)' }),
    trajectory: Nullable(Type.Object({
      onHand: List(Type.Number()), backorders: List(Type.Number()), onOrder: List(Type.Number()),
      demand: List(Type.Number()), served: List(Type.Number()), lost: List(Type.Number()),
      ordered: Type.Immutable(Type.Array(Type.Number(), { description: 'units ordered at each period\'s review: whole packs of at least the MOQ' })),
    })),
  })),
}, { title: 'Simulation' });
