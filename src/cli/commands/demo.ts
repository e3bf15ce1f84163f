import type { Command } from 'commander';
import { join } from 'node:path';
import { parseDemandSeries } from '../../app/demo/demand-series.js';
import { seedDemo } from '../../app/demo/seed-demo.js';
import { fail } from '../../app/result.js';
import { action, badInput, unwrap } from '../context.js';
import { readCsv } from '../csv.js';
import { packageRoot } from '../../package-root.js';
import { renderFields } from '../table.js';

/** `restock demo`: fills the configured database with a realistic, replayed shop. */
export function demoCommand(program: Command): void {
  program
    .command('demo')
    .description('fill the database with demo data: a car-parts shop replayed over its last two years of demand')
    .option('--source <file>', 'monthly demand CSV (Part,Jan-98,…); default: the bundled car-parts sample')
    .option('--months <n>', 'months of history to replay, ending today (3–36)', '24')
    .option('--seed <n>', 'seed of the random choices (same seed, same shop)', '42')
    .option('--force', 'add the demo even though the database already has items')
    .addHelpText('after', `
The default source is data-samples/carparts-sample.csv: 200 parts of the carparts data set
(Hyndman et al., R package expsmooth, GPL-3). Orders are backdated over the replayed months, so the
dashboard shows history: items in stock, low, on backorder and out of stock, backorders waiting,
purchase orders on their way, and lost demand.

The demo is written in one transaction: interrupted (Ctrl-C) or failing, it leaves the database as
it was. On SQLite, other writers (a running "restock serve") wait for it meanwhile and may time out.`)
    .action(action(async (ctx, options: { source?: string; months: string; seed: string; force?: boolean }) => {
      const months = Number(options.months);
      if (!Number.isInteger(months) || months < 3 || months > 36) badInput('months', 'must be a whole number from 3 to 36');
      const seed = Number(options.seed);
      if (!Number.isInteger(seed) || seed < 0) badInput('seed', 'must be a whole number');
      const source = options.source ?? join(packageRoot(), 'data-samples', 'carparts-sample.csv');
      const csv = await readCsv(source);
      const series = unwrap(parseDemandSeries(csv.columns, csv.rows));
      let now = new Date();
      const realNow = now;
      const store = await ctx.store({ clock: () => now, createIfMissing: true });
      const progress = ctx.progress('building the demo');
      // One transaction: stopped half-way (Ctrl-C, a failure), it leaves the database as it was, so
      // running it again finds no half-built shop in its way.
      const summary = unwrap(await store.allOrNothing(async (demo) => {
        const [existing] = await demo.read((tx) => tx.listItems({ limit: 1 }));
        if (existing && !options.force) {
          return fail('CONFLICT', 'the database already has items; use --force to add the demo anyway, or point RESTOCK_SQLITE_PATH/DATABASE_URL at an empty one');
        }
        return seedDemo(demo, { set: (instant) => (now = instant) }, series, {
          months,
          seed,
          now: realNow,
          onProgress: (done, total, step) => progress.update(done, total, `demo: ${step}`),
        });
      }));
      progress.finish();
      now = realNow;
      ctx.print(summary, () => renderFields([
        ['replayed', `${summary.from} – ${summary.to}`],
        ['locations', String(summary.locations)],
        ['suppliers', String(summary.suppliers)],
        ['items', `${summary.items}: ${summary.statuses.in_stock} in stock, ${summary.statuses.low_stock} low, ${summary.statuses.backorder} on backorder, ${summary.statuses.out_of_stock} out of stock`],
        ['orders', `${summary.ordersPlaced} accepted, ${summary.ordersRejected} rejected, ${summary.ordersCancelled} cancelled by customers, ${summary.shipments} shipments`],
        ['purchase orders', `${summary.purchaseOrders} sent, ${summary.receipts} receipts`],
        ['backorders', `${summary.backorderedUnits} units waiting`],
        ['lost demand', `${summary.unitsLost} units`],
      ]));
    }));
}
