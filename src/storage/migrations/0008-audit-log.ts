import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The audit trail of setting changes (SPEC §9): who created, changed, deleted or revoked an item,
 * location, supplier, supplier link, webhook endpoint, API key or purchase order, when, and which
 * fields moved from what to what (JSON; secrets redacted). Append-only like the ledger, which
 * already records the actor of every stock movement.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? sql.raw('id serial primary key') : sql.raw('id integer primary key autoincrement');
  const statements = [
    sql`create table audit_log (
      ${id}, created_at varchar(32) not null, actor text not null,
      subject_type varchar(32) not null, subject_key text not null, action varchar(32) not null,
      changes text not null)`,
    sql`create index audit_log_subject on audit_log (subject_type, subject_key, id)`,
    sql`create index audit_log_actor on audit_log (actor, id)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
