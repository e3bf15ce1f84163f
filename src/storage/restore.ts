import BetterSqlite3 from 'better-sqlite3';
import { closeSync, createReadStream, existsSync, openSync, readSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { fail, ok, type Result } from '../app/result.js';
import { BACKUP_FORMAT, BACKUP_VERSION, isDataTable, quote, sqliteContents } from './backup.js';
import type { DialectName } from './dialect-name.js';
import { migrationProvider } from './migrations/index.js';
import { currentMigrationName } from './migrations/migration-history.js';
import { despiteDroppedSchemas, migratorFor, openStore, type StoreOptions } from './open-store.js';
import type { Database } from './schema.js';

const SQLITE_MAGIC = 'SQLite format 3\0';

export interface RestoreReport {
  readonly file: string;
  readonly format: 'sqlite' | 'jsonl';
  readonly dialect: DialectName;
  readonly migrations: readonly string[];
  readonly tables: Readonly<Record<string, number>>;
}

/**
 * Restores a backup made by `backupDatabase` (of either database) into the configured database,
 * which must be empty: migrated to the backup's version, every row loaded in one transaction (all or
 * nothing), sequences moved past the restored ids, then migrated to this version.
 */
export async function restoreDatabase(options: StoreOptions, file: string): Promise<Result<RestoreReport>> {
  if (!existsSync(file)) return fail('NOT_FOUND', `file: ${file} does not exist`, { field: 'file' });
  const source = isSqliteFile(file) ? sqliteSource(file) : await jsonSource(file);
  if (!source.ok) return source;
  const { format, sections, close } = source.value;
  // A backup of a database migrated while a migration had another name names it so.
  const migrations = source.value.migrations.map(currentMigrationName).sort();
  const store = await openStore({ ...options, migrate: false });
  try {
    const { db, dialect } = store;
    const known = Object.keys(await migrationProvider(dialect).getMigrations()).sort();
    const unknown = migrations.find((name) => !known.includes(name));
    if (unknown) return fail('CONFLICT', `file: the backup needs migration ${unknown}, which this version of restock does not have`, { field: 'file' });
    const migrator = await migratorFor(db, dialect);
    const applied = (await despiteDroppedSchemas(() => migrator.getMigrations())).filter((m) => m.executedAt !== undefined).map((m) => m.name);
    if (applied.some((name, index) => migrations[index] !== name)) {
      return fail('CONFLICT', 'the target database is at a later version than the backup; restore into a new, empty database', { applied });
    }
    const last = migrations[migrations.length - 1];
    if (last !== undefined) {
      await despiteDroppedSchemas(async () => {
        const { error } = await migrator.migrateTo(last);
        if (error) throw error;
      });
    }
    const seeded = await rowsWrittenByMigrations(migrations);
    for (const table of await tableNames(db, dialect)) {
      const { n } = (await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0] ?? { n: 0 };
      if (Number(n) > (seeded[table] ?? 0)) return fail('CONFLICT', `the target database is not empty (${table} has ${n} rows); restore into an empty database`, { table });
    }
    let tables: Record<string, number>;
    try {
      tables = await db.transaction().execute((trx) => load(trx, dialect, sections()));
    } catch (error) {
      if (error instanceof DamagedBackup) return fail('VALIDATION_FAILED', `file: ${error.message}; nothing was restored`, { field: 'file' });
      throw error;
    }
    await store.migrate();
    await analyze(db, dialect);
    return ok({ file, format, dialect, migrations, tables });
  } finally {
    close();
    await store.close();
  }
}

type Section = { readonly table: string; readonly columns: readonly string[]; readonly rows: AsyncIterable<unknown[]> | Iterable<unknown[]> };

interface Source {
  readonly format: 'sqlite' | 'jsonl';
  readonly migrations: readonly string[];
  /** Each table's rows, parents before children; ends with the row counts the backup promises. */
  sections(): AsyncGenerator<Section, Record<string, number>>;
  close(): void;
}

/** Thrown inside the loading transaction to roll it back when the backup turns out to be damaged. */
class DamagedBackup extends Error {}

async function load(trx: Kysely<Database>, dialect: DialectName, sections: AsyncGenerator<Section, Record<string, number>>): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  let step = await sections.next();
  while (!step.done) {
    const { table, columns, rows } = step.value;
    // Well under both databases' limits on bound parameters per statement.
    const batchSize = Math.max(1, Math.min(500, Math.floor(30_000 / columns.length)));
    let batch: unknown[][] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const values = batch.map((row) => sql`(${sql.join(row.map((value) => decode(value, dialect)))})`);
      await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(trx);
      counts[table] = (counts[table] ?? 0) + batch.length;
      batch = [];
    };
    // Only rows the migrations wrote can be here (e.g. a generated secret): the backup's replace them.
    await sql`delete from ${sql.table(table)}`.execute(trx);
    counts[table] = 0;
    for await (const row of rows) {
      if (row.length !== columns.length) throw new DamagedBackup(`a row of ${table} has ${row.length} values for ${columns.length} columns`);
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    step = await sections.next();
  }
  const promised = step.value;
  const differs = Object.keys({ ...promised, ...counts }).filter((t) => (promised[t] ?? 0) !== (counts[t] ?? 0));
  if (differs.length > 0) throw new DamagedBackup(`the backup promises other row counts for ${differs.join(', ')}`);
  if (dialect === 'postgres') await resetSequences(trx);
  return counts;
}

/**
 * Rows per table that the migrations up to `migrations` write by themselves (generated secrets,
 * cursors), found by running them on a scratch in-memory database: a database that holds no more
 * than these is empty.
 */
async function rowsWrittenByMigrations(migrations: readonly string[]): Promise<Record<string, number>> {
  const last = migrations[migrations.length - 1];
  if (last === undefined) return {};
  const scratch = new Kysely<Database>({ dialect: new SqliteDialect({ database: new BetterSqlite3(':memory:') }) });
  try {
    const { error } = await (await migratorFor(scratch, 'sqlite')).migrateTo(last);
    if (error) throw error;
    const counts: Record<string, number> = {};
    for (const table of await tableNames(scratch, 'sqlite')) {
      counts[table] = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(scratch)).rows[0]?.n ?? 0);
    }
    return counts;
  } finally {
    await scratch.destroy();
  }
}

/** Serial ids continue after the largest restored one (SQLite's AUTOINCREMENT does so by itself). */
async function resetSequences(trx: Kysely<Database>): Promise<void> {
  const serials = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and column_default like 'nextval(%'`.execute(trx);
  for (const { table_name: table, column_name: column } of serials.rows) {
    await sql`select setval(pg_get_serial_sequence(${table}, ${column}), coalesce((select max(${sql.ref(column)}) from ${sql.table(table)}), 0) + 1, false)`.execute(trx);
  }
}

function sqliteSource(file: string): Result<Source> {
  const database = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
  try {
    const contents = sqliteContents(database);
    return ok({
      format: 'sqlite',
      migrations: contents.migrations,
      close: () => database.close(),
      async *sections() {
        for (const table of contents.tables) {
          const columns = (database.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => c.name);
          yield { table, columns, rows: database.prepare(`select * from ${quote(table)}`).raw(true).iterate() as Iterable<unknown[]> };
        }
        return contents.counts;
      },
    });
  } catch (error) {
    database.close();
    return fail('VALIDATION_FAILED', `file: not a restock database (${error instanceof Error ? error.message : String(error)})`, { field: 'file' });
  }
}

async function jsonSource(file: string): Promise<Result<Source>> {
  const lines = createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })[Symbol.asyncIterator]();
  const first = await lines.next();
  let header: unknown;
  try {
    header = first.done ? undefined : parseLine(first.value, 1);
  } catch {
    header = undefined;
  }
  if (!isRecord(header) || header['format'] !== BACKUP_FORMAT || header['version'] !== BACKUP_VERSION || !Array.isArray(header['migrations'])) {
    return fail('VALIDATION_FAILED', `file: not a restock backup (its first line is not a ${BACKUP_FORMAT} version ${BACKUP_VERSION} header)`, { field: 'file' });
  }
  let lineNo = 1;
  const next = async (): Promise<unknown> => {
    const line = await lines.next();
    lineNo += 1;
    if (line.done) throw new DamagedBackup('the backup ends before its last line: it is incomplete');
    return parseLine(line.value, lineNo);
  };
  return ok({
    format: 'jsonl',
    migrations: header['migrations'] as string[],
    close: () => void lines.return?.(),
    async *sections() {
      let line = await next();
      while (isRecord(line) && typeof line['table'] === 'string') {
        const columns = line['columns'] as string[];
        let following: unknown;
        async function* rows(): AsyncGenerator<unknown[]> {
          for (following = await next(); Array.isArray(following); following = await next()) yield following;
        }
        yield { table: line['table'], columns, rows: rows() };
        line = following;
      }
      if (!isRecord(line) || line['end'] !== true || !isRecord(line['tables'])) throw new DamagedBackup(`line ${lineNo}: expected a table, a row or the end line`);
      return line['tables'] as Record<string, number>;
    },
  });
}

function parseLine(text: string, lineNo: number): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new DamagedBackup(`line ${lineNo} is not JSON`);
  }
}

function isSqliteFile(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    return readSync(fd, head, 0, 16, 0) === 16 && head.toString('latin1') === SQLITE_MAGIC;
  } finally {
    closeSync(fd);
  }
}

/**
 * PostgreSQL plans from statistics that autovacuum gathers only in its own time: until then a
 * restored database is planned from guesses (how rare a status, a customer or a period is). SQLite is left
 * without statistics, as every other SQLite database of Restock is: its plans follow the schema
 * alone, the plans the query-plan tests hold, and statistics on restored databases only would make
 * them plan otherwise.
 */
async function analyze(db: Kysely<Database>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  // Table by table, each within the statement timeout; a bare ANALYZE would read every schema of the database.
  for (const table of await tableNames(db, dialect)) await sql`analyze ${sql.table(table)}`.execute(db);
}

async function tableNames(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const rows = dialect === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
    : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name).filter(isDataTable);
}

function decode(value: unknown, dialect: DialectName): unknown {
  if (isRecord(value) && typeof value['$base64'] === 'string') return Buffer.from(value['$base64'], 'base64');
  if (typeof value === 'boolean' && dialect === 'sqlite') return value ? 1 : 0;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
