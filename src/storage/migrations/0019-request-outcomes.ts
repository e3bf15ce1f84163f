import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The outcome of each shipment or cancellation sent with an Idempotency-Key, so a client that
 * retries one (after a timeout, say) gets the first answer instead of shipping or cancelling twice.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create table request_outcomes (
    idempotency_key varchar(255) primary key, request_hash varchar(64) not null, outcome text not null, created_at varchar(32) not null)`.execute(db);
}
