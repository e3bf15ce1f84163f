import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';
import { rebuildLocationDays } from '../location-day-rollup.js';
import { rebuildLocationStockouts } from '../rebuild-stockouts.js';
import type { Database } from '../schema.js';

/**
 * Facts for KPIs per location (SPEC §8): when each stock level first existed, daily per item and
 * location on-hand changes, shipments and receipts, and the stretches of time a location had no
 * available units of an item (recorded by the transaction that crossed zero, like `stockouts` for
 * the whole network). Existing data is back-filled from the ledger.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? sql.raw('id serial primary key') : sql.raw('id integer primary key autoincrement');
  await sql`alter table stock_levels add column created_at varchar(32)`.execute(db);
  await sql`update stock_levels set created_at = (
      select min(m.created_at) from movements m where m.item_id = stock_levels.item_id and m.location_id = stock_levels.location_id)`.execute(db);
  await sql`create table location_days (
    item_id integer not null references items(id), location_id integer not null references locations(id), day varchar(10) not null,
    on_hand_delta integer not null default 0, shipped integer not null default 0, received integer not null default 0,
    primary key (item_id, location_id, day))`.execute(db);
  await sql`create index location_days_day on location_days (day)`.execute(db);
  await sql`create table location_stockouts (
    ${id}, item_id integer not null references items(id), location_id integer not null references locations(id),
    started_at varchar(32) not null, ended_at varchar(32), initial integer not null default 0)`.execute(db);
  await sql`create index location_stockouts_time on location_stockouts (started_at)`.execute(db);
  await sql`create unique index location_stockouts_open on location_stockouts (item_id, location_id) where ended_at is null`.execute(db);
  await rebuildLocationDays(db as Kysely<Database>);
  await rebuildLocationStockouts(db as Kysely<Database>);
}
