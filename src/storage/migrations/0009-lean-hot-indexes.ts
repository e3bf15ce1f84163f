import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Drops two indexes that no query needs but every placement pays for (each is one more page in
 * every commit, and movements_item_time one more random page per line):
 * - orders_placed (placed_at): orders_placed_full (placed_at, placed_full) serves every query on
 *   placed_at, and covers the only one (the KPIs' count of orders placed in a period);
 * - movements_item_time (item_id, created_at): movements are found by item through movements_item
 *   (item_id, id), by line through movements_line and by time through movements_time; the
 *   per-location demand query joins through the line.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`drop index orders_placed`.execute(db);
  await sql`drop index movements_item_time`.execute(db);
}
