import { beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../src/app/get-order.js';
import type { Store } from '../../src/app/ports.js';
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
      expect(await promiseOf(second.id)).toEqual(['2026-01-16', true]); // today + the item's 10 days
      expect(await etaChanges(store, seq)).toEqual([
        [first.id, '2026-01-05', '2026-01-13'],
        [second.id, '2026-01-11', '2026-01-16'],
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
        [second.id, '2026-01-16', '2026-01-24'],
      ]);

      // The goods arrive: the first order is filled, the second waits for 2 units on a fresh estimate.
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'clerk'));
      expect(must(await getOrder(store, first.id)).lines[0]).toMatchObject({ allocated: 3, backordered: 0, eta: null, etaEstimated: false });
      expect(must(await getOrder(store, second.id)).lines[0]).toMatchObject({ allocated: 2, backordered: 2, eta: '2026-01-24', etaEstimated: true });
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
