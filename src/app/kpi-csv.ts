import { stringify } from 'csv-stringify/sync';
import type { LocationKpis } from '../domain/kpi/index.js';
import { escapeFormula } from './csv-formula-escape.js';
import type { KpiReport } from './get-kpis.js';

/** The tables of a KPI report that export as CSV: one row per item, location, supplier or time bucket, or the overall figures. */
export const KPI_TABLES = ['items', 'locations', 'suppliers', 'series', 'overall'] as const;
export type KpiTable = (typeof KPI_TABLES)[number];

/**
 * One table of a KPI report as CSV for spreadsheets: a column per figure in snake_case, nested
 * figures flattened (`promises_kept_rate`, `backorders_waiting_0_7`), rates as fractions, and an
 * empty cell where a figure is undefined (null). Text that would start a spreadsheet formula (a
 * name, a sku) gets a leading apostrophe; figures stay numbers.
 */
export function kpiTableCsv(report: KpiReport, table: KpiTable = 'items'): string {
  const rows: readonly object[] = table === 'overall' ? [report.overall] : report[table];
  const columns = Object.keys(flatten(rows[0] ?? emptyRow(report, table)));
  return stringify(rows.map((row) => flatten(row)), { header: true, columns, cast: { boolean: (value) => String(value), string: escapeFormula } });
}

/** The shape of a table's row when it has none, so an empty table still has its header. */
function emptyRow(report: KpiReport, table: KpiTable): object {
  const { orders: _orders, orderFillRate: _orderFillRate, ...figures } = report.overall;
  switch (table) {
    case 'items':
      return { sku: '', name: '', abcClass: '', ...figures };
    case 'suppliers':
      return { supplier: '', items: 0, ...figures };
    case 'locations':
      return LOCATION_COLUMNS;
    case 'series':
      return { bucket: '', requested: 0, allocatedAtPlacement: 0, unitFillRate: null, lost: 0, lostRevenue: 0 } satisfies KpiReport['series'][number];
    case 'overall':
      return report.overall;
  }
}

const LOCATION_COLUMNS: LocationKpis = {
  location: '', name: '', active: true, items: 0, unitsShipped: 0, unitsReceived: 0, stockoutCount: 0, stockoutHours: 0,
  inStockRate: null, onHandAtEnd: 0, inventoryTurnover: null, daysOfSupply: null,
};

function flatten(row: object, prefix = ''): Record<string, string | number | boolean> {
  const cells: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(row)) {
    const name = `${prefix}${columnName(key)}`;
    if (value !== null && typeof value === 'object') Object.assign(cells, flatten(value as object, `${name}_`));
    else cells[name] = value === null || value === undefined ? '' : (value as string | number | boolean);
  }
  return cells;
}

/** `unitFillRate` → `unit_fill_rate`; age buckets `0-7` → `0_7`, `>30` → `over_30`. */
function columnName(key: string): string {
  return key
    .replace(/^>/, 'over_')
    .replace(/-/g, '_')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
