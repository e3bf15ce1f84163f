import { getKpis, type KpiRequest } from '../src/app/get-kpis.js';
import { openStore, type StoreOptions } from '../src/storage/open-store.js';
import { onBothDialects, type BenchDialect } from './both-dialects.js';
import { seedKpiHistory } from './kpi-history-seed.js';
import { QUICK, report } from './machine.js';
import { warmRunMs } from './warm-run.js';

const ITEMS = QUICK ? 5_000 : 50_000;
const MOVEMENTS = QUICK ? 100_000 : 1_000_000;

/**
 * A year's KPIs over a large catalogue (50,000 items, 1 M movements, 200,000 order lines), as
 * callers ask for them: the whole report with a row per item (the default), the dashboard
 * Overview's request (the 50 most asked-for items), the figures without item rows, and one item.
 * kpis-1m has 1,000 items, which hid what a row per item costs. Baseline: the whole report.
 */
async function measure(dialect: BenchDialect, options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  await seedKpiHistory(store.db, dialect, { items: ITEMS, movements: MOVEMENTS });
  const period = { from: '2025-01-01', until: '2026-01-01' };
  const run = async (request: KpiRequest) => {
    let bytes = 0;
    const ms = await warmRunMs(async () => {
      const kpis = await getKpis(store, { ...period, ...request });
      if (!kpis.ok) throw new Error(kpis.message);
      bytes = JSON.stringify(kpis.value).length;
    });
    return { ms, bytes };
  };
  const every = await run({});
  const cases: [string, KpiRequest][] = [
    ['overview', { itemSort: '-unitsRequested', itemLimit: 50 }],
    ['no-items', { itemLimit: 0 }],
    ['one-sku', { sku: ['SKU-4242'] }],
  ];
  report({ name: `kpis-50k-items-${dialect}-every-item`, value: Math.round(every.ms), unit: 'ms', baseline: null, ratio: null, params: { items: ITEMS, movements: MOVEMENTS, quick: QUICK }, extra: { jsonBytes: every.bytes } });
  for (const [name, request] of cases) {
    const measured = await run(request);
    report({
      name: `kpis-50k-items-${dialect}-${name}`,
      value: Math.round(measured.ms),
      unit: 'ms',
      baseline: Math.round(every.ms),
      ratio: Number((measured.ms / every.ms).toFixed(2)),
      params: { items: ITEMS, movements: MOVEMENTS, request, quick: QUICK },
      goal: '< 1000 ms',
      met: measured.ms < 1000,
      extra: { jsonBytes: measured.bytes },
    });
  }
  await store.close();
}


// Seeding a million rows in one statement takes longer than the service's statement timeout.
await onBothDialects('kpis-50k-items', measure, { pgStatementTimeoutMs: 0 });
