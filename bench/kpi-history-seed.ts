import { sql, type Kysely } from 'kysely';
import { rebuildItemDays } from '../src/storage/item-day-rollup.js';
import { rebuildLocationDays } from '../src/storage/location-day-rollup.js';
import { rebuildLocationStockouts, rebuildStockouts } from '../src/storage/rebuild-stockouts.js';
import type { Database } from '../src/storage/schema.js';
import type { BenchDialect } from './both-dialects.js';

const YEAR_SECONDS = 365 * 86_400;

/**
 * A year of KPI history seeded in SQL for the KPI benchmarks: `items` items at two locations, each
 * stocking out and refilling every 21 of its movements, `movements` ledger movements spread over
 * 2025 and an order line per five movements; stock levels, stockout histories and daily totals
 * (network and per location) rebuilt from those rows as the service keeps them.
 */
export async function seedKpiHistory(db: Kysely<Database>, dialect: BenchDialect, { items, movements }: { readonly items: number; readonly movements: number }): Promise<void> {
  const postgres = dialect === 'postgres';
  const orders = movements / 5;
  const series = (count: number) => (postgres ? sql`select generate_series(0, ${sql.lit(count - 1)}) as n` : sql`with recursive seq(n) as (select 0 union all select n + 1 from seq where n < ${sql.lit(count - 1)}) select n from seq`);
  const time = (seconds: ReturnType<typeof sql>) =>
    postgres
      ? sql`to_char(timestamp '2025-01-01' + (${seconds}) * interval '1 second', 'YYYY-MM-DD"T"HH24:MI:SS.000"Z"')`
      : sql`strftime('%Y-%m-%dT%H:%M:%S.000Z', '2025-01-01', '+' || (${seconds}) || ' seconds')`;
  const div = (a: string, b: number) => (postgres ? sql.raw(`(${a} / ${b})`) : sql.raw(`(${a} / ${b})`));
  await sql`insert into locations (code, name, priority, active, created_at) values ('MAIN', 'Main', 0, 1, '2024-12-31T00:00:00.000Z'), ('EAST', 'East', 1, 1, '2024-12-31T00:00:00.000Z')`.execute(db);
  await sql`insert into items (sku, name, unit_price, unit_cost, backorder_policy, backorder_limit, low_stock_threshold, lead_time_days, substitutes, discontinued, created_at, updated_at)
    select 'SKU-' || s.n, 'Item ' || s.n, 1000 + s.n, 600, 'allow', null, 0, 14, '[]', 0, '2024-12-31T00:00:00.000Z', '2024-12-31T00:00:00.000Z' from (${series(items)}) s`.execute(db);
  const step = Math.floor(YEAR_SECONDS / (movements / items));
  await sql`insert into movements (item_id, location_id, kind, on_hand_delta, allocated_delta, reason, order_id, line_id, reference, actor, created_at)
    select (s.n % ${sql.lit(items)}) + 1, (s.n % ${sql.lit(items)}) % 2 + 1,
      case when ${div('s.n', items)} % 21 = 0 then 'receipt' else 'allocation' end,
      case when ${div('s.n', items)} % 21 = 0 then 20 else 0 end,
      case when ${div('s.n', items)} % 21 = 0 then 0 else 1 end,
      'bench', null, null, null, 'bench',
      ${time(sql`${div('s.n', items)} * ${sql.lit(step)} + (s.n % ${sql.lit(items)})`)}
    from (${series(movements)}) s`.execute(db);
  const orderStep = Math.floor(YEAR_SECONDS / orders);
  await sql`insert into orders (request_hash, priority, shortage, status, placed_at, updated_at)
    select 'bench', 0, 'backorder', 'open', ${time(sql`s.n * ${sql.lit(orderStep)}`)}, ${time(sql`s.n * ${sql.lit(orderStep)}`)} from (${series(orders)}) s`.execute(db);
  await sql`insert into order_lines (order_id, line_no, item_id, quantity, allocated, backordered, shipped, cancelled, unit_price, priority, placed_at, eta_estimated, placed_allocated, placed_backordered)
    select o.id, 1, (o.id % ${sql.lit(items)}) + 1, 2, case when o.id % 10 = 0 then 1 else 2 end, case when o.id % 10 = 0 then 1 else 0 end, 0, 0, 1000, 0, o.placed_at, 0,
      case when o.id % 10 = 0 then 1 else 2 end, case when o.id % 10 = 0 then 1 else 0 end from orders o`.execute(db);
  await sql`insert into stock_levels (item_id, location_id, on_hand, allocated, created_at)
    select item_id, location_id, sum(on_hand_delta), sum(allocated_delta), min(created_at) from movements group by item_id, location_id`.execute(db);
  await rebuildStockouts(db);
  await rebuildItemDays(db);
  await rebuildLocationStockouts(db);
  await rebuildLocationDays(db);
  if (postgres) await sql`analyze`.execute(db);
}
