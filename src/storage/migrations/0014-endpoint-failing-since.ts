import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * When an endpoint's current failure streak began: an endpoint is switched off only after failing
 * for a while, not because one burst of deliveries met a short outage.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table webhook_endpoints add column failing_since varchar(32)`.execute(db);
}
