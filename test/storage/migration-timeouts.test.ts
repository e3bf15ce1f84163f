import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type OpenedStore } from '../../src/storage/open-store.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../support/stores.js';

/** Kysely's migration lock on PostgreSQL (pg_advisory_lock of this key, database-wide). */
const KYSELY_MIGRATION_LOCK = '3853314791062309107';

/**
 * Migrations are not requests: they may build an index over millions of rows, and a process that
 * starts beside another (a server and its worker, an upgrade on two hosts) waits for the other's
 * migrations. Neither may fail for the statement timeout requests run under.
 */
describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL migrations and the statement timeout', () => {
  let database: TestDatabase | undefined;
  let store: OpenedStore | undefined;
  let holder: pg.Client | undefined;

  afterEach(async () => {
    await holder?.end();
    await store?.close();
    await database?.drop();
  });

  it('waits for migrations another process is running longer than a statement may take, then opens', async () => {
    database = await createTestDatabase('postgres');
    holder = new pg.Client({ connectionString: POSTGRES_URL });
    await holder.connect();
    await holder.query(`select pg_advisory_lock(${KYSELY_MIGRATION_LOCK})`);
    const released = new Promise<void>((resolve) => setTimeout(() => {
      void holder?.query(`select pg_advisory_unlock(${KYSELY_MIGRATION_LOCK})`).then(() => resolve());
    }, 1_500));
    const started = performance.now();
    store = await openStore({ databaseUrl: POSTGRES_URL, schema: database.schema, pgStatementTimeoutMs: 300 });
    await released;
    expect(performance.now() - started).toBeGreaterThan(1_000);
    // Requests still run under the timeout.
    await expect(store.db.selectNoFrom((eb) => eb.fn('pg_sleep', [eb.lit(1)]).as('slept')).execute()).rejects.toThrow(/statement timeout/);
  });
});
