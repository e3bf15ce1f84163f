import { beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { getOrder } from '../../src/app/get-order.js';
import type { Store } from '../../src/app/ports.js';
import { cancelPurchaseOrder } from '../../src/app/purchasing/cancel-purchase-order.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { refreshPastPromises } from '../../src/app/refresh-past-promises.js';
import { startWorker } from '../../src/worker/dispatcher.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { fastConfig } from '../worker/support/fast-config.js';
import { etaChanges, lastEventSeq, orderedPo, seedSupplier, worldPerTest } from './purchasing-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`promise dates that have passed, on ${dialect}`, () => {
    // Each test starts on 2026-01-01 (the world's clock).
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10 });
      await seedItem(store, 'GADGET', { backorderPolicy: 'allow', leadTimeDays: 3 });
      await seedSupplier(store, 'ACME');
    });
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    const promiseOf = async (orderId: number) => {
      const line = must(await getOrder(store, orderId)).lines[0];
      return [line?.eta, line?.etaEstimated];
    };

    it('moves an overdue purchase order a week out, a lapsed estimate a lead time out, once a day, with events', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-05']]);
      const first = await order(store, { WIDGET: 3 });
      const second = await order(store, { WIDGET: 4 });
      expect(await promiseOf(first.id)).toEqual(['2026-01-05', false]);
      expect(await promiseOf(second.id)).toEqual(['2026-01-11', true]); // 2 of its units are beyond the PO

      world.clock.advanceDays(4); // 2026-01-05: the PO is due today, nothing has passed
      expect(await refreshPastPromises(store)).toEqual({ items: 0 });

      world.clock.advanceDays(1); // 2026-01-06: the PO is overdue
      const seq = await lastEventSeq(store);
      expect(await refreshPastPromises(store)).toEqual({ items: 1 });
      expect(await promiseOf(first.id)).toEqual(['2026-01-13', true]);
      // Its 2 units beyond the PO keep their estimate (the 11th); the 2 from the PO come with it.
      expect(await promiseOf(second.id)).toEqual(['2026-01-13', true]);
      expect(await etaChanges(store, seq)).toEqual([
        [first.id, '2026-01-05', '2026-01-13'],
        [second.id, '2026-01-11', '2026-01-13'],
      ]);

      // Again the same day (a second process, say): nothing has passed, nothing moves.
      const again = await lastEventSeq(store);
      expect(await refreshPastPromises(store)).toEqual({ items: 0 });
      expect(await etaChanges(store, again)).toEqual([]);

      world.clock.advanceDays(8); // 2026-01-14: the week's promise has passed too
      const later = await lastEventSeq(store);
      expect(await refreshPastPromises(store)).toEqual({ items: 1 });
      expect(await etaChanges(store, later)).toEqual([
        [first.id, '2026-01-13', '2026-01-21'],
        [second.id, '2026-01-13', '2026-01-24'], // today + the item's 10 days
      ]);

      // The goods arrive: the first order is filled, the second waits for 2 units on a fresh estimate.
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'clerk'));
      expect(must(await getOrder(store, first.id)).lines[0]).toMatchObject({ allocated: 3, backordered: 0, eta: null, etaEstimated: false });
      expect(must(await getOrder(store, second.id)).lines[0]).toMatchObject({ allocated: 2, backordered: 2, eta: '2026-01-24', etaEstimated: true });
    });

    it('keeps an estimate while only the days go by, however often the item changes, and moves it on news', async () => {
      const waiting = await order(store, { WIDGET: 2 }); // 2026-01-01 + 10 days, estimated
      const seq = await lastEventSeq(store);
      for (let day = 1; day <= 9; day += 1) {
        world.clock.advanceDays(1);
        await order(store, { WIDGET: 1 }); // every day another backorder of the item: a recompute
        expect(await promiseOf(waiting.id)).toEqual(['2026-01-11', true]);
      }
      expect(await etaChanges(store, seq)).toEqual([]);
      // 2026-01-10: today's order is promised today + 10 days, the older ones keep theirs.
      const lastOrder = await order(store, { WIDGET: 1 });
      expect(await promiseOf(lastOrder.id)).toEqual(['2026-01-20', true]);

      // News: a purchase order covers the first order on the 15th, later than its estimate; the
      // orders behind it cannot come before it either.
      const news = await lastEventSeq(store);
      await orderedPo(store, 'ACME', [['WIDGET', 2, '2026-01-15']]);
      expect(await promiseOf(waiting.id)).toEqual(['2026-01-15', false]);
      expect((await etaChanges(store, news)).map(([, from, to]) => [from, to])).toEqual([
        ['2026-01-11', '2026-01-15'],
        ['2026-01-12', '2026-01-15'],
        ['2026-01-13', '2026-01-15'],
        ['2026-01-14', '2026-01-15'],
      ]);

      // Once a promise has passed it is made afresh: the PO is overdue on the 16th, a week out.
      world.clock.advanceDays(6); // 2026-01-16
      const lapsed = await lastEventSeq(store);
      expect(await refreshPastPromises(store)).toEqual({ items: 1 });
      expect(await promiseOf(waiting.id)).toEqual(['2026-01-23', true]);
      expect(await promiseOf(lastOrder.id)).toEqual(['2026-01-23', true]);
      expect(await etaChanges(store, lapsed)).toHaveLength(11);
    });

    it('moves a promise still ahead once a purchase order it counts on turns overdue, a week out, and only once', async () => {
      await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-04'], ['WIDGET', 10, '2026-01-09']]);
      const waiting = await order(store, { WIDGET: 15 });
      expect(await promiseOf(waiting.id)).toEqual(['2026-01-09', false]);

      world.clock.advanceDays(4); // 2026-01-05: the first line is overdue, the promise (the 9th) has not passed
      const seq = await lastEventSeq(store);
      expect(await refreshPastPromises(store)).toEqual({ items: 1 });
      expect(await promiseOf(waiting.id)).toEqual(['2026-01-12', true]);
      expect(await etaChanges(store, seq)).toEqual([[waiting.id, '2026-01-09', '2026-01-12']]);

      // Later refreshes and recomputes before the next news leave it where it is.
      for (let day = 0; day < 3; day += 1) {
        world.clock.advanceDays(1);
        await refreshPastPromises(store);
        await order(store, { WIDGET: 1 });
        expect(await promiseOf(waiting.id)).toEqual(['2026-01-12', true]);
      }
      expect(await etaChanges(store, seq)).toHaveLength(1);
    });

    it('estimates from today, not from the day of the first promise, a line whose purchase order is cancelled', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-20']]);
      const waiting = await order(store, { WIDGET: 5 });
      expect(await promiseOf(waiting.id)).toEqual(['2026-01-20', false]);
      world.clock.advanceDays(7); // 2026-01-08
      must(await cancelPurchaseOrder(store, po.id, {}, 'buyer'));
      expect(await promiseOf(waiting.id)).toEqual(['2026-01-18', true]); // today + the item's 10 days
    });

    it('tells in the placement events when the waiting units are expected', async () => {
      await orderedPo(store, 'ACME', [['WIDGET', 2, '2026-01-05']]);
      const seq = await lastEventSeq(store);
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'found' }, 'clerk'));
      const placed = await order(store, { WIDGET: 3, GADGET: 1 });
      const eventsOf = async (orderId: number) => (await store.read((tx) => tx.listEvents(seq, 100))).filter((e) => e.subjectId === String(orderId));
      const events = await eventsOf(placed.id);
      expect(events.map((e) => e.type)).toEqual(['order.placed', 'line.backordered', 'line.backordered']);
      expect((events[0]?.payload as { lines: unknown[] }).lines).toEqual([
        { sku: 'WIDGET', quantity: 3, allocated: 1, backordered: 2, cancelled: 0, eta: '2026-01-05', estimated: false }, // the PO's 2 units
        { sku: 'GADGET', quantity: 1, allocated: 0, backordered: 1, cancelled: 0, eta: '2026-01-04', estimated: true }, // its lead time
      ]);
      expect(events.slice(1).map((e) => e.payload)).toMatchObject([
        { sku: 'WIDGET', quantity: 2, eta: '2026-01-05', estimated: false },
        { sku: 'GADGET', quantity: 1, eta: '2026-01-04', estimated: true },
      ]);
      const beyond = await order(store, { WIDGET: 1 });
      expect((await eventsOf(beyond.id)).map((e) => e.payload)).toMatchObject([
        { lines: [{ sku: 'WIDGET', allocated: 0, backordered: 1, eta: '2026-01-11', estimated: true }] },
        { sku: 'WIDGET', quantity: 1, eta: '2026-01-11', estimated: true },
      ]);
    });

    it('leaves promises that have not passed alone, item by item', async () => {
      await orderedPo(store, 'ACME', [['WIDGET', 2, '2026-01-20']]);
      const widget = await order(store, { WIDGET: 1 });
      const gadget = await order(store, { GADGET: 1 }); // no PO: today + 3 days, estimated
      world.clock.advanceDays(5);
      const seq = await lastEventSeq(store);
      expect(await refreshPastPromises(store)).toEqual({ items: 1 });
      expect(await promiseOf(widget.id)).toEqual(['2026-01-20', false]);
      expect(await promiseOf(gadget.id)).toEqual(['2026-01-09', true]);
      expect(await etaChanges(store, seq)).toEqual([[gadget.id, '2026-01-04', '2026-01-09']]);
    });

    it('is refreshed by the worker on its schedule', async () => {
      const gadget = await order(store, { GADGET: 2 });
      world.clock.advanceDays(10);
      const worker = startWorker({ store, config: fastConfig({ promiseRefreshMs: 50 }) });
      try {
        const deadline = Date.now() + 10_000;
        while ((await promiseOf(gadget.id))[0] === '2026-01-04' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      } finally {
        await worker.stop();
      }
      expect(await promiseOf(gadget.id)).toEqual(['2026-01-14', true]);
    });
  });
}
