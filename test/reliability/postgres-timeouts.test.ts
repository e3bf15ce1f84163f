import { afterEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { checkInvariants } from '../../src/app/check-invariants.js';
import type { Store } from '../../src/app/ports.js';
import { openStore } from '../../src/storage/open-store.js';
import { StorageUnavailable } from '../../src/storage/storage-errors.js';
import { dbOf } from '../support/db-snapshot.js';
import { must, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../support/stores.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

const STATEMENT_TIMEOUT_MS = 500;

/**
 * A statement the server never answers must fail its transaction within the timeouts, and must not
 * leave its connection half-way through that transaction for the next user of the pool to commit.
 */
describe.runIf(DIALECTS.includes('postgres'))('PostgreSQL statements that get no answer', () => {
  let database: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  let store: Store | undefined;

  afterEach(async () => {
    await store?.close();
    await proxy?.close();
    await database?.drop();
  });

  it('fail the transaction as unavailable, and the next transaction on the pool commits none of it', async () => {
    database = await createTestDatabase('postgres');
    const target = new URL(POSTGRES_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(POSTGRES_URL);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    // One connection, so the next transaction gets the very connection the failed one used.
    store = await openStore({ databaseUrl: viaProxy.toString(), schema: database.schema, poolSize: 1, pgConnectTimeoutMs: 1_000, pgStatementTimeoutMs: STATEMENT_TIMEOUT_MS });
    await seedLocation(store, 'MAIN');
    await seedItem(store, 'BOLT');
    const item = await dbOf(store).selectFrom('items').select('id').where('sku', '=', 'BOLT').executeTakeFirstOrThrow();
    const location = await dbOf(store).selectFrom('locations').select('id').where('code', '=', 'MAIN').executeTakeFirstOrThrow();
    must(await adjustStock(store, { sku: 'BOLT', location: 'MAIN', delta: 10, reason: 'opening count' }, 'test'));

    const started = performance.now();
    const failed = store.transaction(async (tx) => {
      await tx.lockItems([item.id]);
      // Applied on the server: a stock change without its movement, to be rolled back.
      await tx.changeStock(item.id, location.id, 5, 0);
      proxy?.set('blackhole');
      await tx.stocksOf([item.id]);
      return 'committed';
    });
    await expect(failed).rejects.toBeInstanceOf(StorageUnavailable);
    // The statement (query_timeout = statement_timeout + 2 s), then ROLLBACK, at most.
    expect(performance.now() - started).toBeLessThan(2 * (STATEMENT_TIMEOUT_MS + 2_000) + 1_000);

    proxy.set('open');
    must(await adjustStock(store, { sku: 'BOLT', location: 'MAIN', delta: 1, reason: 'after the outage' }, 'test'));
    const level = await dbOf(store).selectFrom('stock_levels').select('on_hand').where('item_id', '=', item.id).executeTakeFirstOrThrow();
    expect(level.on_hand).toBe(11);
    expect(await checkInvariants(store)).toEqual([]);
  }, 60_000);
});
