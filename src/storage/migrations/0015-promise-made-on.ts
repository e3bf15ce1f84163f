import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The day each waiting line's promise date was made, so a later recompute can tell a promise that
 * only the passing days would move (kept) from one real news moves. Promises made before this
 * migration have no day and are made afresh at their next recompute.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table order_lines add column eta_made_on varchar(10)`.execute(db);
}
