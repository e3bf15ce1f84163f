import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import type { SubscriptionPolicy } from '../app/communication/subscription-policy.js';
import type { Store, UnitOfWork } from '../app/ports.js';
import { Rollback, type Result } from '../app/result.js';
import type { DialectName } from './dialect-name.js';
import { KyselyUnitOfWork } from './kysely-unit-of-work.js';
import { migrationProvider } from './migrations/index.js';
import { reconcileMigrationHistory } from './migrations/migration-history.js';
import { createPrivateFile, makePrivateFolder } from './private-files.js';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';
import { DatabaseMissing, isBusy, isMissingSchema, isRetryableConflict, isUniqueViolation, StorageUnavailable } from './storage-errors.js';

export interface StoreOptions {
  /** Whom a rise of free stock tells among back-in-stock subscribers (default: as many as it serves). */
  readonly subscriptionPolicy?: SubscriptionPolicy | undefined;
  /** A PostgreSQL connection string; when absent the embedded SQLite file is used. */
  readonly databaseUrl?: string | undefined;
  readonly sqlitePath?: string | undefined;
  /**
   * SQLite: make the database file (and the default ./data folder) when it is not there (default
   * true). False throws DatabaseMissing instead, for callers that only use an existing database: a
   * relative path opened from the wrong folder must not become a new, empty database.
   */
  readonly createIfMissing?: boolean | undefined;
  /** SQLite `synchronous` pragma: FULL survives power loss, NORMAL (default, with WAL) survives crashes. */
  readonly sqliteSynchronous?: 'FULL' | 'NORMAL' | 'OFF' | undefined;
  readonly poolSize?: number | undefined;
  /**
   * SQLite: how long a write waits for another process's write lock (default 5000 ms) before it
   * fails as unavailable (HTTP 503). The wait is asynchronous: other requests go on meanwhile.
   */
  readonly sqliteBusyTimeoutMs?: number | undefined;
  /** PostgreSQL: how long to wait for a connection before failing as unavailable (default 5000 ms). */
  readonly pgConnectTimeoutMs?: number | undefined;
  /**
   * PostgreSQL: the server cancels a statement after this long (statement_timeout, default 15000 ms);
   * the client stops waiting 2 s later (query_timeout) if the server cannot even say so. 0: no limit.
   */
  readonly pgStatementTimeoutMs?: number | undefined;
  /** PostgreSQL schema to use (tests give each suite its own). */
  readonly schema?: string | undefined;
  readonly migrate?: boolean | undefined;
  readonly clock?: (() => Date) | undefined;
}

export const DEFAULT_SQLITE_PATH = './data/restock.db';
/** How much longer than the server's statement_timeout a PostgreSQL client waits for an answer. */
export const PG_CLIENT_GRACE_MS = 2_000;
const MAX_ATTEMPTS = 5;
const DEFAULT_BUSY_TIMEOUT_MS = 5_000;

/** The Store port over an opened database, with what only the entry points use. */
export interface OpenedStore extends Store {
  readonly db: Kysely<Database>;
  /**
   * Runs `work` with a Store whose transactions are savepoints of one transaction: what it writes
   * is committed together when it answers ok, and none of it when it fails, throws, or the process
   * ends first (Ctrl-C, a crash). For long work that must not leave half of itself behind
   * (`restock demo`); meanwhile other writers wait for it (SQLite: at most their busy timeout).
   */
  allOrNothing<T>(work: (store: Store) => Promise<Result<T>>): Promise<Result<T>>;
  /**
   * Runs pending migrations (see migrate); returns the names of those applied. On PostgreSQL they
   * run on a connection of their own without the statement timeout requests run under: an index
   * built on a large table may take minutes, and a process that waits for another's migrations
   * (Kysely's migration lock) waits as long as they take.
   */
  migrate(): Promise<string[]>;
}

/** Opens the configured database, runs pending migrations and returns the Store port over it. */
export async function openStore(options: StoreOptions = {}): Promise<OpenedStore> {
  const dialect: DialectName = options.databaseUrl ? 'postgres' : 'sqlite';
  // node-postgres is loaded only for PostgreSQL: a SQLite shop's commands start without it.
  const db = dialect === 'postgres' ? (await import('./postgres-db.js')).postgresDb(options) : sqliteDb(options);
  const busyTimeoutMs = options.sqliteBusyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS;
  const migratePending = async (): Promise<string[]> => {
    if (dialect !== 'postgres') return whileBusy(() => migrate(db, dialect), busyTimeoutMs);
    const unbounded = (await import('./postgres-db.js')).postgresDb({ ...options, pgStatementTimeoutMs: 0, poolSize: 2 });
    try {
      return await migrate(unbounded, dialect);
    } finally {
      await unbounded.destroy();
    }
  };
  if (options.migrate !== false) await migratePending();
  const clock = options.clock ?? (() => new Date());

  async function transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    const busyUntil = Date.now() + busyTimeoutMs;
    for (let conflicts = 0, busy = 0; ; ) {
      try {
        return await runOnce(work);
      } catch (error) {
        if (error instanceof Rollback) return error.failure as T;
        if (isBusy(error) && Date.now() < busyUntil) {
          busy += 1;
          await sleep(Math.min(busyPause(busy), Math.max(0, busyUntil - Date.now())));
          continue;
        }
        // A unique violation means a concurrent twin committed first; running again finds its row.
        if (conflicts + 1 < MAX_ATTEMPTS && (isRetryableConflict(error) || isUniqueViolation(error))) {
          conflicts += 1;
          await sleep(Math.random() * 5 * conflicts);
          continue;
        }
        throw StorageUnavailable.wrap(error);
      }
    }
  }

  async function runOnce<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    return inTransaction((conn) => workThenOrders(unitOn(conn), work));
  }

  /** Runs `work` on one connection inside one transaction, committed when it returns, rolled back when it throws. */
  async function inTransaction<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    if (dialect === 'postgres') return db.transaction().execute(work);
    // BEGIN IMMEDIATE takes SQLite's write lock up front, so two writers never deadlock on upgrade.
    return db.connection().execute(async (conn) => {
      await sql`begin immediate`.execute(conn);
      try {
        const result = await work(conn);
        await sql`commit`.execute(conn);
        return result;
      } catch (error) {
        await sql`rollback`.execute(conn);
        throw error;
      }
    });
  }

  /**
   * Runs `work` in a read-only transaction, so its statements read one state. PostgreSQL: repeatable
   * read (one snapshot for the whole transaction). SQLite: a deferred transaction on the connection,
   * which in-process writers wait for and other processes' writes (WAL) do not change.
   */
  async function inReadSnapshot<T>(work: (conn: Kysely<Database>) => Promise<T>): Promise<T> {
    if (dialect === 'postgres') return db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
    return db.connection().execute(async (conn) => {
      await sql`begin`.execute(conn);
      try {
        return await work(conn);
      } finally {
        // It wrote nothing: ending it either way is the same, and rollback cannot fail for a write.
        await sql`rollback`.execute(conn);
      }
    });
  }

  /** Runs `work`, then writes the orders it noted as changed, once (see UnitOfWork.noteOrdersChanged). */
  async function workThenOrders<T>(tx: KyselyUnitOfWork, work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
    const result = await work(tx);
    await tx.writeNotedOrders();
    return result;
  }

  /** A unit of work on `conn` that sees the clock's time now. */
  function unitOn(conn: Kysely<Database>): KyselyUnitOfWork {
    return new KyselyUnitOfWork(conn, dialect, clock().toISOString(), options.subscriptionPolicy);
  }

  async function allOrNothing<T>(work: (store: Store) => Promise<Result<T>>): Promise<Result<T>> {
    try {
      // Busy only while another writer holds SQLite's lock before ours is taken: nothing has run yet.
      return await whileBusy(() => inTransaction(async (conn) => {
        const result = await work(savepointStore(conn));
        if (!result.ok) throw new Rollback(result);
        return result;
      }), busyTimeoutMs);
    } catch (error) {
      if (error instanceof Rollback) return error.failure;
      throw StorageUnavailable.wrap(error);
    }
  }

  /** A Store inside the transaction on `conn`: each of its transactions is a savepoint, a Rollback undoes only that one. */
  function savepointStore(conn: Kysely<Database>): Store {
    return {
      dialect,
      async transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T> {
        const tx = unitOn(conn);
        try {
          return await tx.savepoint(() => workThenOrders(tx, work));
        } catch (error) {
          if (error instanceof Rollback) return error.failure as T;
          throw error;
        }
      },
      read: (work) => work(unitOn(conn)),
      snapshot: (work) => work(unitOn(conn)),
      close: async () => undefined,
    };
  }

  return {
    dialect,
    db,
    transaction,
    allOrNothing,
    read: async (work) => {
      try {
        return await whileBusy(() => work(unitOn(db)), busyTimeoutMs);
      } catch (error) {
        throw StorageUnavailable.wrap(error);
      }
    },
    snapshot: async (work) => {
      try {
        return await whileBusy(() => inReadSnapshot((conn) => work(unitOn(conn))), busyTimeoutMs);
      } catch (error) {
        throw StorageUnavailable.wrap(error);
      }
    },
    close: () => db.destroy(),
    migrate: migratePending,
  };
}

/** Short, jittered pauses between tries for a busy SQLite file, so two processes do not retry in step. */
function busyPause(attempt: number): number {
  return 2 + Math.random() * Math.min(attempt * 10, 50);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `work` again while SQLite reports another process's lock, until `timeoutMs` has passed. */
async function whileBusy<T>(work: () => Promise<T>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= until) throw error;
      await sleep(Math.min(busyPause(attempt), Math.max(0, until - Date.now())));
    }
  }
}

function sqliteDb(options: StoreOptions): Kysely<Database> {
  const path = options.sqlitePath ?? DEFAULT_SQLITE_PATH;
  if (path !== ':memory:') {
    // A folder given by RESTOCK_SQLITE_PATH must exist: a mistyped path would otherwise open a new,
    // empty database and report it as the shop's. The default folder (./data) is made on first start.
    if (options.sqlitePath !== undefined && !existsSync(dirname(path))) {
      throw new StorageUnavailable(`RESTOCK_SQLITE_PATH: there is no folder ${resolve(dirname(path))} for ${path} (create it, or correct the path)`);
    }
    if (options.createIfMissing === false && !existsSync(path)) throw new DatabaseMissing(resolve(path));
    if (options.sqlitePath === undefined) makePrivateFolder(dirname(path));
    createPrivateFile(path);
  }
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma(`synchronous = ${options.sqliteSynchronous ?? 'NORMAL'}`);
  // SQLite's own busy wait sleeps inside the synchronous call, freezing the event loop (every other
  // request) while it waits: it stays off, and a write lock held by another process is waited for by
  // asynchronous retries until sqliteBusyTimeoutMs runs out (see transaction and whileBusy).
  database.pragma('busy_timeout = 0');
  database.pragma('foreign_keys = ON');
  // SQLite's own lower() folds ASCII letters only: searches would miss "ölfilter" in "ÖLFILTER".
  // No index or stored value is built on it, so JavaScript's full Unicode folding can replace it.
  database.function('lower', { deterministic: true }, (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : value));
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}

/**
 * Runs every pending migration; fails loudly if one does not apply. A database a newer Restock
 * upgraded is refused as unavailable, saying so (reconcileMigrationHistory).
 */
export async function migrate(db: Kysely<Database>, dialect: DialectName): Promise<string[]> {
  const known = Object.keys(await migrationProvider(dialect).getMigrations());
  const results = await despiteDroppedSchemas(async () => {
    await reconcileMigrationHistory(db, dialect, known);
    const { error, results } = await (await migratorFor(db, dialect)).migrateToLatest();
    if (error) throw error;
    return results;
  });
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/**
 * Runs migrator work again when it failed only because some schema vanished: Kysely's migrator looks
 * for its own tables by scanning the columns of every schema in the database, and a schema dropped
 * during that scan (another tenant's, a parallel test's) fails it with 3F000 although ours is fine.
 */
export async function despiteDroppedSchemas<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= 5 || !isMissingSchema(error)) throw error;
      await sleep(20 * attempt);
    }
  }
}

/** Kysely's migrator over this package's migrations, for the database's current schema. */
export async function migratorFor(db: Kysely<Database>, dialect: DialectName): Promise<Migrator> {
  // Kysely looks for its own tables in every schema unless told which: name the current one, or a
  // migration table in another schema (another tenant, a parallel test) would be taken for ours.
  const schema = dialect === 'postgres' ? (await sql<{ name: string }>`select current_schema() as name`.execute(db)).rows[0]?.name : undefined;
  return new Migrator({ db, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
}
