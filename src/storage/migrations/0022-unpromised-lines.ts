import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * A line with nothing waiting keeps no day its promise was made on (as a fill now leaves it), so a
 * line with no date but such a day means one thing only: its date was withdrawn (a discontinued
 * item's line beyond its purchase orders), and its next date is news to its customer.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`update order_lines set eta_made_on = null where eta is null and backordered = 0 and eta_made_on is not null`.execute(db);
}
