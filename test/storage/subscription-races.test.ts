import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelSubscription } from '../../src/app/communication/cancel-subscription.js';
import { subscribe } from '../../src/app/communication/subscribe.js';
import type { Store } from '../../src/app/ports.js';
import { must, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { backendPid, waitUntilBlockedBy } from '../support/pg-locks.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

const POLICY = { allowOnBackorder: false, notifyAll: false };

// Row locks and READ COMMITTED snapshots exist on PostgreSQL only; SQLite's writers take turns.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`back-in-stock subscriptions ended while a restock tells them, on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let other: pg.Client;
    let probe: pg.Client;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'GADGET', { name: 'Gadget' });
      for (const email of ['first@example.com', 'second@example.com']) must(await subscribe(store, { sku: 'GADGET', email }, POLICY));
      other = new pg.Client({ connectionString: database.databaseUrl });
      probe = new pg.Client({ connectionString: database.databaseUrl });
      await Promise.all([other.connect(), probe.connect()]);
    });

    afterEach(async () => {
      await other.query('rollback').catch(() => undefined);
      await Promise.all([other.end(), probe.end()]);
      await store.close();
      await database.drop();
    });

    const idOf = async (email: string) => ((await probe.query<{ id: number }>('select id from subscriptions where email = $1', [email])).rows[0] as { id: number }).id;
    const statuses = async () => (await probe.query<{ email: string; status: string }>('select email, status from subscriptions order by id')).rows.map((r) => [r.email, r.status]);
    const notices = async () => (await probe.query<{ email: string }>(`select payload::json->>'email' as email from events where type = 'subscription.notified' order by seq`)).rows.map((r) => r.email);

    it('tells the next in line, not one who unsubscribed while the restock read the list', async () => {
      const first = await idOf('first@example.com');
      await other.query('begin');
      await other.query(`update subscriptions set status = 'unsubscribed', unsubscribed_at = now()::text where id = $1`, [first]);
      const pid = await backendPid(other);
      // One unit comes in: the restock reads the first subscriber as waiting, then waits for its row.
      const restock = receive(store, 'GADGET', 'MAIN', 1);
      await waitUntilBlockedBy(probe, [pid]);
      await other.query('commit');
      await restock;
      expect(await statuses()).toEqual([['first@example.com', 'unsubscribed'], ['second@example.com', 'notified']]);
      expect(await notices()).toEqual(['second@example.com']);
    });

    it('refuses to cancel a subscription a restock notified while the cancellation waited', async () => {
      const first = await idOf('first@example.com');
      await other.query('begin');
      await other.query(`update subscriptions set status = 'notified', notified_at = now()::text, notified_for = now()::text where id = $1`, [first]);
      const pid = await backendPid(other);
      const cancelling = cancelSubscription(store, first);
      await waitUntilBlockedBy(probe, [pid]);
      await other.query('commit');
      const result = await cancelling;
      expect(result).toMatchObject({ ok: false, code: 'CONFLICT' });
      expect(await statuses()).toEqual([['first@example.com', 'notified'], ['second@example.com', 'active']]);
    });
  });
}
