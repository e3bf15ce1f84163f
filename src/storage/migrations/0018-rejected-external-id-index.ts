import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/** Finding an order by the reference a customer quotes reaches rejected orders too (partial: placements write no entry). */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index orders_rejected_external_id on orders (rejected_external_id) where rejected_external_id is not null`.execute(db);
}
