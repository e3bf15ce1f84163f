import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * A rejected order placed again under its external id (with another shortage mode, or fewer units)
 * is one customer order, not two: each rejection is marked superseded by the next order recorded
 * under that id (`superseded_by`), and leaves the demand figures, so KPIs and forecasts count the
 * customer order once. Orders recorded by earlier releases are marked here the same way, and the
 * units, lines and revenue of those marked leave the daily totals of the days they were counted on.
 *
 * `superseded_by` is not a foreign key: it names a later order, and a restore loads orders in id
 * order. Its index holds the few superseded orders only, which readers of demand leave out.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect === 'postgres') return supersede(db);
  // SQLite runs a migration outside a transaction, and taking the totals out twice would count the
  // customer orders less than once: all of it commits together, and a run stopped after that commit
  // but before the migration was recorded finds the column and has nothing left to do.
  if (await hasSupersededColumn(db)) return;
  await sql`begin immediate`.execute(db);
  try {
    await supersede(db);
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  }
}

async function supersede(db: Kysely<unknown>): Promise<void> {
  await sql`alter table orders add column superseded_by integer`.execute(db);
  await sql`create index orders_superseded on orders (superseded_by) where superseded_by is not null`.execute(db);
  // Each rejection by the first order recorded after it under its external id (placed or rejected).
  await sql`
    update orders set superseded_by = (
      select min(later.id) from orders later
      where later.id > orders.id and (later.external_id = orders.rejected_external_id or later.rejected_external_id = orders.rejected_external_id))
    where rejected_external_id is not null`.execute(db);
  await sql`
    update item_days set requested = item_days.requested - f.requested, revenue = item_days.revenue - f.revenue,
      placed_allocated = item_days.placed_allocated - f.placed_allocated, placed_backordered = item_days.placed_backordered - f.placed_backordered,
      lines = item_days.lines - f.lines, full_lines = item_days.full_lines - f.full_lines,
      lost = item_days.lost - f.lost, lost_revenue = item_days.lost_revenue - f.lost_revenue
    from (
      select item_id, day, sum(requested) as requested, sum(revenue) as revenue, sum(placed_allocated) as placed_allocated,
        sum(placed_backordered) as placed_backordered, sum(lines) as lines, sum(full_lines) as full_lines, sum(lost) as lost, sum(lost_revenue) as lost_revenue
      from (
        select l.item_id, substr(l.placed_at, 1, 10) as day, l.quantity as requested, l.quantity * 1.0 * l.unit_price as revenue,
          l.placed_allocated, l.placed_backordered, 1 as lines, case when l.placed_allocated = l.quantity then 1 else 0 end as full_lines,
          0 as lost, 0 as lost_revenue
        from order_lines l join orders o on o.id = l.order_id where o.superseded_by is not null
        union all
        select d.item_id, substr(d.created_at, 1, 10), 0, 0, 0, 0, 0, 0, d.quantity, d.quantity * 1.0 * d.unit_price
        from lost_demand d join orders o on o.id = d.order_id where o.superseded_by is not null
      ) facts group by item_id, day
    ) f
    where item_days.item_id = f.item_id and item_days.day = f.day`.execute(db);
}

async function hasSupersededColumn(db: Kysely<unknown>): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`select count(*) as n from pragma_table_info('orders') where name = 'superseded_by'`.execute(db);
  return Number(rows[0]?.n ?? 0) > 0;
}
