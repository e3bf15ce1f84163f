import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { wasReplayed } from '../../src/app/once-per-key.js';
import { shipOrder } from '../../src/app/ship-order.js';
import type { Store } from '../../src/app/ports.js';
import { expectInvariants, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { backendPid, waitUntilBlockedBy } from '../support/pg-locks.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

// Two transactions at once under one key: PostgreSQL runs them side by side; SQLite's writers take turns.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`a retry sent while the first try still runs, on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow' });
      await receive(store, 'WIDGET', 'MAIN', 2);
    });

    afterEach(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    /**
     * Sends `request` twice while another connection holds WIDGET's row: both find no kept outcome
     * and queue for it, the first ahead; then lets them go. Answers both answers, first try first.
     */
    async function twiceAtOnce<T>(request: () => Promise<T>): Promise<[T, T]> {
      const blocker = new pg.Client({ connectionString: database.databaseUrl });
      const probe = new pg.Client({ connectionString: database.databaseUrl });
      await Promise.all([blocker.connect(), probe.connect()]);
      try {
        await blocker.query('begin');
        await blocker.query(`select id from items where sku = 'WIDGET' for no key update`);
        const pid = await backendPid(blocker);
        const first = request();
        const firstPid = await waitUntilBlockedBy(probe, [pid]);
        const retry = request();
        await waitUntilBlockedBy(probe, [pid, firstPid], [firstPid]);
        await blocker.query('commit');
        return await Promise.all([first, retry]);
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), probe.end()]);
      }
    }

    it('answers the first try\'s outcome, replayed, instead of refusing work already done', async () => {
      const placed = await order(store, { WIDGET: 3 });
      const answers = await twiceAtOnce(() => cancelOrder(store, placed.id, {}, 'test', { idempotencyKey: 'cancel-once' }));
      expect(answers.map((a) => [a.ok, wasReplayed(a)])).toEqual([[true, false], [true, true]]);
      expect(answers[1]).toMatchObject({ ok: true, value: { id: placed.id, status: 'cancelled' } });
    });

    it('replays a shipment whose retry would find nothing left to ship, leaving nothing of the retry behind', async () => {
      const placed = await order(store, { WIDGET: 2 });
      const answers = await twiceAtOnce(() => shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, 'test', { idempotencyKey: 'ship-once' }));
      // The retry finds nothing allocated and throws its refusal; it answers the first shipment instead.
      expect(answers.map((a) => [a.ok, wasReplayed(a)])).toEqual([[true, false], [true, true]]);
      expect(answers[1]).toMatchObject({ ok: true, value: { id: placed.id, status: 'shipped' } });
      const shipments = await store.read((tx) => tx.listMovements({ limit: 100 }));
      expect(shipments.filter((m) => m.kind === 'shipment')).toHaveLength(1);
    });
  });
}
