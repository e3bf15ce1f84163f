import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The planning settings each run used, as JSON: a shop that changes them can tell which runs
 * planned under which. Runs recorded before have none (null).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table planning_runs add column settings text`.execute(db);
}
