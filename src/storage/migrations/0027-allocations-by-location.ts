import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The units allocated at each location, for its pick list (`GET /orders?location=`): the index on
 * (item_id, location_id) cannot find a location's allocations without reading every item's.
 * Only allocations still held: a line's row stays at 0 once its units shipped.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index line_allocations_location on line_allocations (location_id, line_id) where quantity > 0`.execute(db);
}
