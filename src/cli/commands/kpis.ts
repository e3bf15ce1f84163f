import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import { integerCell } from '../../app/import-runner.js';
import { getKpis, MAX_ITEM_LIMIT, MAX_ITEM_OFFSET, type KpiReport, type KpiRequest } from '../../app/get-kpis.js';
import { KPI_TABLES, kpiTableCsv, type KpiTable } from '../../app/kpi-csv.js';
import { ITEM_SORTS } from '../../domain/kpi/index.js';
import { action, badInput } from '../context.js';
import { money } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';
import { checkWritableFile } from '../file-targets.js';

interface KpiOptions {
  readonly from?: string;
  readonly until?: string;
  readonly sku?: string[];
  readonly bucket?: string;
  readonly csv?: string;
  readonly table?: string;
  readonly itemLimit?: string;
  readonly itemOffset?: string;
  readonly itemSort?: string;
}

/** The items the human table lists ("Lowest fill rates"): all it needs of the per-item rows. */
const WORST_ITEMS = 10;

/** `restock kpis`: what stockouts cost over a period (SPEC §8), with each figure's definition. */
export function kpisCommand(program: Command): void {
  program
    .command('kpis')
    .description('fill rates, lost demand, stockouts, backorder ages, promises kept, turnover for a period')
    .option('--from <date>', 'first day of the period, YYYY-MM-DD (default 30 days before --until)')
    .option('--until <date>', 'day after the period, YYYY-MM-DD (default tomorrow)')
    .option('--sku <sku...>', 'only these items')
    .option('--bucket <day|week>', 'granularity of the time series', 'day')
    .option('--csv <file>', 'also write one table as CSV to FILE ("-" for standard output)')
    .option('--table <name>', `the table --csv writes: ${KPI_TABLES.join(', ')}`, 'items')
    .option('--item-limit <n>', 'per-item rows to give (default every item; 0 leaves them out; the other figures still cover every item)')
    .option('--item-offset <n>', 'per-item rows to skip first, in --item-sort order (default 0)')
    .option('--item-sort <order>', `order of the per-item rows: ${ITEM_SORTS.join(', ')} (default sku)`)
    .action(action(async (ctx, options: KpiOptions) => {
      const table = options.table ?? 'items';
      if (!(KPI_TABLES as readonly string[]).includes(table)) badInput('table', `must be one of ${KPI_TABLES.join(', ')}`);
      if (options.csv !== undefined && options.csv !== '-') checkWritableFile('csv', options.csv);
      const rows = itemRows(options, ctx.json);
      const store = await ctx.store();
      const report = unwrapSelected(await getKpis(store, { from: options.from, until: options.until, sku: options.sku, bucket: options.bucket, ...rows }));
      if (options.csv === '-') {
        process.stdout.write(kpiTableCsv(report, table as KpiTable));
        return;
      }
      if (options.csv) writeFileSync(options.csv, kpiTableCsv(report, table as KpiTable));
      ctx.print(report, () => describe(report));
    }));
}

/**
 * The per-item rows to ask for: as the options say; for the human table alone, only the lowest fill
 * rates it lists, so a large catalogue's report does not compute every item's row to print ten.
 */
function itemRows(options: KpiOptions, json: boolean): Pick<KpiRequest, 'itemLimit' | 'itemOffset' | 'itemSort'> {
  const count = (field: string, text: string | undefined, max: number) => {
    if (text === undefined) return undefined;
    const value = integerCell(text);
    if (typeof value !== 'number' || value < 0 || value > max) badInput(field, `must be a whole number from 0 to ${max}`);
    return value;
  };
  const asked = {
    itemLimit: count('item-limit', options.itemLimit, MAX_ITEM_LIMIT),
    itemOffset: count('item-offset', options.itemOffset, MAX_ITEM_OFFSET),
    itemSort: options.itemSort,
  };
  if (options.itemSort !== undefined && !(ITEM_SORTS as readonly string[]).includes(options.itemSort)) badInput('item-sort', `must be one of ${ITEM_SORTS.join(', ')}`);
  const anyAsked = asked.itemLimit !== undefined || asked.itemOffset !== undefined || asked.itemSort !== undefined;
  if (anyAsked || json || options.csv !== undefined) return asked;
  return { itemSort: 'unitFillRate', itemLimit: WORST_ITEMS };
}

function describe(report: KpiReport): string {
  const o = report.overall;
  const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
  // Each row with the definitions of every figure it shows.
  const rows: [string, string, string[]][] = [
    ['unit fill rate', percent(o.unitFillRate), ['unitFillRate']],
    ['line fill rate', percent(o.lineFillRate), ['lineFillRate']],
    ['order fill rate', percent(o.orderFillRate), ['orderFillRate']],
    ['backorder rate', percent(o.backorderRate), ['backorderRate']],
    ['lost demand', `${o.lostUnits} units, ${money(o.lostRevenue)}`, ['lostUnits', 'lostRevenue']],
    ['stockouts', `${o.stockoutCount} (${o.stockoutHours} h)`, ['stockoutCount', 'stockoutHours']],
    ['in-stock rate', percent(o.inStockRate), ['inStockRate']],
    ['waiting by age', Object.entries(o.backordersWaitingByAge).map(([age, units]) => `${age}: ${units}`).join(', '), ['backordersWaitingByAge']],
    ['time to fill', `mean ${o.timeToFillDays.mean ?? '—'} d, p90 ${o.timeToFillDays.p90 ?? '—'} d`, ['timeToFillDays']],
    ['promises kept', `${o.promisesKept.kept} kept, ${o.promisesKept.broken} broken (${percent(o.promisesKept.rate)})`, ['promisesKept']],
    ['inventory turnover', String(o.inventoryTurnover ?? '—'), ['inventoryTurnover']],
    ['days of supply', String(o.daysOfSupply ?? '—'), ['daysOfSupply']],
  ];
  const summary = renderTable(
    [{ header: 'figure' }, { header: 'value' }, { header: 'definition' }],
    // The API counts money in minor units; this table shows it in major ones, and says so.
    rows.map(([name, value, keys]) => [name, value, keys.map((key) => (report.definitions[key] ?? '').replace('(minor currency units)', '(in the currency, not in minor units)')).join(' ')]),
  );
  const worst = [...report.items].filter((i) => i.unitsRequested > 0).sort((a, b) => (a.unitFillRate ?? 1) - (b.unitFillRate ?? 1)).slice(0, WORST_ITEMS);
  const items = renderTable(
    [{ header: 'sku' }, { header: 'abc' }, { header: 'ordered', align: 'right' }, { header: 'fill rate', align: 'right' }, { header: 'lost', align: 'right' }, { header: 'stockout h', align: 'right' }, { header: 'in stock', align: 'right' }],
    worst.map((i) => [i.sku, i.abcClass, String(i.unitsRequested), percent(i.unitFillRate), String(i.lostUnits), String(i.stockoutHours), percent(i.inStockRate)]),
  );
  const locations = renderTable(
    [{ header: 'location' }, { header: 'items', align: 'right' }, { header: 'shipped', align: 'right' }, { header: 'received', align: 'right' }, { header: 'stockouts', align: 'right' }, { header: 'stockout h', align: 'right' }, { header: 'in stock', align: 'right' }, { header: 'turnover', align: 'right' }, { header: 'days of supply', align: 'right' }],
    report.locations.map((l) => [`${l.location}${l.active ? '' : ' (inactive)'}`, String(l.items), String(l.unitsShipped), String(l.unitsReceived), String(l.stockoutCount), String(l.stockoutHours), percent(l.inStockRate), String(l.inventoryTurnover ?? '—'), String(l.daysOfSupply ?? '—')]),
  );
  return `KPIs ${report.from.slice(0, 10)} … ${report.until.slice(0, 10)} (until is exclusive), ${o.orders} orders\n\n${summary}\n\nLowest fill rates:\n${items}\n\nLocations (${report.definitions['locations'] ?? ''}):\n${locations}`;
}
