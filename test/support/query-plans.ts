import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { recordPostgresStatements, recordSqliteStatements, type RanStatement } from './statement-count.js';
import type { TestDatabase } from './stores.js';

/** The statements `work` runs on the test database's dialect, in order. */
export function recordStatements(database: TestDatabase, work: () => Promise<unknown>): Promise<RanStatement[]> {
  return database.dialect === 'sqlite' ? recordSqliteStatements(work) : recordPostgresStatements(work);
}

/**
 * How the database would run `statement`, one line a step. A test database is too small for
 * PostgreSQL's costs to prefer an index to reading the table, so sequential scans are priced out,
 * and so are the `pricedOut` plan kinds (e.g. `sort`: a big table's page is read in order up to its
 * limit rather than sorted whole): what remains is the best the schema offers for a big table (an
 * index that fits, or a walk of the wrong one).
 */
export async function planOf(database: TestDatabase, statement: RanStatement, pricedOut: readonly ('sort' | 'bitmapscan')[] = []): Promise<string[]> {
  if (database.dialect === 'sqlite') {
    const sqlite = new BetterSqlite3(database.sqlitePath as string, { readonly: true });
    try {
      return (sqlite.prepare(`explain query plan ${statement.sql}`).all(...statement.params) as { detail: string }[]).map((p) => p.detail);
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: database.databaseUrl });
  await client.connect();
  try {
    await client.query('begin');
    for (const kind of ['seqscan', ...pricedOut]) await client.query(`set local enable_${kind} = off`);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (costs off) ${statement.sql}`, [...statement.params]);
    await client.query('rollback');
    return rows.map((r) => r['QUERY PLAN']);
  } finally {
    await client.end();
  }
}
