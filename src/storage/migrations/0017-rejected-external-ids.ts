import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * A rejected order no longer holds its external id (which is unique among orders): the storefront
 * may place that order again, against the stock of then or with another shortage mode. The id
 * is kept beside it for the record.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table orders add column rejected_external_id varchar(128)`.execute(db);
  await sql`update orders set rejected_external_id = external_id, external_id = null where status = 'rejected' and external_id is not null`.execute(db);
}
