import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getKpis } from '../../src/app/get-kpis.js';
import { getOrder } from '../../src/app/get-order.js';
import type { OrderView } from '../../src/app/order-view.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import type { Result } from '../../src/app/result.js';
import { dbOf } from '../support/db-snapshot.js';
import { expectInvariants, must, seedItem, seedLocation } from '../support/fixtures.js';
import { keptAndRebuiltItemDays } from '../support/item-days.js';
import { backendPid, waitUntilBlockedBy } from '../support/pg-locks.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const finishesWithin = (ms: number, work: Promise<unknown>) => Promise.race([work.then(() => true), sleep(ms).then(() => false)]);
const orderIdOf = (result: Result<OrderView>) => (result.ok ? result.value.id : (result.details as { orderId: number }).orderId);

// Row and advisory locks only exist on PostgreSQL; SQLite's writers take turns on the whole file.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`superseding a rejection takes its locks in the global order on ${dialect}: the external id, then every item in id order`, () => {
    let database: TestDatabase;
    let store: Store;
    let other: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open({ poolSize: 8 });
      other = await database.open();
      await seedLocation(store, 'MAIN');
      // A before B by id.
      await seedItem(store, 'A', { backorderPolicy: 'allow' });
      await seedItem(store, 'B', { backorderPolicy: 'deny' });
    });

    afterEach(async () => {
      const { kept, rebuilt } = await keptAndRebuiltItemDays(store);
      expect(kept).toEqual(rebuilt);
      await expectInvariants(store);
      await other.close();
      await store.close();
      await database.drop();
    });

    it('locks the items of the rejection it supersedes with its own, in one ascending pass, before it writes anything', async () => {
      const rejected = await placeOrder(store, { externalId: 'web-1', lines: [{ sku: 'B', quantity: 1 }] }, { actor: 'shop' });
      expect(rejected.ok).toBe(false);
      const blocker = new pg.Client({ connectionString: database.databaseUrl });
      const probe = new pg.Client({ connectionString: database.databaseUrl });
      await Promise.all([blocker.connect(), probe.connect()]);
      try {
        // A placement of B in progress: B's lock held, and with it (once it writes) B's daily totals.
        await blocker.query('begin');
        await blocker.query(`select id from items where sku = 'B' for no key update`);
        const placing = placeOrder(other, { externalId: 'web-1', lines: [{ sku: 'A', quantity: 1 }] }, { actor: 'shop' });
        await waitUntilBlockedBy(probe, [await backendPid(blocker)]);
        // Waiting for B, it holds A, the lower id, and has recorded nothing yet.
        await expect(probe.query(`select id from items where sku = 'A' for no key update nowait`)).rejects.toMatchObject({ code: '55P03' });
        expect((await probe.query<{ n: number }>('select count(*)::int as n from orders')).rows[0]?.n).toBe(1);
        await blocker.query('commit');
        const placed = must(await placing);
        expect(must(await getOrder(store, orderIdOf(rejected))).supersededBy).toBe(placed.id);
      } finally {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), probe.end()]);
      }
    });

    it('makes placements under one external id take turns, and no other placement wait for them', async () => {
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = store.transaction(async (tx) => {
        await tx.lockExternalIds(['web-2']);
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await isLocked;
      const same = placeOrder(other, { externalId: 'web-2', lines: [{ sku: 'A', quantity: 1 }] }, { actor: 'shop' });
      try {
        const unrelated = placeOrder(store, { externalId: 'web-3', lines: [{ sku: 'A', quantity: 1 }] }, { actor: 'shop' });
        expect(await finishesWithin(5_000, unrelated)).toBe(true);
        expect(await finishesWithin(500, same)).toBe(false);
      } finally {
        release();
        await holding;
      }
      expect(must(await same)).toMatchObject({ externalId: 'web-2', supersededBy: null });
    });

    it('leaves one attempt standing when rejected attempts under one external id, of different items, arrive at once', async () => {
      const skus = ['C0', 'C1', 'C2', 'C3', 'C4', 'C5'];
      for (const sku of skus) await seedItem(store, sku, { unitPrice: 100, backorderPolicy: 'deny' });
      for (const round of [1, 2, 3]) {
        const externalId = `race-${round}`;
        // Different items, so their item locks do not make them take turns.
        const results = await Promise.all(skus.map((sku, i) => placeOrder(store, { externalId, lines: [{ sku, quantity: i + 1 }] }, { actor: 'shop' })));
        expect(results.every((r) => !r.ok && r.code === 'OUT_OF_STOCK')).toBe(true);
        const rows = await dbOf(store).selectFrom('orders').select(['id', 'superseded_by']).where('rejected_external_id', '=', externalId).orderBy('id').execute();
        expect(rows).toHaveLength(skus.length);
        // Each superseded by the next one recorded: one chain, one attempt left standing.
        expect(rows.map((r) => r.superseded_by)).toEqual([...rows.slice(1).map((r) => r.id), null]);
      }
      const report = must(await getKpis(store, { sku: skus }));
      expect(report.overall.orders).toBe(3);
    });
  });
}
