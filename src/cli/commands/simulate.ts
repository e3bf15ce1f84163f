import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { simulateInventory, type SimulationView } from '../../app/planning/simulate-inventory.js';
import { decimal, numeric } from '../args.js';
import { action, badInput } from '../context.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';

interface SimulateOptions {
  readonly sku?: string;
  readonly days?: string;
  readonly series?: string;
  readonly csv?: string;
  readonly demand?: string;
  readonly leadTime?: string;
  readonly review?: string;
  readonly mode?: string;
  readonly seed?: string;
  readonly policy?: string[];
  readonly holdingCost?: string;
  readonly orderingCost?: string;
  readonly backorderCost?: string;
  readonly lostSaleCost?: string;
}

const GENERATED: Readonly<Record<string, readonly string[]>> = {
  poisson: ['mean', 'periods'],
  normal: ['mean', 'sd', 'periods'],
  intermittent: ['probability', 'sizeMean', 'sizeSd', 'periods'],
};
const POLICY_FIELDS: Readonly<Record<string, readonly string[]>> = {
  current: [],
  's-Q': ['reorderPoint', 'orderQuantity'],
  's-S': ['reorderPoint', 'orderUpTo'],
  'min-max': ['min', 'max'],
  'R-S': ['reviewPeriod', 'orderUpTo'],
};

/** `restock simulate`: inventory policies side by side on an item's demand, a file, a series or a generated process. */
export function simulateCommand(program: Command): void {
  program
    .command('simulate')
    .description("replay demand under several policies and compare fill rate, cycle service level, stock, stockout days and costs")
    .option('--sku <sku>', "the item: its daily demand history (default), its lead time, and its current plan")
    .option('--days <n>', 'days of history to replay (default 365)')
    .option('--series <n,n,…>', 'demand per period, comma-separated')
    .option('--csv <file>', 'demand per period from a CSV file, one row each, quantity in the last column')
    .option('--demand <spec>', 'generated demand: poisson:MEAN:PERIODS, normal:MEAN:SD:PERIODS or intermittent:P:SIZEMEAN:SIZESD:PERIODS')
    .option('--lead-time <periods>', "lead time (default the item's)")
    .option('--review <periods>', 'review period of policies without their own (default 1)')
    .option('--mode <mode>', 'backorder (default) or lost-sales')
    .option('--seed <n>', 'random seed: the same seed gives the same run (default 1)')
    .option('--policy <spec...>', 'policies to compare: current, s-Q:s:Q, s-S:s:S, min-max:MIN:MAX, R-S:R:S (default current)')
    .option('--holding-cost <x>', 'per unit and period')
    .option('--ordering-cost <x>', 'per order')
    .option('--backorder-cost <x>', 'per unit and period waiting')
    .option('--lost-sale-cost <x>', 'per unit lost')
    .action(action(async (ctx, options: SimulateOptions) => {
      const store = await ctx.store();
      const request = {
        ...(options.sku !== undefined ? { sku: options.sku } : {}),
        demand: demandOf(options),
        ...(options.leadTime !== undefined ? { leadTime: numeric(options.leadTime) } : {}),
        ...(options.review !== undefined ? { reviewPeriod: numeric(options.review) } : {}),
        ...(options.mode !== undefined ? { mode: options.mode } : {}),
        ...(options.seed !== undefined ? { seed: numeric(options.seed) } : {}),
        costs: Object.fromEntries(Object.entries({
          holdingCostPerUnitPeriod: decimal(options.holdingCost), orderingCost: decimal(options.orderingCost),
          backorderCostPerUnitPeriod: decimal(options.backorderCost), lostSaleCostPerUnit: decimal(options.lostSaleCost),
        }).filter(([, v]) => v !== undefined)),
        policies: (options.policy ?? ['current']).map(policyOf),
        trajectory: false,
      };
      const view = unwrapSelected(await simulateInventory(store, request));
      ctx.print(view, () => describe(view));
    }));
}

function demandOf(options: SimulateOptions): Record<string, unknown> {
  const given = [options.series, options.csv, options.demand].filter((o) => o !== undefined).length;
  if (given > 1) badInput('demand', 'give one of --series, --csv and --demand');
  if (options.series !== undefined) return { kind: 'series', values: options.series.split(',').map((v) => numeric(v) ?? v) };
  if (options.csv !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.csv, 'utf8');
    } catch (error) {
      return badInput('csv', `cannot read ${options.csv} (${(error as { code?: string }).code ?? String(error)})`);
    }
    return { kind: 'csv', text };
  }
  if (options.demand !== undefined) {
    const [kind = '', ...values] = options.demand.split(':');
    const fields = GENERATED[kind];
    if (fields === undefined) return { kind };
    return { kind, ...Object.fromEntries(fields.map((field, i) => [field, decimal(values[i])])) };
  }
  return { kind: 'history', ...(options.days !== undefined ? { days: numeric(options.days) } : {}) };
}

/** `s-Q:10:30` as a policy; numbers that are not whole stay text so the use case names the field. */
function policyOf(spec: string): Record<string, unknown> {
  const [kind = '', ...values] = spec.split(':');
  const fields = POLICY_FIELDS[kind] ?? [];
  if (POLICY_FIELDS[kind] !== undefined && values.length > fields.length) {
    badInput('policy', `${spec}: ${kind} takes ${fields.length === 0 ? 'no values' : `${fields.length} values (${fields.join(', ')})`}`);
  }
  return { kind, ...Object.fromEntries(fields.map((field, i) => [field, numeric(values[i])])) };
}


function describe(view: SimulationView): string {
  const percent = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
  const figures: [string, (r: SimulationView['results'][number]) => string][] = [
    ['policy', (r) => policyText(r.policy)],
    ['fill rate', (r) => percent(r.fillRate)],
    ['cycle service level', (r) => percent(r.cycleServiceLevel)],
    ['average on hand', (r) => r.averageOnHand.toFixed(1)],
    ['average backorders', (r) => r.averageBackorders.toFixed(1)],
    ['stockout periods', (r) => String(r.stockoutPeriods)],
    ['orders', (r) => String(r.orders)],
    ['lost units', (r) => String(r.units.lost)],
    ['total cost', (r) => r.cost.total.toFixed(2)],
  ];
  const table = renderTable(
    [{ header: 'figure' }, ...view.results.map((r) => ({ header: r.name, align: 'right' as const }))],
    figures.map(([label, value]) => [label, ...view.results.map(value)]),
  );
  const source = view.demand.kind === 'history' ? `${view.sku}'s demand since ${view.demand.from}` : `${view.demand.kind} demand`;
  return `${view.periods} periods of ${source} (${view.demand.total} units, ${view.demand.meanPerPeriod.toFixed(2)} per period), lead time ${JSON.stringify(view.leadTime)}, ${view.mode}, seed ${view.seed}\n\n${table}`;
}

function policyText(policy: unknown): string {
  const p = policy as Record<string, unknown>;
  switch (p['kind']) {
    case 's-Q': return `s=${p['reorderPoint']} Q=${p['orderQuantity']}`;
    case 's-S': return `s=${p['reorderPoint']} S=${p['orderUpTo']}`;
    case 'min-max': return `min ${p['min']} max ${p['max']}`;
    case 'R-S': return `R=${p['reviewPeriod']} S=${p['orderUpTo']}`;
    default: return String(p['kind']);
  }
}
