import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Marks the purchase-order lines whose expected date was left to the lead time, so sending a draft
 * days after it was made counts the lead time from the day it is sent rather than promising the
 * customer (and judging the supplier by) a date that comes too early.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`alter table po_lines add column expected_by_lead_time integer not null default 0`.execute(db);
}
