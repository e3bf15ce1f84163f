import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { notifySubscribers } from '../../src/app/communication/notify-subscribers.js';
import { subscribe } from '../../src/app/communication/subscribe.js';
import { updateLocation } from '../../src/app/manage-locations.js';
import type { Store } from '../../src/app/ports.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { transferStock } from '../../src/app/transfer-stock.js';
import { dateOf } from '../../src/domain/dates.js';
import { SUBSCRIPTIONS_TARGET } from '../../src/worker/routing.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { orderedPo, seedSupplier } from '../purchasing/purchasing-fixtures.js';

const POLICY = { allowOnBackorder: false, notifyAll: false };
const SUBSCRIBERS = ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com'];

/**
 * Back-in-stock subscribers are told of every rise of an item's free units, in the transaction of
 * the change (no worker runs here): a small restock leaves some waiting, and whatever frees more
 * units later tells the next ones, first come first served, each once.
 */
for (const dialect of DIALECTS) {
  describe(`back-in-stock notices on every rise of free stock on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'GADGET', { name: 'Gadget' });
      for (const email of SUBSCRIBERS) must(await subscribe(store, { sku: 'GADGET', email }, POLICY));
    });

    afterEach(async () => {
      vi.unstubAllEnvs();
      await store.close();
      await database.drop();
    });

    /** Addresses told, in the order of their subscription.notified events. */
    const told = async () =>
      (await store.read((tx) => tx.listEvents(0, 10_000))).filter((e) => e.type === 'subscription.notified').map((e) => (e.payload as { email: string }).email);
    const waiting = async () =>
      (await store.read(async (tx) => tx.communication.waitingSubscriptions((await tx.findItems(['GADGET']))[0]?.id ?? 0, null))).map((s) => s.email);

    it('tells those a small receipt left waiting when a count finds more units', async () => {
      await seedSupplier(store, 'ACME');
      const po = await orderedPo(store, 'ACME', [['GADGET', 10, dateOf(new Date(Date.now() + 7 * 86_400_000))]]);
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 2 }] }, 'clerk'));
      expect(await told()).toEqual(['a@example.com', 'b@example.com']);
      // Counted up from 2 to 3: one more unit, one more subscriber; the first two are not told again.
      must(await adjustStock(store, { sku: 'GADGET', location: 'MAIN', count: 3, reason: 'found one' }, 'clerk'));
      expect(await told()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
      // A count down frees nothing; a delta up of 5 tells the last two, and no one twice.
      must(await adjustStock(store, { sku: 'GADGET', location: 'MAIN', count: 1, reason: 'recount' }, 'clerk'));
      must(await adjustStock(store, { sku: 'GADGET', location: 'MAIN', delta: 5, reason: 'found more' }, 'clerk'));
      expect(await told()).toEqual(SUBSCRIBERS);
      expect(await waiting()).toEqual([]);
      const notices = (await store.read((tx) => tx.listEvents(0, 10_000))).filter((e) => e.type === 'subscription.notified');
      expect(notices.at(-1)?.payload).toMatchObject({ sku: 'GADGET', name: 'Gadget', email: 'e@example.com', available: 6 });
      await expectInvariants(store);
    });

    it('tells the next ones when a cancellation frees allocated units, none while the queue takes them', async () => {
      await receive(store, 'GADGET', 'MAIN', 3);
      expect(await told()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
      // The item stays in stock throughout: no status change tells of the two units freed.
      const placed = await order(store, { GADGET: 2 });
      must(await cancelOrder(store, placed.id, {}, 'desk'));
      expect(await told()).toEqual(SUBSCRIBERS);

      // Units a cancellation frees for a backorder waiting in the queue are not free to sell.
      const onBackorder = { allowOnBackorder: true, notifyAll: false };
      await seedItem(store, 'WAITED', { backorderPolicy: 'allow' });
      const first = await order(store, { WAITED: 1 });
      must(await subscribe(store, { sku: 'WAITED', email: 'w@example.com' }, onBackorder));
      await order(store, { WAITED: 1 });
      await receive(store, 'WAITED', 'MAIN', 1);
      must(await cancelOrder(store, first.id, {}, 'desk'));
      expect(await told()).toEqual(SUBSCRIBERS);
      await expectInvariants(store);
    });

    it('tells them when units come in from a switched-off location, or it is switched on, not when units move between counting ones', async () => {
      await seedLocation(store, 'BACK');
      await seedLocation(store, 'SHOP');
      await receive(store, 'GADGET', 'BACK', 2);
      expect(await told()).toEqual(['a@example.com', 'b@example.com']);
      // BACK is switched off: its units stop counting, and the next unit at MAIN tells one more.
      must(await updateLocation(store, 'BACK', { active: false }, 'ops'));
      await receive(store, 'GADGET', 'MAIN', 1);
      expect(await told()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
      must(await transferStock(store, { sku: 'GADGET', from: 'MAIN', to: 'SHOP', quantity: 1 }, 'ops'));
      expect(await told()).toEqual(['a@example.com', 'b@example.com', 'c@example.com']);
      // A unit moved from the switched-off location to one that counts is free to sell again.
      must(await transferStock(store, { sku: 'GADGET', from: 'BACK', to: 'MAIN', quantity: 1 }, 'ops'));
      expect(await told()).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
      // Switching BACK on again brings its last unit back.
      must(await updateLocation(store, 'BACK', { active: true }, 'ops'));
      expect(await told()).toEqual(SUBSCRIBERS);
      expect(await waiting()).toEqual([]);
      await expectInvariants(store);
    });

    it('still runs a notifier delivery fanned out by an earlier version, telling no one twice', async () => {
      // A restock committed by an earlier version: stock and its event, nobody told yet.
      const at = await store.transaction(async (tx) => {
        const [item] = await tx.lockItemsBySku(['GADGET']);
        const [main] = await tx.findLocations(['MAIN']);
        await tx.changeStock(item!.id, main!.id, 2, 0);
        await tx.insertMovements([{ itemId: item!.id, locationId: main!.id, kind: 'adjustment', onHandDelta: 2, allocatedDelta: 0, reason: 'old version', actor: 'test' }]);
        await tx.insertEvents([{ type: 'item.status_changed', subjectType: 'item', subjectId: 'GADGET', payload: { sku: 'GADGET', previousStatus: 'out_of_stock', status: 'in_stock', available: 2 } }]);
        return tx.now;
      });
      const event = (await store.read((tx) => tx.listEvents(0, 10_000))).find((e) => e.type === 'item.status_changed' && e.createdAt === at);
      await store.transaction((tx) => tx.communication.insertDeliveries([{ target: SUBSCRIPTIONS_TARGET, endpointId: null, eventSeq: event!.seq, eventType: event!.type, subject: 'item:GADGET' }]));
      const [delivery] = await store.read((tx) => tx.communication.listDeliveries({ limit: 10 }));
      const restock = { arrivals: [{ sku: 'GADGET', units: 2 }], at, deliveryId: delivery!.id };
      expect(await notifySubscribers(store, restock, POLICY)).toBe(2);
      expect(await notifySubscribers(store, restock, POLICY)).toBe(0);
      expect(await told()).toEqual(['a@example.com', 'b@example.com']);
      expect(await store.read((tx) => tx.communication.findDelivery(delivery!.id))).toMatchObject({ status: 'delivered', lastError: '2 subscriber(s) told' });
    });

    it('tells everyone waiting when the store is opened to (RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL)', async () => {
      const everyone = await database.open({ subscriptionPolicy: { allowOnBackorder: false, notifyAll: true } });
      try {
        await receive(everyone, 'GADGET', 'MAIN', 1);
      } finally {
        await everyone.close();
      }
      expect(await told()).toEqual(SUBSCRIBERS);
    });
  });
}
