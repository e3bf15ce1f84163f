import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Facts for measuring stockouts over any past period (SPEC §8): what each line and order got at the
 * moment it was placed (kept apart from the live counters), daily per-item totals, and the
 * stretches of time each item had no available units, recorded by the transaction that crossed zero.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? sql.raw('id serial primary key') : sql.raw('id integer primary key autoincrement');
  await sql`create table stockouts (
    ${id}, item_id integer not null references items(id), started_at varchar(32) not null, ended_at varchar(32),
    initial integer not null default 0)`.execute(db);
  await sql`create index stockouts_item on stockouts (item_id, started_at)`.execute(db);
  await sql`create unique index stockouts_open on stockouts (item_id) where ended_at is null`.execute(db);
  await sql`alter table order_lines add column placed_allocated integer not null default 0`.execute(db);
  await sql`alter table order_lines add column placed_backordered integer not null default 0`.execute(db);
  await sql`create index order_lines_placed on order_lines (placed_at)`.execute(db);
  await sql`alter table orders add column placed_full integer not null default 0`.execute(db);
  await sql`create index orders_placed_full on orders (placed_at, placed_full)`.execute(db);
  await sql`create table item_days (
    item_id integer not null references items(id), day varchar(10) not null,
    requested integer not null default 0, revenue bigint not null default 0,
    placed_allocated integer not null default 0, placed_backordered integer not null default 0,
    lines integer not null default 0, full_lines integer not null default 0,
    lost integer not null default 0, lost_revenue bigint not null default 0,
    on_hand_delta integer not null default 0, shipped integer not null default 0,
    primary key (item_id, day))`.execute(db);
  await sql`create index item_days_day on item_days (day)`.execute(db);
  await sql`create index movements_fills on movements (created_at) where reason = 'backorder filled'`.execute(db);
  await sql`create index movements_item_time on movements (item_id, created_at)`.execute(db);
  await sql`create index movements_line on movements (line_id)`.execute(db);
}
