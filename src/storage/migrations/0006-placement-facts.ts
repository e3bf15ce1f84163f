import { sql, type Kysely } from 'kysely';

/**
 * What each line got at the moment it was placed (allocated, backordered), kept apart from the
 * live counters so fill rates at placement can be measured for any past period (SPEC §8).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table order_lines add column placed_allocated integer not null default 0`.execute(db);
  await sql`alter table order_lines add column placed_backordered integer not null default 0`.execute(db);
  await sql`create index order_lines_placed on order_lines (placed_at)`.execute(db);
  await sql`create index movements_item_time on movements (item_id, created_at)`.execute(db);
  await sql`create index movements_line on movements (line_id)`.execute(db);
}
