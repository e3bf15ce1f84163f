import type { Command } from 'commander';
import { readTextFile } from '../csv.js';
import { simulateInventory, type SimulationView } from '../../app/planning/simulate-inventory.js';
import { decimal, numeric } from '../args.js';
import { money } from '../format.js';
import { action, badInput } from '../context.js';
import { unwrapSelected } from '../selection.js';
import { renderTable } from '../table.js';

interface SimulateOptions {
  readonly sku?: string;
  readonly days?: string;
  readonly series?: string;
  readonly csv?: string;
  readonly demand?: string;
  readonly periodDays?: string;
  readonly leadTime?: string;
  readonly review?: string;
  readonly moq?: string;
  readonly packSize?: string;
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
    .option('--period-days <n>', 'days per period of the demand: 1 (default) for daily, 7 for weekly totals; the item\'s lead time and the current plan\'s review period are converted')
    .option('--lead-time <periods>', "lead time in periods (default the item's, converted from days)")
    .option('--review <periods>', 'review period of policies without their own (default 1)')
    .option('--moq <units>', "minimum order quantity of every order (the current plan: default its supplier's)")
    .option('--pack-size <units>', "every order in whole packs of this many units (the current plan: default its supplier's)")
    .option('--mode <mode>', 'backorder (default) or lost-sales')
    .option('--seed <n>', 'random seed: the same seed gives the same run (default 1)')
    .option('--policy <spec...>', 'policies to compare: current, s-Q:s:Q, s-S:s:S, min-max:MIN:MAX, R-S:R:S (default current)')
    .option('--holding-cost <minor>', "per unit and period, in minor units (cents) (default the planner's holding rate of the item's unit cost)")
    .option('--ordering-cost <minor>', "per order, in minor units (default the planner's ordering cost)")
    .option('--backorder-cost <minor>', "per unit and period waiting, in minor units (default the planner's backorder-cost ratio × holding)")
    .option('--lost-sale-cost <minor>', "per unit lost, in minor units (default the item's unit price)")
    .action(action(async (ctx, options: SimulateOptions) => {
      const store = await ctx.store();
      const request = {
        ...(options.sku !== undefined ? { sku: options.sku } : {}),
        demand: await demandOf(options),
        ...(options.periodDays !== undefined ? { periodDays: numeric(options.periodDays) } : {}),
        ...(options.leadTime !== undefined ? { leadTime: numeric(options.leadTime) } : {}),
        ...(options.review !== undefined ? { reviewPeriod: numeric(options.review) } : {}),
        ...(options.mode !== undefined ? { mode: options.mode } : {}),
        ...(options.seed !== undefined ? { seed: numeric(options.seed) } : {}),
        costs: Object.fromEntries(Object.entries({
          holdingCostPerUnitPeriod: decimal(options.holdingCost), orderingCost: decimal(options.orderingCost),
          backorderCostPerUnitPeriod: decimal(options.backorderCost), lostSaleCostPerUnit: decimal(options.lostSaleCost),
        }).filter(([, v]) => v !== undefined)),
        policies: (options.policy ?? ['current']).map(policyOf).map((policy) => ({ ...policy, ...termsOf(options) })),
        trajectory: false,
      };
      const view = unwrapSelected(await simulateInventory(store, request));
      ctx.print(view, () => describe(view));
    }));
}

async function demandOf(options: SimulateOptions): Promise<Record<string, unknown>> {
  const given = [options.series, options.csv, options.demand].filter((o) => o !== undefined).length;
  if (given > 1) badInput('demand', 'give one of --series, --csv and --demand');
  if (options.series !== undefined) return { kind: 'series', values: options.series.split(',').map((v) => numeric(v) ?? v) };
  // As every import: a file that cannot be read, or is not UTF-8, is bad input, said in words.
  if (options.csv !== undefined) return { kind: 'csv', text: await readTextFile(options.csv) };
  if (options.demand !== undefined) {
    const [kind = '', ...values] = options.demand.split(':');
    const fields = GENERATED[kind];
    if (fields === undefined) return { kind };
    return { kind, ...Object.fromEntries(fields.map((field, i) => [field, decimal(values[i])])) };
  }
  return { kind: 'history', ...(options.days !== undefined ? { days: numeric(options.days) } : {}) };
}

/** --moq and --pack-size, for every policy; numbers that are not whole stay text so the use case names the field. */
function termsOf(options: SimulateOptions): Record<string, unknown> {
  return {
    ...(options.moq !== undefined ? { minimumOrderQuantity: numeric(options.moq) } : {}),
    ...(options.packSize !== undefined ? { packSize: numeric(options.packSize) } : {}),
  };
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
    ['holding cost', (r) => cost(r.cost.holding)],
    ['ordering cost', (r) => cost(r.cost.ordering)],
    [view.mode === 'lost-sales' ? 'lost-sale cost' : 'backorder cost', (r) => cost(view.mode === 'lost-sales' ? r.cost.lostSales : r.cost.backorder)],
    ['total cost', (r) => cost(r.cost.total)],
  ];
  const table = renderTable(
    [{ header: 'figure' }, ...view.results.map((r) => ({ header: r.name, align: 'right' as const }))],
    figures.map(([label, value]) => [label, ...view.results.map(value)]),
  );
  const source = view.demand.kind === 'history' ? `${view.sku}'s demand since ${view.demand.from}` : `${view.demand.kind} demand`;
  const period = view.periodDays === 1 ? 'day' : `${view.periodDays}-day period`;
  const heading = `${view.periods} ${view.periodDays === 1 ? 'days' : `periods of ${view.periodDays} days`} of ${source} (${view.demand.total} units, ${view.demand.meanPerPeriod.toFixed(2)} per ${period}), lead time ${JSON.stringify(view.leadTime)} ${view.periodDays === 1 ? 'days' : 'periods'}, ${view.mode}, seed ${view.seed}`;
  const costs = `costs (money in major units): ${view.costs.basis.join('; ')}`;
  const warnings = view.warnings.map((w) => `warning: ${w}`);
  return [heading, costs, ...warnings, '', table].join('\n');
}

/** Simulated costs (fractional minor units) as money in major units, to the cent. */
function cost(minor: number): string {
  return money(Math.round(minor));
}

function policyText(policy: unknown): string {
  const p = policy as Record<string, unknown>;
  const terms = [
    typeof p['minimumOrderQuantity'] === 'number' && p['minimumOrderQuantity'] > 0 ? `MOQ ${p['minimumOrderQuantity']}` : null,
    typeof p['packSize'] === 'number' && p['packSize'] > 1 ? `pack ${p['packSize']}` : null,
  ].filter((t): t is string => t !== null);
  const suffix = terms.length > 0 ? ` (${terms.join(', ')})` : '';
  switch (p['kind']) {
    case 's-Q': return `s=${p['reorderPoint']} Q=${p['orderQuantity']}${suffix}`;
    case 's-S': return `s=${p['reorderPoint']} S=${p['orderUpTo']}${suffix}`;
    case 'min-max': return `min ${p['min']} max ${p['max']}${suffix}`;
    case 'R-S': return `R=${p['reviewPeriod']} S=${p['orderUpTo']}${suffix}`;
    default: return String(p['kind']);
  }
}
