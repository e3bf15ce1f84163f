import { DEFAULT_MIGRATION_TABLE, sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';
import { StorageUnavailable } from '../storage-errors.js';

/**
 * Migrations that were once recorded under another name, by that name. The planning-run settings
 * were 0025 for a few hours (372bb09) before they took the next free number, 0021 (4532795): a
 * database migrated in between has 0025-planning-run-settings in its history, which Kysely's
 * migrator takes for a migration that has gone missing, so it could never be upgraded.
 */
const RENAMED: Readonly<Record<string, string>> = {
  '0025-planning-run-settings': '0021-planning-run-settings',
};

/** The name a migration has now, for a name it may have been recorded (or backed up) under. */
export function currentMigrationName(name: string): string {
  return RENAMED[name] ?? name;
}

/**
 * Makes the recorded history of `db` one this version's migrator can read, before it runs: renames
 * migrations recorded under an earlier name (a second run finds nothing to rename), then refuses a
 * database holding migrations this version does not know (a newer Restock upgraded it) as
 * unavailable, with what to do, instead of Kysely's "corrupted migrations".
 */
export async function reconcileMigrationHistory<DB>(db: Kysely<DB>, dialect: DialectName, known: readonly string[]): Promise<void> {
  const table = await migrationTable(db, dialect);
  if (table === null) return;
  for (const [before, now] of Object.entries(RENAMED)) {
    await sql`update ${table} set name = ${now} where name = ${before} and not exists (select 1 from ${table} where name = ${now})`.execute(db);
  }
  const recorded = (await sql<{ name: string }>`select name from ${table} order by name`.execute(db)).rows.map((row) => row.name);
  const unknown = recorded.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const them = unknown.length === 1 ? `migration ${unknown[0]}, which this version does not know` : `migrations ${unknown.join(', ')}, which this version does not know`;
    throw new StorageUnavailable(`this database was upgraded by a newer Restock (it has ${them}); run that version or newer`);
  }
}

/** Kysely's migration table of `db` (in PostgreSQL's current schema, where the migrator looks), or null before the first migration. */
async function migrationTable<DB>(db: Kysely<DB>, dialect: DialectName) {
  if (dialect === 'sqlite') {
    const found = await sql`select 1 from sqlite_master where type = 'table' and name = ${DEFAULT_MIGRATION_TABLE}`.execute(db);
    return found.rows.length > 0 ? sql.table(DEFAULT_MIGRATION_TABLE) : null;
  }
  const { rows } = await sql<{ schema: string | null }>`
    select current_schema() as schema from information_schema.tables
    where table_schema = current_schema() and table_name = ${DEFAULT_MIGRATION_TABLE}`.execute(db);
  const schema = rows[0]?.schema;
  return schema ? sql.table(`${schema}.${DEFAULT_MIGRATION_TABLE}`) : null;
}
