import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../src/app/get-order.js';
import type { Store } from '../../src/app/ports.js';
import { refreshOrderStatuses } from '../../src/app/refresh-order-status.js';
import { expectInvariants, must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Row locks only exist on PostgreSQL; SQLite's writers take turns on the whole file.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`refreshing order statuses on ${dialect}: row locks in ascending order id`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));

    beforeEach(async () => {
      tick = 0;
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow' });
    });

    afterEach(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    it('holds every lower order while it waits for one, and none above it, whatever order it is given', async () => {
      // Placed in this order, so low < middle < high by id; all three wait for WIDGET.
      const [low, middle, high] = [await order(store, { WIDGET: 1 }), await order(store, { WIDGET: 1 }), await order(store, { WIDGET: 1 })];
      const blocker = new pg.Client({ connectionString: database.databaseUrl });
      const probe = new pg.Client({ connectionString: database.databaseUrl });
      await Promise.all([blocker.connect(), probe.connect()]);
      try {
        // Only the middle order's status is stale: written per status first, it would be locked first.
        await blocker.query(`update orders set status = 'open' where id = $1`, [middle.id]);
        await blocker.query('begin');
        await blocker.query('select id from orders where id = $1 for no key update', [middle.id]);
        const [{ pid }] = (await blocker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
        const refreshing = store.transaction((tx) => refreshOrderStatuses(tx, [high.id, middle.id, low.id]));
        await waitUntilBlockedBy(probe, pid);
        const lockNow = (id: number) => probe.query('select id from orders where id = $1 for no key update nowait', [id]);
        // Waiting for the middle order, the refresh already holds the low one and not yet the high one.
        await expect(lockNow(low.id)).rejects.toMatchObject({ code: '55P03' });
        await expect(lockNow(high.id)).resolves.toMatchObject({ rowCount: 1 });
        await blocker.query('commit');
        await refreshing;
        const refreshedAt = new Date(Date.UTC(2026, 0, 1, 0, 0, tick - 1)).toISOString();
        for (const placed of [low, middle, high]) expect(must(await getOrder(store, placed.id))).toMatchObject({ status: 'backordered', updatedAt: refreshedAt });
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), probe.end()]);
      }
    });
  });
}

/** Waits until some session waits for a lock held by the backend `pid` (at most 10 s). */
async function waitUntilBlockedBy(client: pg.Client, pid: number): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from pg_stat_activity where $1 = any(pg_blocking_pids(pid))', [pid]);
    if ((rows[0]?.n ?? 0) > 0) return;
    await sleep(20);
  }
  throw new Error(`nothing waited for backend ${pid}`);
}
