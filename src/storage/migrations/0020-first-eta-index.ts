import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Promises kept reads the lines whose first promise fell due in a period: by first_eta, only
 * lines ever promised (placements that allocate in full write no entry).
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index order_lines_first_eta on order_lines (first_eta) where first_eta is not null`.execute(db);
}
