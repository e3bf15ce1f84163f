import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * When waiting units were cancelled (the one change of a backorder the ledger does not date), so
 * the units waiting at the end of a past period can be told from today's queue: today's waiting
 * units, plus those filled or cancelled since, minus those a stock count returned to the queue
 * since. Cancellations from before this migration are not known; periods before it use today's
 * queue for them.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? sql.raw('id serial primary key') : sql.raw('id integer primary key autoincrement');
  await sql`create table backorder_cancellations (
    ${id}, line_id integer not null references order_lines(id), item_id integer not null references items(id),
    quantity integer not null check (quantity > 0), created_at varchar(32) not null)`.execute(db);
  await sql`create index backorder_cancellations_time on backorder_cancellations (created_at)`.execute(db);
  await sql`create index movements_clawbacks on movements (created_at) where reason = 'returned to queue: stock count fell below allocations'`.execute(db);
}
