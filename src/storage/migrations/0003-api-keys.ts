import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * API keys (SPEC §9). Only a SHA-256 hash of each key is kept; `lookup` (the hash's first 16 hex
 * digits) finds the row, and the rest of the hash is compared in constant time.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  const id = dialect === 'postgres' ? sql.raw('id serial primary key') : sql.raw('id integer primary key autoincrement');
  const statements = [
    sql`create table api_keys (
      ${id}, name text not null,
      role varchar(16) not null check (role in ('admin','operator','storefront','viewer')),
      lookup varchar(16) not null, key_hash varchar(64) not null unique,
      created_at varchar(32) not null, revoked_at varchar(32))`,
    sql`create index api_keys_lookup on api_keys (lookup)`,
  ];
  for (const statement of statements) await statement.execute(db);
}
