import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Planning (SPEC §7): demand imported from before Restock took orders, the latest forecast of
 * each item, and the record of planning runs (one nightly run per day however many processes
 * run the schedule). Demand since Restock took orders is read from order_lines, not copied.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? sql.raw('id serial primary key') : sql.raw('id integer primary key autoincrement');
  const float = sql.raw(dialect === 'postgres' ? 'double precision' : 'real');
  const statements = [
    // One row per item, day and (when known) location; a location-less row is network demand.
    sql`create table demand_history (
      ${id}, item_id integer not null references items(id), location_id integer references locations(id),
      day varchar(10) not null, quantity integer not null check (quantity >= 0), imported_at varchar(32) not null)`,
    sql`create unique index demand_history_network on demand_history (item_id, day) where location_id is null`,
    sql`create unique index demand_history_located on demand_history (item_id, location_id, day) where location_id is not null`,
    // Forecasts read every row of an item in a range of days, with or without a location.
    sql`create index demand_history_item_day on demand_history (item_id, day)`,
    // mean and quantiles are JSON lists per 7-day step from start_day; dispersion and level_uncertainty
    // are the count model the lead-time distribution is built from (see lead-time-distribution.ts).
    sql`create table forecasts (
      item_id integer primary key references items(id), method varchar(32) not null, demand_class varchar(16) not null,
      adi ${float}, cv2 ${float} not null, history_start varchar(10) not null, history_days integer not null,
      start_day varchar(10) not null, horizon_days integer not null, mean text not null, quantiles text not null,
      dispersion ${float} not null, level_uncertainty ${float} not null, backtest_loss ${float} not null, scores text not null,
      protection_days integer not null, lead_time_rmse ${float}, lead_time_origins integer not null,
      computed_at varchar(32) not null)`,
    sql`create table planning_runs (
      ${id}, trigger varchar(16) not null check (trigger in ('nightly', 'manual')), run_day varchar(10) not null,
      status varchar(16) not null check (status in ('running', 'finished', 'failed')),
      items integer not null default 0, suggestions integer not null default 0, error text,
      started_at varchar(32) not null, finished_at varchar(32))`,
    sql`create unique index planning_runs_nightly on planning_runs (run_day) where trigger = 'nightly'`,
  ];
  for (const statement of statements) await statement.execute(db);
}
