import { beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../src/app/get-order.js';
import { updateItem } from '../../src/app/manage-items.js';
import type { Store } from '../../src/app/ports.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { refreshPastPromises } from '../../src/app/refresh-past-promises.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { etaChanges, lastEventSeq, orderedPo, seedLink, seedSupplier, worldPerTest } from './purchasing-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`promise dates of a discontinued item's waiting lines, on ${dialect}`, () => {
    // Each test starts on 2026-01-01 (the world's clock).
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10 });
      await seedSupplier(store, 'ACME');
      await seedLink(store, 'WIDGET', 'ACME', { leadTimeDays: 5, preferred: true });
    });
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    const promiseOf = async (orderId: number) => {
      const line = must(await getOrder(store, orderId)).lines[0];
      return [line?.eta, line?.etaEstimated];
    };

    it('keeps the dates an open purchase order covers, withdraws the estimates beyond it, and never renews them', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 3, '2026-01-08']]);
      const covered = await order(store, { WIDGET: 2 });
      const partly = await order(store, { WIDGET: 3 }); // 1 unit from the PO, 2 beyond it
      const beyond = await order(store, { WIDGET: 1 });
      expect(await promiseOf(partly.id)).toEqual(['2026-01-08', true]); // the supplier's 5 days end before the PO
      expect(await promiseOf(beyond.id)).toEqual(['2026-01-08', true]);

      const seq = await lastEventSeq(store);
      must(await updateItem(store, 'WIDGET', { discontinued: true }, 'test'));
      expect(await promiseOf(covered.id)).toEqual(['2026-01-08', false]);
      expect(await promiseOf(partly.id)).toEqual([null, false]);
      expect(await promiseOf(beyond.id)).toEqual([null, false]);
      // Customers and integrations hear the date is gone (eta null), as of any other change.
      expect(await etaChanges(store, seq)).toEqual([[partly.id, '2026-01-08', null], [beyond.id, '2026-01-08', null]]);

      // Weeks go by: the overdue PO is expected a week out, the lines beyond it stay without a date.
      for (const days of [10, 10, 10]) {
        world.clock.advanceDays(days);
        const before = await lastEventSeq(store);
        await refreshPastPromises(store);
        expect((await etaChanges(store, before)).filter(([orderId]) => orderId !== covered.id)).toEqual([]);
        expect(await promiseOf(partly.id)).toEqual([null, false]);
        expect(await promiseOf(beyond.id)).toEqual([null, false]);
      }
      expect(await promiseOf(covered.id)).toEqual(['2026-02-07', true]); // 2026-01-31 + a week, estimated

      // The PO's goods arrive: the first order is filled, the rest still waits with nothing planned.
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 3 }] }, 'clerk'));
      expect(must(await getOrder(store, partly.id)).lines[0]).toMatchObject({ allocated: 1, backordered: 2, eta: null, etaEstimated: false });

      // Sold again: the lead time is news again, and every waiting line gets an estimate.
      must(await updateItem(store, 'WIDGET', { discontinued: false }, 'test'));
      expect(await promiseOf(beyond.id)).toEqual(['2026-02-05', true]); // 2026-01-31 + the supplier's 5 days
    });

    it('refreshes nothing of a discontinued item without purchase orders, however long its customers wait', async () => {
      const waiting = await order(store, { WIDGET: 2 });
      world.clock.advanceDays(30); // its estimate (the 6th) has lapsed
      must(await updateItem(store, 'WIDGET', { discontinued: true }, 'test'));
      expect(await promiseOf(waiting.id)).toEqual([null, false]);
      for (let day = 0; day < 3; day += 1) {
        world.clock.advanceDays(20);
        expect(await refreshPastPromises(store)).toEqual({ items: 0 });
        expect(await promiseOf(waiting.id)).toEqual([null, false]);
      }
    });
  });
}
