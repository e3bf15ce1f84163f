import BetterSqlite3 from 'better-sqlite3';
import { closeSync, createWriteStream, existsSync, fsyncSync, linkSync, openSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { resolve } from 'node:path';
import pg from 'pg';
import { fail, ok, type Result } from '../app/result.js';
import type { DialectName } from './dialect-name.js';
import { DEFAULT_SQLITE_PATH, type StoreOptions } from './open-store.js';
import { createPrivateFile } from './private-files.js';
import { DatabaseMissing } from './storage-errors.js';

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

/** The first line of a JSON-lines backup names its format and version. */
export const BACKUP_FORMAT = 'restock-backup';
export const BACKUP_VERSION = 1;

/** Kysely's bookkeeping is rebuilt by migrating, never copied. */
export const isDataTable = (name: string) => !name.startsWith('kysely_') && !name.startsWith('sqlite_');

/**
 * Writes a consistent backup of the live database to `file` (which must not exist) while the
 * service keeps running. SQLite: SQLite's online backup copies every page in one step, so the copy
 * is one snapshot; the file is a database of its own. PostgreSQL: every table read in one
 * REPEATABLE READ transaction (one snapshot) into JSON lines. The file appears only when complete,
 * readable by its owner only (mode 0600). A SQLite file that is not there throws DatabaseMissing:
 * a backup of a new, empty database made on the spot would look like a good one.
 */
export async function backupDatabase(options: StoreOptions, file: string): Promise<Result<BackupReport>> {
  if (existsSync(file)) return fail('CONFLICT', `file: ${file} exists; back up into a new file`, { field: 'file' });
  const partial = `${file}.partial-${process.pid}`;
  try {
    // Readable by the owner only from its first byte: a backup holds every secret the database does.
    rmSync(partial, { force: true });
    createPrivateFile(partial);
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
  if (!existsSync(path)) throw new DatabaseMissing(resolve(path));
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
  const out = createWriteStream(target, { flags: 'r+' });
  try {
    await client.query('begin isolation level repeatable read read only');
    const migrations = (await client.query<{ name: string }>('select name from kysely_migration order by name')).rows.map((r) => r.name);
    const tables = await postgresTables(client);
    await writeLine(out, { format: BACKUP_FORMAT, version: BACKUP_VERSION, dialect: 'postgres', createdAt: new Date().toISOString(), migrations });
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

/** A SQLite restock database's migrations, data tables (parents first) and rows per table. */
export function sqliteContents(database: BetterSqlite3.Database): { migrations: string[]; tables: string[]; counts: Record<string, number> } {
  const migrations = (database.prepare('select name from kysely_migration order by name').all() as { name: string }[]).map((r) => r.name);
  const names = (database.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((r) => r.name).filter(isDataTable);
  const edges = names.flatMap((child) => (database.pragma(`foreign_key_list(${quote(child)})`) as { table: string }[]).map((fk) => ({ child, parent: fk.table })));
  const tables = dependencyOrder(names, edges);
  const counts = Object.fromEntries(tables.map((t) => [t, (database.prepare(`select count(*) as n from ${quote(t)}`).get() as { n: number }).n]));
  return { migrations, tables, counts };
}

/** Tables ordered so that every table comes after the tables its foreign keys point to. */
export function dependencyOrder(tables: readonly string[], edges: readonly { child: string; parent: string }[]): string[] {
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

/** A table or column name as an SQL identifier (both databases quote with double quotes). */
export function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function writeLine(out: WriteStream, value: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(value)}\n`)) await new Promise<void>((resolve) => out.once('drain', resolve));
}

