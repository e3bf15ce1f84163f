import { sql } from 'kysely';
import { getKpis } from '../src/app/get-kpis.js';
import { openStore, type StoreOptions } from '../src/storage/open-store.js';
import { rebuildItemDays } from '../src/storage/item-day-rollup.js';
import { rebuildLocationDays } from '../src/storage/location-day-rollup.js';
import { rebuildLocationStockouts, rebuildStockouts } from '../src/storage/rebuild-stockouts.js';
import { QUICK, report } from './machine.js';
import { onBothDialects } from './both-dialects.js';

const ITEMS = 1_000;
const MOVEMENTS = QUICK ? 50_000 : Number(process.env["KPI_BENCH_MOVEMENTS"] ?? 1_000_000);
const ORDERS = MOVEMENTS / 5;
const YEAR_SECONDS = 365 * 86_400;

/**
 * KPIs for a year with a million ledger movements (1,000 items at two locations, each stocking out
 * and refilling every 21 movements) and 200,000 order lines, seeded in SQL (stock levels, stockout
 * histories and daily totals, network and per location, rebuilt from those rows). Baseline: one plain
 * scan summing the ledger, the least any ledger-based KPI must read.
 */
async function measure(label: 'sqlite' | 'postgres', options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  const postgres = label === 'postgres';
  const series = (count: number) => (postgres ? sql`select generate_series(0, ${sql.lit(count - 1)}) as n` : sql`with recursive seq(n) as (select 0 union all select n + 1 from seq where n < ${sql.lit(count - 1)}) select n from seq`);
  const time = (seconds: ReturnType<typeof sql>) =>
    postgres
      ? sql`to_char(timestamp '2025-01-01' + (${seconds}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%S.000Z', '2025-01-01', '+' || (${seconds}) || ' seconds')`;
  const div = (a: string, b: number) => (postgres ? sql.raw(`(${a} / ${b})`) : sql.raw(`(${a} / ${b})`));
  await sql`insert into locations (code, name, priority, active, created_at) values ('MAIN', 'Main', 0, 1, '2024-12-31T00:00:00.000Z'), ('EAST', 'East', 1, 1, '2024-12-31T00:00:00.000Z')`.execute(store.db);
  await sql`insert into items (sku, name, unit_price, unit_cost, backorder_policy, backorder_limit, low_stock_threshold, lead_time_days, substitutes, discontinued, created_at, updated_at)
    select 'SKU-' || s.n, 'Item ' || s.n, 1000 + s.n, 600, 'allow', null, 0, 14, '[]', 0, '2024-12-31T00:00:00.000Z', '2024-12-31T00:00:00.000Z' from (${series(ITEMS)}) s`.execute(store.db);
  const step = Math.floor(YEAR_SECONDS / (MOVEMENTS / ITEMS));
  await sql`insert into movements (item_id, location_id, kind, on_hand_delta, allocated_delta, reason, order_id, line_id, reference, actor, created_at)
    select (s.n % ${sql.lit(ITEMS)}) + 1, (s.n % ${sql.lit(ITEMS)}) % 2 + 1,
      case when ${div('s.n', ITEMS)} % 21 = 0 then 'receipt' else 'allocation' end,
      case when ${div('s.n', ITEMS)} % 21 = 0 then 20 else 0 end,
      case when ${div('s.n', ITEMS)} % 21 = 0 then 0 else 1 end,
      'bench', null, null, null, 'bench',
      ${time(sql`${div('s.n', ITEMS)} * ${sql.lit(step)} + (s.n % ${sql.lit(ITEMS)})`)}
    from (${series(MOVEMENTS)}) s`.execute(store.db);
  const orderStep = Math.floor(YEAR_SECONDS / ORDERS);
  await sql`insert into orders (request_hash, priority, shortage, status, placed_at, updated_at)
    select 'bench', 0, 'backorder', 'open', ${time(sql`s.n * ${sql.lit(orderStep)}`)}, ${time(sql`s.n * ${sql.lit(orderStep)}`)} from (${series(ORDERS)}) s`.execute(store.db);
  await sql`insert into order_lines (order_id, line_no, item_id, quantity, allocated, backordered, shipped, cancelled, unit_price, priority, placed_at, eta_estimated, placed_allocated, placed_backordered)
    select o.id, 1, (o.id % ${sql.lit(ITEMS)}) + 1, 2, case when o.id % 10 = 0 then 1 else 2 end, case when o.id % 10 = 0 then 1 else 0 end, 0, 0, 1000, 0, o.placed_at, 0,
      case when o.id % 10 = 0 then 1 else 2 end, case when o.id % 10 = 0 then 1 else 0 end from orders o`.execute(store.db);
  await sql`insert into stock_levels (item_id, location_id, on_hand, allocated, created_at)
    select item_id, location_id, sum(on_hand_delta), sum(allocated_delta), min(created_at) from movements group by item_id, location_id`.execute(store.db);
  await rebuildStockouts(store.db);
  await rebuildItemDays(store.db);
  await rebuildLocationStockouts(store.db);
  await rebuildLocationDays(store.db);
  if (postgres) await sql`analyze`.execute(store.db);
  const period = { from: '2025-01-01', until: '2026-01-01' };
  const baseline = await timed(async () => {
    await sql`select count(*), sum(on_hand_delta - allocated_delta) from movements where created_at >= '2025-01-01' and created_at < '2026-01-01'`.execute(store.db);
  });
  let stockouts = 0;
  let locationStockouts = 0;
  const value = await timed(async () => {
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

async function timed(work: () => Promise<void>): Promise<number> {
  await work();
  const started = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

// Seeding a million rows in one statement takes longer than the service's statement timeout.
await onBothDialects('kpis', measure, { pgStatementTimeoutMs: 0 });
