import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { EVENT_TYPES } from '../../src/app/communication/event-types.js';
import { subscribe } from '../../src/app/communication/subscribe.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { dateOf } from '../../src/domain/dates.js';
import { startWorker } from '../../src/worker/dispatcher.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { fastConfig } from './support/fast-config.js';
import { waitFor } from './support/wait-for.js';

/** The event vocabulary of SPEC §6. */
const SPEC_EVENTS = [
  'order.placed', 'order.rejected', 'line.backordered', 'backorder.allocated', 'backorder.eta_changed', 'order.shipped',
  'order.cancelled', 'item.status_changed', 'stock.low', 'po.received', 'subscription.notified',
];

for (const dialect of DIALECTS) {
  describe(`the outbox vocabulary on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
    });

    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    it('writes every event type of SPEC §6 in the course of ordinary work, and only known types', async () => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', lowStockThreshold: 2, leadTimeDays: 30 });
      await seedItem(store, 'GADGET');
      must(await createSupplier(store, { code: 'ACME', name: 'Acme', leadTimeDays: 5 }, 'test'));
      const placed = await order(store, { WIDGET: 3 }, { customer: { email: 'ann@example.com' } });
      expect(await placeOrder(store, { lines: [{ sku: 'GADGET', quantity: 1 }] }, { actor: 'test' })).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
      must(await subscribe(store, { sku: 'GADGET', email: 'bob@example.com' }, { allowOnBackorder: false, notifyAll: false }));
      // A purchase order due sooner than the lead time moves the promise date earlier.
      const po = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 10, expectedOn: dateOf(new Date(Date.now() + 3 * 86_400_000)) }] }, 'test'));
      must(await sendPurchaseOrder(store, po.id, 'test'));
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 10 }] }, 'test'));
      must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 3 }] }, 'test'));
      const big = await order(store, { WIDGET: 5 });
      must(await cancelOrder(store, big.id, {}, 'test'));
      await order(store, { WIDGET: 5 });
      must(await adjustStock(store, { sku: 'GADGET', location: 'MAIN', delta: 1, reason: 'found one' }, 'test'));
      const worker = startWorker({ store, config: fastConfig() });
      try {
        await waitFor('subscription.notified', async () => (await store.read((tx) => tx.listEvents(0, 1000))).some((e) => e.type === 'subscription.notified'));
      } finally {
        await worker.stop();
      }

      const types = new Set((await store.read((tx) => tx.listEvents(0, 1000))).map((e) => e.type));
      expect([...types].filter((t) => !(EVENT_TYPES as readonly string[]).includes(t))).toEqual([]);
      expect(SPEC_EVENTS.filter((t) => !types.has(t))).toEqual([]);
    });

    it('says stock.low whenever an item in stock falls to its threshold, to low stock or straight past it, and not on the way up', async () => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'SOLD', { lowStockThreshold: 3 });
      await seedItem(store, 'WAITS', { backorderPolicy: 'allow', lowStockThreshold: 3 });
      await seedItem(store, 'SLOW', { lowStockThreshold: 3 });
      for (const sku of ['SOLD', 'WAITS', 'SLOW']) must(await adjustStock(store, { sku, location: 'MAIN', delta: 10, reason: 'stock' }, 'test'));
      const seq = (await store.read((tx) => tx.listEvents(0, 1000))).at(-1)?.seq ?? 0;
      await order(store, { SOLD: 10 });
      await order(store, { WAITS: 12 });
      await order(store, { SLOW: 8 });
      must(await adjustStock(store, { sku: 'SOLD', location: 'MAIN', delta: 2, reason: 'found two' }, 'test'));
      const low = (await store.read((tx) => tx.listEvents(seq, 1000))).filter((e) => e.type === 'stock.low');
      expect(low.map((e) => [e.subjectId, (e.payload as { status: string }).status, (e.payload as { available: number }).available])).toEqual([
        ['SOLD', 'out_of_stock', 0], ['WAITS', 'backorder', 0], ['SLOW', 'low_stock', 2],
      ]);
    });
  });
}
