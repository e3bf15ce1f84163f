import { Kysely } from 'kysely';
import pg from 'pg';
import { CurrentSchemaPostgresDialect } from './current-schema-dialect.js';
import { PG_CLIENT_GRACE_MS, type StoreOptions } from './open-store.js';
import type { Database } from './schema.js';
import { StorageUnavailable } from './storage-errors.js';

/**
 * 64-bit integers (sums, counts, widened totals) as JavaScript numbers, as SQLite gives them: every
 * figure Restock stores is far below 2^53. node-postgres otherwise returns them as strings.
 */
const NUMERIC_BIGINTS = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/** A Kysely over a bounded node-postgres pool for `options.databaseUrl` (and `options.schema`, if given). */
export function postgresDb(options: StoreOptions): Kysely<Database> {
  // pg reads anything as a connection string ("notaurl" became host "base"): say what is wrong instead.
  if (!/^(postgres(ql)?:\/\/|socket:\/\/|\/)/.test(options.databaseUrl ?? '')) {
    throw new StorageUnavailable('DATABASE_URL: must be a PostgreSQL URL such as postgres://user@127.0.0.1:5432/restock (or a socket path)');
  }
  const statementTimeout = options.pgStatementTimeoutMs ?? 15_000;
  const pool = new pg.Pool({
    connectionString: options.databaseUrl,
    types: NUMERIC_BIGINTS,
    max: options.poolSize ?? 10,
    // Bounded waits: an unreachable or stalled server fails a request (503) instead of hanging it.
    connectionTimeoutMillis: options.pgConnectTimeoutMs ?? 5_000,
    ...(statementTimeout > 0 ? { statement_timeout: statementTimeout, query_timeout: statementTimeout + PG_CLIENT_GRACE_MS } : {}),
    // A session whose client vanished mid-transaction must not hold its row locks for long.
    idle_in_transaction_session_timeout: 60_000,
    keepAlive: true,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  });
  // An idle client's error (e.g. the server restarted) must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  pool.on('connect', guardClient);
  return new Kysely<Database>({ dialect: new CurrentSchemaPostgresDialect({ pool }) });
}

/**
 * Makes a pooled connection's failures those of its queries, never of the process:
 * - a connection lost while checked out emits 'error', which unheard would crash the process (the
 *   pool listens only to idle ones); the query in flight fails anyway, and the pool drops the client.
 * - a query the server never answered (query_timeout) stays in flight on its connection, and every
 *   later query on it would wait behind it for its own timeout: each request of an outage would
 *   cost several timeouts. Such a connection is closed at once (the server rolls back what it had)
 *   and the pool opens a new one, which fails fast or works.
 */
function guardClient(client: pg.PoolClient): void {
  client.on('error', () => undefined);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  Object.assign(client, {
    query: (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) {
        result.catch((error: unknown) => {
          if (error instanceof Error && error.message === 'Query read timeout') client.connection.stream.destroy();
        });
      }
      return result;
    },
  });
}

