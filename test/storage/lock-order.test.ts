import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { subscribe } from '../../src/app/communication/subscribe.js';
import { getOrder } from '../../src/app/get-order.js';
import { createLocation, updateLocation } from '../../src/app/manage-locations.js';
import type { Store } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { expectInvariants, must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Whether `work` finishes within `ms` (it is awaited either way). */
async function finishesWithin(ms: number, work: Promise<unknown>): Promise<boolean> {
  return Promise.race([work.then(() => true), sleep(ms).then(() => false)]);
}

// Row locks only exist on PostgreSQL; SQLite's writers take turns on the whole file.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`the lock order on ${dialect}: locations, then items`, () => {
    let database: TestDatabase;
    let store: Store;
    let other: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      other = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'X', { backorderPolicy: 'allow' });
      must(await createSupplier(store, { code: 'ACME', name: 'Acme', leadTimeDays: 5 }, 'test'));
    });

    afterEach(async () => {
      await expectInvariants(store);
      await other.close();
      await store.close();
      await database.drop();
    });

    it('lets a draft purchase order reference an item while a placement holds its lock (no deadlock between them)', async () => {
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holding = store.transaction(async (tx) => {
        const [item] = await tx.lockItemsBySku(['X']);
        locked();
        await new Promise<void>((resolve) => (release = resolve));
        return item;
      });
      await isLocked;
      // The draft's line takes only the key-share lock of its foreign key: it must not wait.
      const draft = createPurchaseOrder(other, { supplier: 'ACME', lines: [{ sku: 'X', quantity: 3 }] }, 'buyer');
      const unblocked = await finishesWithin(3_000, draft);
      release();
      await holding;
      expect(unblocked).toBe(true);
      expect(must(await draft).lines).toHaveLength(1);
    });

    it('takes a back-in-stock subscription either before a restock (so its notifier sees it) or refuses it after', async () => {
      await seedItem(store, 'GONE');
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      // A restock of GONE in progress: its item is locked, its units not yet committed.
      const restock = store.transaction(async (tx) => {
        const [item] = await tx.lockItemsBySku(['GONE']);
        const [main] = await tx.findLocations(['MAIN']);
        locked();
        await new Promise<void>((resolve) => (release = resolve));
        await tx.changeStock(item!.id, main!.id, 5, 0);
        await tx.insertMovements([{ itemId: item!.id, locationId: main!.id, kind: 'adjustment', onHandDelta: 5, allocatedDelta: 0, reason: 'restock', actor: 'test' }]);
      });
      await isLocked;
      const subscribing = subscribe(other, { sku: 'GONE', email: 'ann@example.com' }, { allowOnBackorder: false, notifyAll: false });
      const early = await finishesWithin(500, subscribing);
      release();
      await restock;
      expect(early).toBe(false);
      expect(await subscribing).toMatchObject({ ok: false, code: 'CONFLICT' }); // in stock by the time it is read
    });

    it('fills the backorders of an item first stocked at a location while it is being activated', async () => {
      must(await createLocation(store, { code: 'NEW', name: 'New warehouse', active: false }, 'test'));
      const waiting = await order(store, { X: 3 });
      // Another session holds the location's row, as a long activation would: the activation below
      // and a first delivery of X to that location both start while it is held.
      const blocker = new pg.Client({ connectionString: database.databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('begin');
        await blocker.query(`select id from locations where code = 'NEW' for no key update`);
        const activation = updateLocation(store, 'NEW', { active: true }, 'ops');
        await sleep(300);
        const delivery = adjustStock(other, { sku: 'X', location: 'NEW', delta: 5, reason: 'first delivery to the new warehouse' }, 'clerk');
        await sleep(300);
        await blocker.query('commit');
        must(await activation);
        must(await delivery);
      } finally {
        await blocker.end();
      }
      expect(must(await getOrder(store, waiting.id)).lines[0]).toMatchObject({ allocated: 3, backordered: 0 });
    });
  });
}
