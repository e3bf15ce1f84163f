import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { subscribe } from '../../src/app/communication/subscribe.js';
import { getOrder } from '../../src/app/get-order.js';
import { createLocation, updateLocation } from '../../src/app/manage-locations.js';
import type { Store } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
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

    it('locks a purchase order\'s items once, in id order, when a line is added to it while it waits for them', async () => {
      // Created in this order, so A < B < C by id.
      for (const sku of ['PO-A', 'PO-B', 'PO-C']) await seedItem(store, sku);
      const lockItem = (client: pg.Client, sku: string) => client.query('select id from items where sku = $1 for no key update', [sku]);
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'PO-A', quantity: 1 }, { sku: 'PO-C', quantity: 1 }] }, 'buyer'));
      const first = new pg.Client({ connectionString: database.databaseUrl });
      const second = new pg.Client({ connectionString: database.databaseUrl });
      await Promise.all([first.connect(), second.connect()]);
      // The third transaction looks for a deadlock first, so one would be its error (the store retries its own).
      await second.query(`set deadlock_timeout = '50ms'`);
      try {
        // Another writer holds A and gives the draft a line of B, between the two.
        await first.query('begin');
        await lockItem(first, 'PO-A');
        const sending = sendPurchaseOrder(other, draft.id, 'buyer');
        await sleep(300);
        await first.query(
          `insert into po_lines (po_id, line_no, item_id, quantity, unit_cost, expected_on, expected_by_lead_time)
           select $1, 3, (select id from items where sku = 'PO-B'), 1, 100, expected_on, 1 from po_lines where po_id = $1 and line_no = 1`,
          [draft.id],
        );
        // A third transaction takes the global order too: B, then C.
        await second.query('begin');
        await lockItem(second, 'PO-B');
        await first.query('commit');
        await sleep(300);
        // Had the send locked A and C, then B, this would wait for C while the send waited for B: a deadlock.
        await lockItem(second, 'PO-C');
        await second.query('commit');
        const sent = must(await sending);
        expect({ status: sent.status, lines: sent.lines.map((l) => l.sku) }).toEqual({ status: 'ordered', lines: ['PO-A', 'PO-C', 'PO-B'] });
      } finally {
        await Promise.all([first.end(), second.end()]);
      }
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
