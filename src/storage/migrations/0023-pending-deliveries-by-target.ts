import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The pending deliveries of each target in event order: the dispatcher reads one target at a time
 * (its targets found by stepping through this index) and claims its oldest heads. Without it
 * SQLite, which keeps no statistics here, read a target through the unique (target, event_seq)
 * index, past every delivery the target ever had, delivered and dead ones included.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index deliveries_target_pending on deliveries (target, event_seq) where status = 'pending'`.execute(db);
}
