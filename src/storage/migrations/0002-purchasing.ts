import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/** Suppliers, item–supplier links, purchase orders and their receipts (SPEC §5). */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = (name: string) => (dialect === 'postgres' ? sql.raw(`${name} serial primary key`) : sql.raw(`${name} integer primary key autoincrement`));
  const statements = [
    sql`create table suppliers (
      ${id('id')}, code varchar(64) not null unique, name text not null, email text,
      lead_time_days integer not null check (lead_time_days >= 0),
      created_at varchar(32) not null, updated_at varchar(32) not null)`,
    sql`create table item_suppliers (
      item_id integer not null references items(id), supplier_id integer not null references suppliers(id),
      supplier_sku text, unit_cost integer not null check (unit_cost >= 0), lead_time_days integer check (lead_time_days >= 0),
      moq integer not null default 1 check (moq >= 1), pack_size integer not null default 1 check (pack_size >= 1),
      preferred integer not null default 0 check (preferred in (0, 1)), primary key (item_id, supplier_id))`,
    // At most one preferred supplier per item: its lead time is the fallback of promise dates.
    sql`create unique index item_suppliers_preferred on item_suppliers (item_id) where preferred = 1`,
    sql`create index item_suppliers_supplier on item_suppliers (supplier_id)`,
    sql`create table purchase_orders (
      ${id('id')}, supplier_id integer not null references suppliers(id), reference text,
      status varchar(24) not null check (status in ('draft','ordered','partially_received','received','cancelled')),
      created_at varchar(32) not null, ordered_at varchar(32), closed_at varchar(32), updated_at varchar(32) not null)`,
    sql`create index purchase_orders_supplier on purchase_orders (supplier_id, id)`,
    sql`create index purchase_orders_status on purchase_orders (status, id)`,
    // promised_on is expected_on as it stood when the order was sent: the scorecard's yardstick.
    sql`create table po_lines (
      ${id('id')}, po_id integer not null references purchase_orders(id), line_no integer not null,
      item_id integer not null references items(id), quantity integer not null check (quantity > 0),
      received integer not null default 0 check (received >= 0), cancelled integer not null default 0 check (cancelled >= 0),
      unit_cost integer not null check (unit_cost >= 0), expected_on varchar(10) not null, promised_on varchar(10),
      unique (po_id, line_no))`,
    sql`create index po_lines_item on po_lines (item_id, expected_on)`,
    sql`create table receipts (
      ${id('id')}, po_id integer not null references purchase_orders(id), po_line_id integer not null references po_lines(id),
      item_id integer not null references items(id), location_id integer not null references locations(id),
      quantity integer not null check (quantity > 0), received_on varchar(10) not null, actor text not null, created_at varchar(32) not null)`,
    sql`create index receipts_po on receipts (po_id, id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
