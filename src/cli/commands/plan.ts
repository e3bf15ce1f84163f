import type { Command } from 'commander';
import { createDraftPurchaseOrders, type DraftPurchaseOrders } from '../../app/planning/create-draft-purchase-orders.js';
import { getReplenishmentPlan } from '../../app/planning/get-replenishment-plan.js';
import { listPlanningRuns, type PlanningRunList } from '../../app/planning/list-planning-runs.js';
import { listReplenishment, type ReplenishmentList } from '../../app/planning/list-replenishment.js';
import { planningSettingsFromEnv } from '../../app/planning/planning-settings-from-env.js';
import { settingsAsFields } from '../../app/planning/planning-settings.js';
import type { ReplenishmentView } from '../../app/planning/replenishment-view.js';
import { decimal, numeric } from '../args.js';
import { action, badInput, unwrap } from '../context.js';
import { withCursor } from '../format.js';
import { unwrapSelected } from '../selection.js';
import { renderFields, renderTable } from '../table.js';

interface PlanOptions {
  readonly service?: string;
  readonly serviceLevel?: string;
  readonly policy?: string;
  readonly reviewDays?: string;
  readonly leadTimeModel?: string;
  readonly orderingCost?: string;
  readonly holdingRate?: string;
  readonly backorderCostRatio?: string;
  readonly all?: boolean;
  readonly limit?: string;
  readonly cursor?: string;
  readonly draft?: boolean;
  readonly runs?: boolean;
}

/** `restock plan [SKU...]`: replenishment suggestions by urgency, one item's plan explained, or draft purchase orders from them. */
export function planCommand(program: Command): void {
  program
    .command('plan [skus...]')
    .description('what to order now, most urgent first; with skus, each plan explained step by step; --draft makes draft purchase orders')
    .option('--service <kind>', 'fill-rate (default) or cycle-service-level')
    .option('--service-level <p>', 'target strictly between 0 and 1 (default 0.95)')
    .option('--policy <kind>', 'order-up-to (default), eoq, eoq-planned-backorders or min-max')
    .option('--review-days <n>', 'review period of order-up-to, in days (default 7)')
    .option('--lead-time-model <model>', "quantiles (the forecast's own distribution, default) or normal")
    .option('--ordering-cost <minor>', 'cost of one purchase order in minor units, for EOQ (default 5000)')
    .option('--holding-rate <share>', 'yearly holding cost as a share of unit cost, for EOQ (default 0.25)')
    .option('--backorder-cost-ratio <times>', 'cost of a unit kept waiting as a multiple of holding it, for EOQ with planned backorders (default 9)')
    .option('--all', 'list every item, not only those with something to order (a discontinued one only while its waiting customers need an order)')
    .option('--limit <n>', 'list at most this many (default 100; with --runs 1–100, default 20)')
    .option('--cursor <cursor>', 'the next page of the list (or of --runs), as the previous page gave it')
    .option('--draft', 'turn the suggestions (of these skus, or all) into draft purchase orders, one per preferred supplier')
    .option('--runs', 'the nightly planning runs of the worker, most recent first: status, times, items, suggestions, settings, error (restock plan itself records none)')
    .addHelpText('after', `
The shop's planning settings RESTOCK_PLAN_SERVICE, _SERVICE_LEVEL, _POLICY, _REVIEW_DAYS,
_LEAD_TIME_MODEL, _ORDERING_COST, _HOLDING_RATE and _BACKORDER_COST_RATIO are the options above by
other names: an option not given takes its variable, and one not set either the default above. The
nightly run (restock worker, or restock serve) and the API plan under the same variables; "restock
plan --runs" shows what each run used.`)
    .action(action(async (ctx, skus: string[], options: PlanOptions) => {
      const store = await ctx.store();
      if (options.runs === true) {
        if (skus.length > 0 || options.draft === true || options.all === true) badInput('runs', 'lists planning runs: give it no skus, --draft or --all');
        const runs = unwrap(await listPlanningRuns(store, { limit: numeric(options.limit) as number | undefined, cursor: options.cursor }));
        ctx.print(runs, () => withCursor(runs, describeRuns(runs, options.cursor !== undefined)));
        return;
      }
      if (options.cursor !== undefined && (skus.length > 0 || options.draft === true)) badInput('cursor', 'pages a list: give it no skus or --draft');
      // The options over the shop's settings, so this plans and drafts what the nightly run and the API do.
      const settings = { ...settingsAsFields(unwrap(planningSettingsFromEnv(process.env))), ...settingsOf(options) };
      if (options.draft === true) {
        const drafts = unwrapSelected(await createDraftPurchaseOrders(store, { ...settings, ...(skus.length > 0 ? { skus } : {}) }, ctx.actor));
        ctx.print(drafts, () => describeDrafts(drafts));
        return;
      }
      if (skus.length > 0) {
        const plans: ReplenishmentView[] = [];
        for (const sku of skus) plans.push(unwrapSelected(await getReplenishmentPlan(store, sku, settings)));
        ctx.print(plans.length === 1 ? plans[0] : { items: plans }, () => plans.map(describePlan).join('\n\n'));
        return;
      }
      const progress = ctx.progress('planning');
      try {
        const list = unwrap(await listReplenishment(store, {
          settings, all: options.all === true, limit: numeric(options.limit) as number | undefined, cursor: options.cursor, onProgress: (done, total) => progress.update(done, total),
        }));
        progress.finish();
        ctx.print(list, () => withCursor(list, describeList(list, options.all === true)));
      } finally {
        progress.finish();
      }
    }));
}

function settingsOf(options: PlanOptions): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    service: options.service,
    serviceLevel: decimal(options.serviceLevel),
    policy: options.policy,
    reviewDays: numeric(options.reviewDays),
    leadTimeModel: options.leadTimeModel,
    orderingCost: decimal(options.orderingCost),
    holdingRate: decimal(options.holdingRate),
    backorderCostRatio: decimal(options.backorderCostRatio),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

/** A decimal option as a number; other text is passed on for the use case to name the field. */

/** The suggestions as a table; with `all`, every planned item is listed, those with nothing to order too. */
function describeList(list: ReplenishmentList, all: boolean): string {
  const target = `${list.settings.service.kind} ${(list.settings.service.target * 100).toFixed(1)}%, ${list.settings.policy}${list.settings.policy === 'order-up-to' ? ` every ${list.settings.reviewPeriodDays} days` : ''}, ${list.settings.leadTimeModel}`;
  const notes = [
    list.withoutForecast > 0 ? `${list.withoutForecast} items have no forecast yet (planned as without demand): run "restock forecast --all".` : null,
    list.onDrafts > 0 ? `${list.onDrafts} of these are covered by draft purchase orders: send them ("restock po send ID") rather than order again.` : null,
    list.draftsShort > 0 ? `${list.draftsShort} of these are on draft purchase orders that fall short: "restock plan --draft" drafts the rest.` : null,
    ...list.problems.map((p) => `${p.sku}: ${p.message}`),
  ].filter((line): line is string => line !== null);
  if (list.items.length === 0) return [`nothing to order now (${target})`, ...notes].join('\n');
  const table = renderTable(
    [
      { header: 'sku' }, { header: 'supplier' }, { header: 'stockout in', align: 'right' }, { header: 'on', align: 'right' }, { header: 'per day', align: 'right' },
      { header: 'position', align: 'right' }, { header: 'reorder/S', align: 'right' }, { header: 'order', align: 'right' },
    ],
    list.items.map((i) => [
      i.sku, i.supplier ?? '–', i.urgency.daysUntilStockout === null ? '–' : `${i.urgency.daysUntilStockout.toFixed(1)} d${i.urgency.stockoutWithinLeadTime ? ' !' : ''}`,
      i.urgency.stockoutOn ?? '–', i.meanDemandPerDay.toFixed(2), String(i.inventoryPosition), String(i.orderUpToLevel ?? i.reorderPoint), String(i.suggestedQuantity),
    ]),
  );
  const shown = list.items.length < list.total ? `, ${list.items.length} of ${list.total} shown` : '';
  const heading = all ? `${list.total} items planned (${list.items.filter((i) => i.suggestedQuantity > 0).length} of those listed have something to order)` : `${list.total} items to order`;
  return [`${heading} (${target}${shown}); "!" marks a stockout before an order placed today arrives`, '', table, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}

function describePlan(p: ReplenishmentView): string {
  const fields = renderFields([
    ['sku', `${p.sku} (${p.name})`],
    ['supplier', p.supplier === null ? 'none preferred' : `${p.supplier} (MOQ ${p.minimumOrderQuantity}, pack ${p.packSize})`],
    ['forecast', p.forecast === null ? 'none yet' : `${p.forecast.method}, ${p.forecast.demandClass}, ${p.forecast.computedAt}`],
    ['policy', `${p.policy}, ${p.service.kind} ${(p.service.target * 100).toFixed(1)}%, ${p.leadTimeModel}`],
    ['reorder point', String(p.reorderPoint)],
    ['order-up-to', p.orderUpToLevel === null ? '–' : String(p.orderUpToLevel)],
    ['lot size', p.lotSize === null ? '–' : String(p.lotSize)],
    ['position', String(p.inventoryPosition)],
    ['order now', String(p.suggestedQuantity)],
    ['stockout', p.urgency.daysUntilStockout === null ? 'not at forecast demand' : `in ${p.urgency.daysUntilStockout.toFixed(1)} days (${p.urgency.stockoutOn})`],
  ]);
  return `${fields}\n\n${p.explanation.map((line) => `  • ${line}`).join('\n')}`;
}

/** The runs as a table; `older` when this is a later page (an empty one then means nothing older). */
function describeRuns(runs: PlanningRunList, older: boolean): string {
  if (runs.items.length === 0 && older) return 'no older planning runs';
  if (runs.items.length === 0) return 'no planning runs yet: the nightly run starts at RESTOCK_PLAN_HOUR (UTC) in "restock worker" or "restock serve"';
  const table = renderTable(
    [{ header: 'id', align: 'right' }, { header: 'trigger' }, { header: 'day' }, { header: 'status' }, { header: 'started' }, { header: 'finished' }, { header: 'items', align: 'right' }, { header: 'to order', align: 'right' }, { header: 'settings' }],
    runs.items.map((r) => [
      String(r.id), r.trigger, r.day, r.status, r.startedAt, r.finishedAt ?? '–', String(r.items), String(r.suggestions),
      r.settings === null ? '–' : `${r.settings.service.kind} ${(r.settings.service.target * 100).toFixed(1)}%, ${r.settings.policy}${r.settings.policy === 'order-up-to' ? ` every ${r.settings.reviewPeriodDays} days` : ''}, ${r.settings.leadTimeModel}`,
    ]),
  );
  const errors = runs.items.filter((r) => r.error !== null).map((r) => `run ${r.id} failed: ${r.error}`);
  return [table, ...(errors.length > 0 ? ['', ...errors] : [])].join('\n');
}

function describeDrafts(drafts: DraftPurchaseOrders): string {
  const made = drafts.items.map((po) => `draft PO #${po.id} to ${po.supplier}: ${po.lines.map((l) => `${l.sku} ${l.quantity}`).join(', ')}`);
  const skipped = drafts.skipped.map((s) => `  ${s.sku} (${s.suggestedQuantity}): ${s.reason}`);
  return [
    made.length === 0 ? 'no draft purchase orders made' : made.join('\n'),
    ...(skipped.length > 0 ? ['skipped:', ...skipped] : []),
    ...(drafts.withoutForecast > 0 ? [`${drafts.withoutForecast} items have no forecast yet and were planned as if nobody asked for them: run "restock forecast --all" first`] : []),
    ...(made.length > 0 ? ['review and send them with "restock po"'] : []),
  ].join('\n');
}
