import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Which restock told each notified subscriber (the instant of the transaction that brought the
 * units in), so that the events of one restock (a receipt and the status change it caused) never
 * tell more subscribers between them than the units that came in.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table subscriptions add column notified_for varchar(32)`.execute(db);
  await sql`create index subscriptions_notified_for on subscriptions (item_id, notified_for) where notified_for is not null`.execute(db);
}
