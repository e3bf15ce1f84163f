import BetterSqlite3 from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Store, UnitOfWork } from '../app/ports.js';
import { Rollback } from '../app/result.js';
import type { DialectName } from './dialect-name.js';
import { KyselyUnitOfWork } from './kysely-unit-of-work.js';
import { migrationProvider } from './migrations/index.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { isRetryableConflict, isUniqueViolation, StorageUnavailable } from './storage-errors.js';

export interface StoreOptions {
  /** A PostgreSQL connection string; when absent the embedded SQLite file is used. */
  readonly databaseUrl?: string | undefined;
  readonly sqlitePath?: string | undefined;
  /** SQLite `synchronous` pragma: FULL survives power loss, NORMAL (default, with WAL) survives crashes. */
  readonly sqliteSynchronous?: 'FULL' | 'NORMAL' | 'OFF' | undefined;
  readonly poolSize?: number | undefined;
  /** PostgreSQL schema to use (tests give each suite its own). */
  readonly schema?: string | undefined;
  readonly migrate?: boolean | undefined;
  readonly clock?: (() => Date) | undefined;
}

export const DEFAULT_SQLITE_PATH = './data/restock.db';
const MAX_ATTEMPTS = 5;

/** Opens the configured database, runs pending migrations and returns the Store port over it. */
export async function openStore(options: StoreOptions = {}): Promise<Store & { readonly db: Kysely<Database> }> {
  const dialect: DialectName = options.databaseUrl ? 'postgres' : 'sqlite';
  const db = dialect === 'postgres' ? postgresDb(options) : sqliteDb(options);
  if (options.migrate !== false) await migrate(db, dialect);
  const clock = options.clock ?? (() => new Date());

  async function transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await runOnce(work);
      } catch (error) {
        if (error instanceof Rollback) return error.failure as T;
        // A unique violation means a concurrent twin committed first; running again finds its row.
        if (attempt < MAX_ATTEMPTS && (isRetryableConflict(error) || isUniqueViolation(error))) {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
          continue;
        }
        throw StorageUnavailable.wrap(error);
      }
    }
  }

  async function runOnce<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    if (dialect === 'postgres') {
      return db.transaction().execute((trx) => work(new KyselyUnitOfWork(trx, dialect, clock().toISOString())));
    }
    // BEGIN IMMEDIATE takes SQLite's write lock up front, so two writers never deadlock on upgrade.
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(new KyselyUnitOfWork(conn, dialect, clock().toISOString()));
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  }

  return {
    dialect,
    db,
    transaction,
    read: async (work) => {
      try {
        return await work(new KyselyUnitOfWork(db, dialect, clock().toISOString()));
      } catch (error) {
        throw StorageUnavailable.wrap(error);
      }
    },
    close: () => db.destroy(),
  };
}

function sqliteDb(options: StoreOptions): Kysely<Database> {
  const path = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

function postgresDb(options: StoreOptions): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client's error (e.g. the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/** Runs every pending migration; fails loudly if one does not apply. */
export async function migrate(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  // Kysely looks for its own tables in every schema unless told which: name the current one, or a
  // migration table in another schema (another tenant, a parallel test) would be taken for ours.
  const schema = dialect === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  const migrator = new Migrator({ db, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
