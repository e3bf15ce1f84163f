import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/** Core tables: catalogue, stock, the movement ledger, orders, lost demand and the outbox. */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const postgres = dialect === 'postgres';
  const id = (name: string) => (postgres ? sql.raw(`${name} serial primary key`) : sql.raw(`${name} integer primary key autoincrement`));
  const statements = [
    sql`create table items (
      ${id('id')}, sku varchar(64) not null unique, name text not null,
      unit_price integer not null, unit_cost integer not null,
      backorder_policy varchar(8) not null check (backorder_policy in ('deny','allow')),
      backorder_limit integer check (backorder_limit >= 0),
      low_stock_threshold integer not null default 0 check (low_stock_threshold >= 0),
      lead_time_days integer not null default 14 check (lead_time_days >= 0),
      substitutes text not null default '[]', discontinued integer not null default 0,
      backordered integer not null default 0 check (backordered >= 0),
      created_at varchar(32) not null, updated_at varchar(32) not null)`,
    sql`create table locations (
      ${id('id')}, code varchar(64) not null unique, name text not null,
      priority integer not null default 0, active integer not null default 1, created_at varchar(32) not null)`,
    sql`create table stock_levels (
      item_id integer not null references items(id), location_id integer not null references locations(id),
      on_hand integer not null default 0, allocated integer not null default 0,
      primary key (item_id, location_id),
      check (allocated >= 0), check (allocated <= on_hand))`,
    sql`create table movements (
      ${id('id')}, item_id integer not null references items(id), location_id integer not null references locations(id),
      kind varchar(16) not null, on_hand_delta integer not null, allocated_delta integer not null,
      reason text, order_id integer, line_id integer, reference text, actor text not null, created_at varchar(32) not null)`,
    sql`create index movements_item on movements (item_id, id)`,
    sql`create index movements_time on movements (created_at)`,
    sql`create table orders (
      ${id('id')}, external_id varchar(128) unique, idempotency_key varchar(255) unique, request_hash varchar(64) not null,
      customer_id text, customer_email text, customer_name text,
      priority integer not null default 0, shortage varchar(16) not null, status varchar(24) not null,
      rejection text, placed_at varchar(32) not null, updated_at varchar(32) not null)`,
    sql`create index orders_placed on orders (placed_at)`,
    sql`create table order_lines (
      ${id('id')}, order_id integer not null references orders(id), line_no integer not null,
      item_id integer not null references items(id), quantity integer not null check (quantity > 0),
      allocated integer not null default 0 check (allocated >= 0), backordered integer not null default 0 check (backordered >= 0),
      shipped integer not null default 0 check (shipped >= 0), cancelled integer not null default 0 check (cancelled >= 0),
      unit_price integer not null, priority integer not null, placed_at varchar(32) not null,
      eta varchar(10), eta_estimated integer not null default 0, first_eta varchar(10),
      check (quantity = allocated + backordered + shipped + cancelled))`,
    sql`create index order_lines_order on order_lines (order_id, line_no)`,
    sql`create index order_lines_queue on order_lines (item_id, priority desc, placed_at, id) where backordered > 0`,
    sql`create table line_allocations (
      line_id integer not null references order_lines(id), item_id integer not null, location_id integer not null,
      quantity integer not null check (quantity >= 0), primary key (line_id, location_id))`,
    sql`create index line_allocations_stock on line_allocations (item_id, location_id)`,
    sql`create table lost_demand (
      ${id('id')}, order_id integer, line_id integer, item_id integer not null references items(id),
      quantity integer not null check (quantity > 0), unit_price integer not null, reason varchar(32) not null,
      created_at varchar(32) not null)`,
    sql`create index lost_demand_time on lost_demand (created_at)`,
    sql`create table events (
      ${id('seq')},
      type varchar(64) not null, subject_type varchar(16) not null, subject_id varchar(128) not null,
      payload text not null, created_at varchar(32) not null)`,
  ];
  for (const statement of statements) await statement.execute(db);
}

