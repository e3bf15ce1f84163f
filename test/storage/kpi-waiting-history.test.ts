import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { getKpis } from '../../src/app/get-kpis.js';
import type { Store } from '../../src/app/ports.js';
import { expectInvariants, must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { openWorld, type PurchasingWorld } from '../purchasing/purchasing-fixtures.js';

/**
 * "Backorders waiting by age" of a past period counts the units waiting at its end, not today's
 * queue: fills, cancellations and units a stock count returned to the queue since then are undone.
 */
for (const dialect of DIALECTS) {
  describe(`backorders waiting at the end of a past period, on ${dialect}`, () => {
    let world: PurchasingWorld;
    let store: Store;
    const later = new Date('2026-02-01T00:00:00Z');
    const waitingUntil = async (until?: string) =>
      must(await getKpis(store, { from: '2026-01-01', ...(until ? { until } : {}) }, later)).overall.backordersWaitingByAge;

    beforeAll(async () => {
      world = await openWorld(dialect); // 2026-01-01
      store = world.store;
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'W', { backorderPolicy: 'allow' });
      await order(store, { W: 3 }); // A: 3 waiting
      const b = await order(store, { W: 2 }); // B: 2 waiting
      world.clock.advanceDays(2); // 01-03
      must(await adjustStock(store, { sku: 'W', location: 'MAIN', delta: 2, reason: 'receipt' }, 'test')); // A: 1 waiting
      world.clock.advanceDays(1); // 01-04
      must(await cancelOrder(store, b.id, {}, 'test')); // B: none
      world.clock.advanceDays(1); // 01-05
      must(await adjustStock(store, { sku: 'W', location: 'MAIN', delta: 4, reason: 'receipt' }, 'test')); // A filled; 3 on the shelf
      world.clock.advanceDays(1); // 01-06
      await order(store, { W: 5 }); // C: 3 allocated, 2 waiting
      world.clock.advanceDays(1); // 01-07
      // 6 allocated, 1 found: the last served give theirs back, C 3 (5 waiting) and A 2 (2 waiting).
      must(await adjustStock(store, { sku: 'W', location: 'MAIN', count: 1, reason: 'count' }, 'test'));
    });

    afterAll(async () => {
      await expectInvariants(store);
      await store.close();
      await world.database.drop();
    });

    it('undoes what happened after the period: fills, cancellations and returns to the queue', async () => {
      expect(await waitingUntil('2026-01-02')).toEqual({ '0-7': 5, '8-14': 0, '15-30': 0, '>30': 0 });
      expect(await waitingUntil('2026-01-04')).toEqual({ '0-7': 3, '8-14': 0, '15-30': 0, '>30': 0 }); // A 1, B 2 (cancelled on the 4th)
      expect(await waitingUntil('2026-01-05')).toEqual({ '0-7': 1, '8-14': 0, '15-30': 0, '>30': 0 });
      expect(await waitingUntil('2026-01-07')).toEqual({ '0-7': 2, '8-14': 0, '15-30': 0, '>30': 0 }); // C before the count
      expect(await waitingUntil('2026-01-10')).toEqual({ '0-7': 5, '8-14': 2, '15-30': 0, '>30': 0 }); // C 4 days old, A 9
      // Judged at the period's end: on its last day, 01-27, C is 21 days old, A 26.
      expect(await waitingUntil('2026-01-28')).toEqual({ '0-7': 0, '8-14': 0, '15-30': 7, '>30': 0 });
    });

    it('counts ages in calendar days, as the backorder queue shows them', async () => {
      // Half a second into 01-09, A (placed seconds into 01-01) is 8 days old by the calendar, 7.99 by the clock.
      const justAfterMidnight = new Date('2026-01-09T00:00:00.500Z');
      const now = must(await getKpis(store, { from: '2026-01-01' }, justAfterMidnight)).overall.backordersWaitingByAge;
      expect(now).toEqual({ '0-7': 5, '8-14': 2, '15-30': 0, '>30': 0 });
    });
  });
}
