import BetterSqlite3 from 'better-sqlite3';
import { closeSync, createReadStream, createWriteStream, existsSync, fsyncSync, linkSync, openSync, readSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { Kysely, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import { fail, ok, type Result } from '../app/result.js';
import type { DialectName } from './dialect-name.js';
import { migrationProvider } from './migrations/index.js';
import { DEFAULT_SQLITE_PATH, despiteDroppedSchemas, migrate, migratorFor, openStore, type StoreOptions } from './open-store.js';
import type { Database } from './schema.js';

export interface BackupReport {
  readonly file: string;
  readonly dialect: DialectName;
  /** `sqlite`: a copy of the database file; `jsonl`: a logical dump, one JSON value per line. */
  readonly format: 'sqlite' | 'jsonl';
  readonly migrations: readonly string[];
  /** Rows per table, as they are in the backup. */
  readonly tables: Readonly<Record<string, number>>;
  readonly bytes: number;
}

export interface RestoreReport {
  readonly file: string;
  readonly format: 'sqlite' | 'jsonl';
  readonly dialect: DialectName;
  readonly migrations: readonly string[];
  readonly tables: Readonly<Record<string, number>>;
}

const FORMAT = 'restock-backup';
const VERSION = 1;
const SQLITE_MAGIC = 'SQLite format 3\0';
/** Kysely's bookkeeping is rebuilt by migrating, never copied. */
const isDataTable = (name: string) => !name.startsWith('kysely_') && !name.startsWith('sqlite_');

/**
 * Writes a consistent backup of the live database to `file` (which must not exist) while the
 * service keeps running. SQLite: SQLite's online backup copies every page in one step, so the copy
 * is one snapshot; the file is a database of its own. PostgreSQL: every table read in one
 * REPEATABLE READ transaction (one snapshot) into JSON lines. The file appears only when complete.
 */
export async function backupDatabase(options: StoreOptions, file: string): Promise<Result<BackupReport>> {
  if (existsSync(file)) return fail('CONFLICT', `file: ${file} exists; back up into a new file`, { field: 'file' });
  const partial = `${file}.partial-${process.pid}`;
  try {
    const made = options.databaseUrl ? await dumpPostgres(options, partial) : await copySqlite(options, partial);
    if (!made.ok) return made;
    const fd = openSync(partial, 'r+');
    fsyncSync(fd);
    closeSync(fd);
    linkSync(partial, file); // fails rather than overwrite a file that appeared meanwhile
    return ok({ ...made.value, file, bytes: statSync(file).size });
  } finally {
    rmSync(partial, { force: true });
  }
}

type Made = Omit<BackupReport, 'file' | 'bytes'>;

async function copySqlite(options: StoreOptions, target: string): Promise<Result<Made>> {
  const path = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (!existsSync(path)) return fail('NOT_FOUND', `no database at ${path}`, { field: 'RESTOCK_SQLITE_PATH' });
  const source = new BetterSqlite3(path, { fileMustExist: true });
  try {
    // All pages in one step: one read transaction, so writers committing meanwhile cannot tear it.
    await source.backup(target, { progress: () => 0x7fffffff });
  } finally {
    source.close();
  }
  const copy = new BetterSqlite3(target);
  try {
    copy.pragma('journal_mode = DELETE'); // one self-contained file, no -wal beside it
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed its check: ${String(check)}`);
    const source = sqliteContents(copy);
    return ok({ dialect: 'sqlite', format: 'sqlite', migrations: source.migrations, tables: source.counts });
  } finally {
    copy.close();
  }
}

async function dumpPostgres(options: StoreOptions, target: string): Promise<Result<Made>> {
  const client = new pg.Client({
    connectionString: options.databaseUrl,
    connectionTimeoutMillis: options.pgConnectTimeoutMs ?? 5_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  await client.connect();
  const out = createWriteStream(target);
  try {
    await client.query('begin isolation level repeatable read read only');
    const migrations = (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name);
    const tables = await postgresTables(client);
    await writeLine(out, { format: FORMAT, version: VERSION, dialect: 'postgres', createdAt: new Date().toISOString(), migrations });
    const counts: Record<string, number> = {};
    for (const { name, columns } of tables) {
      await writeLine(out, { table: name, columns });
      await client.query(`declare dump no scroll cursor for select ${columns.map(quote).join(', ')} from ${quote(name)}`);
      let count = 0;
      for (;;) {
        const batch = await client.query<unknown[]>({ text: 'fetch 1000 from dump', rowMode: 'array' });
        for (const row of batch.rows) await writeLine(out, row.map(encode));
        count += batch.rows.length;
        if (batch.rows.length < 1000) break;
      }
      await client.query('close dump');
      counts[name] = count;
    }
    await writeLine(out, { end: true, tables: counts });
    await client.query('commit');
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    return ok({ dialect: 'postgres', format: 'jsonl', migrations, tables: counts });
  } finally {
    out.destroy();
    await client.end();
  }
}

/** The data tables of the current schema, parents before children, with their columns. */
async function postgresTables(client: pg.Client): Promise<{ name: string; columns: string[] }[]> {
  const columns = await client.query<{ table_name: string; column_name: string }>(
    `select table_name, column_name from information_schema.columns c
     where table_schema = current_schema() and exists (select 1 from information_schema.tables t
       where t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE')
     order by table_name, ordinal_position`,
  );
  const edges = await client.query<{ child: string; parent: string }>(
    `select c.relname as child, p.relname as parent from pg_constraint k
     join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
     join pg_namespace n on n.oid = c.relnamespace
     where k.contype = 'f' and n.nspname = current_schema()`,
  );
  const byTable = new Map<string, string[]>();
  for (const row of columns.rows) if (isDataTable(row.table_name)) byTable.set(row.table_name, [...(byTable.get(row.table_name) ?? []), row.column_name]);
  return dependencyOrder([...byTable.keys()], edges.rows).map((name) => ({ name, columns: byTable.get(name) ?? [] }));
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
  const { format, migrations, sections, close } = source.value;
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
    await migrate(db, dialect);
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

function sqliteContents(database: BetterSqlite3.Database): { migrations: string[]; tables: string[]; counts: Record<string, number> } {
  const migrations = (database.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
  const names = (database.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name).filter(isDataTable);
  const edges = names.flatMap((child) => (database.pragma(`foreign_key_list(${quote(child)})`) as { table: string }[]).map((fk) => ({ child, parent: fk.table })));
  const tables = dependencyOrder(names, edges);
  const counts = Object.fromEntries(tables.map((t) => [t, (database.prepare(`select count(*) as n from ${quote(t)}`).get() as { n: number }).n]));
  return { migrations, tables, counts };
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
  if (!isRecord(header) || header['format'] !== FORMAT || header['version'] !== VERSION || !Array.isArray(header['migrations'])) {
    return fail('VALIDATION_FAILED', `file: not a restock backup (its first line is not a ${FORMAT} version ${VERSION} header)`, { field: 'file' });
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

async function tableNames(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const rows = dialect === 'sqlite'
    ? await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db)
    : await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db);
  return rows.rows.map((r) => r.name).filter(isDataTable);
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
function dependencyOrder(tables: readonly string[], edges: readonly { child: string; parent: string }[]): string[] {
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string) => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const edge of edges) if (edge.child === table && edge.parent !== table && tables.includes(edge.parent)) visit(edge.parent);
    ordered.push(table);
  };
  for (const table of [...tables].sort()) visit(table);
  return ordered;
}

/** A value as JSON can carry it: times as ISO text, bytes as base64. */
function encode(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return { $base64: value.toString('base64') };
  return value;
}

function decode(value: unknown, dialect: DialectName): unknown {
  if (isRecord(value) && typeof value['$base64'] === 'string') return Buffer.from(value['$base64'], 'base64');
  if (typeof value === 'boolean' && dialect === 'sqlite') return value ? 1 : 0;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return value;
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function writeLine(out: WriteStream, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await new Promise<void>((resolve) => out.once('drain', resolve));
}
