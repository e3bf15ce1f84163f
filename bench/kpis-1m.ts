import { sql } from 'kysely';
import { getKpis } from '../src/app/get-kpis.js';
import { openStore, type StoreOptions } from '../src/storage/open-store.js';
import { QUICK, report } from './machine.js';
import { warmRunMs } from './warm-run.js';
import { onBothDialects } from './both-dialects.js';
import { seedKpiHistory } from './kpi-history-seed.js';

const ITEMS = 1_000;
const MOVEMENTS = QUICK ? 50_000 : Number(process.env["KPI_BENCH_MOVEMENTS"] ?? 1_000_000);
const ORDERS = MOVEMENTS / 5;

/**
 * KPIs for a year with a million ledger movements (1,000 items at two locations, each stocking out
 * and refilling every 21 movements) and 200,000 order lines, seeded in SQL (stock levels, stockout
 * histories and daily totals, network and per location, rebuilt from those rows). Baseline: one plain
 * scan summing the ledger, the least any ledger-based KPI must read.
 */
async function measure(label: 'sqlite' | 'postgres', options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  await seedKpiHistory(store.db, label, { items: ITEMS, movements: MOVEMENTS });
  const period = { from: '2025-01-01', until: '2026-01-01' };
  const baseline = await warmRunMs(async () => {
    await sql`select count(*), sum(on_hand_delta - allocated_delta) from movements where created_at >= '2025-01-01' and created_at < '2026-01-01'`.execute(store.db);
  });
  let stockouts = 0;
  let locationStockouts = 0;
  const value = await warmRunMs(async () => {
    const kpis = await getKpis(store, period);
    if (!kpis.ok) throw new Error(kpis.message);
    stockouts = kpis.value.overall.stockoutCount;
    locationStockouts = kpis.value.locations.reduce((total, l) => total + l.stockoutCount, 0);
  });
  report({
    name: `kpis-1m-${label}`,
    value: Math.round(value),
    unit: 'ms',
    baseline: Math.round(baseline),
    ratio: Number((value / baseline).toFixed(1)),
    params: { movements: MOVEMENTS, items: ITEMS, orderLines: ORDERS, quick: QUICK },
    goal: '< 1000 ms',
    met: value < 1000,
    extra: { stockoutsFound: stockouts, locationStockoutsFound: locationStockouts },
  });
  await store.close();
}


// Seeding a million rows in one statement takes longer than the service's statement timeout.
await onBothDialects('kpis', measure, { pgStatementTimeoutMs: 0 });
