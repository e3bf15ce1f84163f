import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../src/app/get-order.js';
import type { Store } from '../../src/app/ports.js';
import { importStock } from '../../src/app/import-stock.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { waitUntilBlockedBy } from '../support/pg-locks.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

// Row locks only exist on PostgreSQL; SQLite's writers take turns on the whole file.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`writing changed orders on ${dialect}: row locks in ascending order id, once per transaction`, () => {
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
        const refreshing = store.transaction(async (tx) => tx.noteOrdersChanged([high.id, middle.id, low.id]));
        await waitUntilBlockedBy(probe, [pid]);
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

    it('writes the orders of every step of a transaction in one ascending pass, never a higher one before a lower one', async () => {
      // A stock count of two items, row by row: the first fills the later order, the second the
      // earlier one. Written as each row settled, the import would hold the later order while it
      // waits for the earlier one, and an import counting the same items the other way round
      // would hold the earlier one and wait for the later: a deadlock.
      await seedItem(store, 'GADGET', { backorderPolicy: 'allow' });
      const [low, high] = [await order(store, { GADGET: 1 }), await order(store, { WIDGET: 1 })];
      const blocker = new pg.Client({ connectionString: database.databaseUrl });
      const probe = new pg.Client({ connectionString: database.databaseUrl });
      await Promise.all([blocker.connect(), probe.connect()]);
      try {
        await blocker.query('begin');
        await blocker.query('select id from orders where id = $1 for no key update', [low.id]);
        const [{ pid }] = (await blocker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
        const rows = [['WIDGET', 'MAIN', '1'], ['GADGET', 'MAIN', '1']].map(([sku, location, count], i) => ({ line: i + 2, cells: { sku, location, count } as Record<string, string> }));
        const counting = importStock(store, ['sku', 'location', 'count'], rows, { actor: 'test' });
        await waitUntilBlockedBy(probe, [pid]);
        // Waiting for the earlier order, the import does not hold the later one.
        await expect(probe.query('select id from orders where id = $1 for no key update nowait', [high.id])).resolves.toMatchObject({ rowCount: 1 });
        await blocker.query('commit');
        expect(must(await counting)).toMatchObject({ created: 2 });
        for (const placed of [low, high]) expect(must(await getOrder(store, placed.id)).status).toBe('open');
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), probe.end()]);
      }
    });

    it('sums an order\'s lines after locking it, so two receipts filling it side by side leave the status its lines give', async () => {
      // Each item's receipt goes to its own location: the two transactions share no row but the order's.
      await seedLocation(store, 'SIDE');
      await seedItem(store, 'GADGET', { backorderPolicy: 'allow' });
      const both = await order(store, { WIDGET: 1, GADGET: 1 });
      expect(both.status).toBe('backordered');
      const blocker = new pg.Client({ connectionString: database.databaseUrl });
      const probe = new pg.Client({ connectionString: database.databaseUrl });
      await Promise.all([blocker.connect(), probe.connect()]);
      try {
        await blocker.query('begin');
        await blocker.query('select id from orders where id = $1 for no key update', [both.id]);
        const [{ pid }] = (await blocker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows as [{ pid: number }];
        // Both fill their line, then queue for the order the blocker holds: the gadget's first.
        const gadget = receive(store, 'GADGET', 'SIDE', 1);
        const first = await waitUntilBlockedBy(probe, [pid]);
        const widget = receive(store, 'WIDGET', 'MAIN', 1);
        // The second queues behind the first (a row's lock queue), blocked by it or by the blocker.
        await waitUntilBlockedBy(probe, [pid, first], [first]);
        await blocker.query('commit');
        await Promise.all([gadget, widget]);
        // Summed before the lock, each would count the other's line as still waiting: 'backordered'.
        const done = must(await getOrder(store, both.id));
        expect(done.lines.map((l) => [l.sku, l.allocated, l.backordered])).toEqual([['WIDGET', 1, 0], ['GADGET', 1, 0]]);
        expect(done.status).toBe('open');
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), probe.end()]);
      }
    });
  });
}
