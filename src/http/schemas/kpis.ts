import { Type } from '@fastify/type-provider-typebox';
import { MAX_ITEM_LIMIT, MAX_ITEM_OFFSET } from '../../app/get-kpis.js';
import { KPI_TABLES } from '../../app/kpi-csv.js';
import { ITEM_SORTS } from '../../domain/kpi/index.js';
import { IsoDate, List, Nullable, Sku } from './common.js';

export const KpiQuery = Type.Object(
  {
    from: Type.Optional(Type.String({ format: 'date', description: 'first day of the period, YYYY-MM-DD (UTC); default 30 days before until' })),
    until: Type.Optional(Type.String({ format: 'date', description: 'day after the period, YYYY-MM-DD (exclusive); default tomorrow' })),
    sku: Type.Optional(Type.Array(Sku, { maxItems: 200, description: 'restrict to these items: ?sku=A&sku=B' })),
    bucket: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { description: 'time series granularity' })),
    itemLimit: Type.Optional(Type.Integer({
      minimum: 0,
      maximum: MAX_ITEM_LIMIT,
      description: 'per-item rows to return (default: every item); 0 leaves them out. The overall, location and supplier figures cover every item all the same, and itemCount says how many there are',
    })),
    itemOffset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ITEM_OFFSET, description: 'per-item rows to skip first, in itemSort order (default 0): with itemLimit, pages through the breakdown' })),
    itemSort: Type.Optional(Type.Enum([...ITEM_SORTS], {
      description: 'order of the per-item rows (default sku): -unitsRequested the most asked-for first; unitFillRate the lowest first, items without demand last; daysOfSupply the stock that runs out soonest first, items with nothing on hand or no demand last. Ties by sku',
    })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv: one table of the report as CSV (see table)' })),
    table: Type.Optional(Type.Enum([...KPI_TABLES], { description: 'with format=csv: which table (default items)' })),
  },
  { additionalProperties: false },
);

const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }));

const Figures = {
  unitsRequested: Type.Integer(),
  unitFillRate: Rate,
  lineFillRate: Rate,
  backorderRate: Rate,
  lostUnits: Type.Integer(),
  lostRevenue: Type.Integer(),
  stockoutCount: Type.Integer(),
  stockoutHours: Type.Number(),
  inStockRate: Rate,
  backordersWaitingByAge: Type.Object({ '0-7': Type.Integer(), '8-14': Type.Integer(), '15-30': Type.Integer(), '>30': Type.Integer() }),
  timeToFillDays: Type.Object({ mean: Nullable(Type.Number()), p90: Nullable(Type.Number()) }),
  promisesKept: Type.Object({ kept: Type.Integer(), broken: Type.Integer(), rate: Rate }),
  inventoryTurnover: Nullable(Type.Number()),
  daysOfSupply: Nullable(Type.Number()),
};

export const KpiReport = Type.Object(
  {
    from: Type.String(),
    until: Type.String(),
    bucket: Type.Union([Type.Literal('day'), Type.Literal('week')]),
    overall: Type.Object({ ...Figures, orders: Type.Integer(), orderFillRate: Rate }),
    items: List(Type.Object({ sku: Type.String(), name: Type.String(), abcClass: Type.Union([Type.Literal('A'), Type.Literal('B'), Type.Literal('C')]), ...Figures })),
    itemCount: Type.Integer({ minimum: 0, description: 'items the report covers (every one counts in overall and suppliers), whichever have a row in items' }),
    locations: List(Type.Object({
      location: Type.String(),
      name: Type.String(),
      active: Type.Boolean(),
      items: Type.Integer(),
      unitsShipped: Type.Integer(),
      unitsReceived: Type.Integer(),
      stockoutCount: Type.Integer(),
      stockoutHours: Type.Number(),
      inStockRate: Rate,
      onHandAtEnd: Type.Integer(),
      inventoryTurnover: Nullable(Type.Number()),
      daysOfSupply: Nullable(Type.Number()),
    }, { description: "each location's shelves; fill rates and lost demand are network-wide (see definitions.locations)" })),
    suppliers: List(Type.Object({ supplier: Type.String(), items: Type.Integer(), ...Figures })),
    series: List(Type.Object({
      bucket: IsoDate,
      requested: Type.Integer(),
      allocatedAtPlacement: Type.Integer(),
      unitFillRate: Rate,
      lost: Type.Integer(),
      lostRevenue: Type.Integer(),
    })),
    definitions: Type.Record(Type.String(), Type.String(), { description: 'what each figure means, shown beside it' }),
  },
  { title: 'KpiReport' },
);
