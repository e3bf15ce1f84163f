import type { Command } from 'commander';
import { getForecast, type ForecastView } from '../../app/planning/get-forecast.js';
import { planningSettingsFromEnv } from '../../app/planning/planning-settings-from-env.js';
import { runForecasts } from '../../app/planning/run-forecasts.js';
import { createForecastPool } from '../../worker/forecast-pool.js';
import { numeric } from '../args.js';
import { action, badInput, unwrap } from '../context.js';
import { unwrapSelected } from '../selection.js';
import { renderFields, renderTable } from '../table.js';

interface ForecastOptions {
  readonly all?: boolean;
  readonly refresh?: boolean;
  readonly horizon?: string;
}

/** `restock forecast SKU` (show, computing it when there is none) and `restock forecast --all` (every item, in worker threads). */
export function forecastCommand(program: Command): void {
  program
    .command('forecast [sku]')
    .description("an item's demand forecast week by week (mean and quantiles), with the method a back-test chose; --all forecasts every item")
    .option('--all', 'forecast every item that is not discontinued now, one worker thread per core')
    .option('--refresh', 'compute a new forecast instead of showing the stored one')
    .option('--horizon <days>', 'days to forecast (default 91, in whole weeks)')
    .addHelpText('after', `
Forecasts read every unit asked for (allocated, backordered and lost, plus imported history) over
the last two years, summed into weeks; the nightly planning run refreshes them all. The back-test
measures the error over the lead time plus the shop's review period, RESTOCK_PLAN_REVIEW_DAYS
(default 7), as the nightly run and the API do.`)
    .action(action(async (ctx, sku: string | undefined, options: ForecastOptions) => {
      const store = await ctx.store();
      const horizonDays = numeric(options.horizon) as number | undefined;
      const reviewDays = unwrap(planningSettingsFromEnv(process.env)).reviewPeriodDays;
      if (options.all === true) {
        if (sku !== undefined) badInput('sku', 'give a sku or --all, not both');
        const pool = createForecastPool();
        const progress = ctx.progress('forecasting');
        try {
          const report = unwrap(await runForecasts(store, { compute: pool.compute, horizonDays, reviewDays, onProgress: (done, total) => progress.update(done, total) }));
          progress.finish();
          ctx.print(report, () => `forecast ${report.items} items from ${report.startDay}\n  methods: ${counts(report.methods)}\n  classes: ${counts(report.classes)}`);
        } finally {
          progress.finish();
          await pool.close();
        }
        return;
      }
      if (sku === undefined) badInput('sku', 'give a sku, or --all for every item');
      const forecast = unwrapSelected(await getForecast(store, sku, { refresh: options.refresh === true, horizonDays, reviewDays }));
      ctx.print(forecast, () => describe(forecast));
    }));
}

function describe(f: ForecastView): string {
  const number = (x: number | null) => (x === null ? '–' : x.toFixed(2));
  const head = renderFields([
    ['sku', f.sku],
    ['method', f.backtest.scores.length === 0
      ? `${f.method} (not back-tested: too little history to compare methods, so the default)`
      : `${f.method} (back-test loss ${f.backtest.loss.toFixed(3)} per week; ${f.backtest.scores.length} methods compared)`],
    ['demand class', `${f.demandClass} (ADI ${number(f.adi)} weeks, CV² ${f.cv2.toFixed(2)})`],
    ['history', `${f.history.days} days from ${f.history.start}`],
    ['lead-time error', f.backtest.leadTimeRmse === null ? '–' : `RMSE ${f.backtest.leadTimeRmse.toFixed(2)} units over ${f.backtest.protectionDays} days (${f.backtest.origins} origins)`],
    ['computed', f.computedAt],
  ]);
  const level = (p: number) => f.levels.indexOf(p);
  const quoted = [0.5, 0.9, 0.99].filter((p) => level(p) >= 0);
  const table = renderTable(
    [{ header: 'week' }, { header: 'mean', align: 'right' }, ...quoted.map((p) => ({ header: `p${Math.round(p * 100)}`, align: 'right' as const }))],
    f.steps.map((s) => [`${s.from} … ${s.to}`, s.mean.toFixed(2), ...quoted.map((p) => String(s.quantiles[level(p)] ?? 0))]),
  );
  return `${head}\n\n${table}`;
}

function counts(record: Readonly<Record<string, number>>): string {
  const entries = Object.entries(record).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? 'none' : entries.map(([name, n]) => `${name} ${n}`).join(', ');
}
