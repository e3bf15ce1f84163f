import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { getKpis } from '../../src/app/get-kpis.js';
import type { Store } from '../../src/app/ports.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * Promises, time to fill and turnover judged from what happened by the end of the period, through a
 * stock count that takes a filled backorder back (SPEC §8). Item P (lead time 2 days) at MAIN:
 *   04-01 10:00 order 1: P 3 → backordered, first ETA 04-03; 11:00 order 2: P 2 → backordered, ETA 04-03
 *   04-02 10:00 P +3 → order 1 filled (1 day): its promise is kept
 *   04-04 10:00 P counted at 0 → order 1's 3 units back in the queue
 *   04-05 10:00 order 3: P 1 → backordered, ETA 04-07
 *   04-06 10:00 P +6 → order 1 filled again, order 2 (4.96 days late: promise broken), order 3 (1 day)
 * Item T (cost 100): 04-02 +1000, 04-03 order 4 takes all 1000 and ships: nothing on hand at either
 * end of the week. Item N (cost 50) created 04-05: +10, order 5 of 2 units shipped 04-06.
 */
for (const dialect of DIALECTS) {
  describe(`KPIs judged at the end of the period on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let now = '2026-04-01T00:00:00.000Z';
    const later = new Date('2026-04-20T00:00:00Z');
    const kpis = async (from: string, until: string, at = later) => must(await getKpis(store, { from, until }, at));

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open({ clock: () => new Date(now) });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'P', { unitPrice: 100, unitCost: 50, backorderPolicy: 'allow', leadTimeDays: 2 });
      await seedItem(store, 'T', { unitPrice: 200, unitCost: 100, backorderPolicy: 'deny' });
      now = '2026-04-01T10:00:00.000Z';
      expect((await order(store, { P: 3 })).lines[0]).toMatchObject({ backordered: 3, eta: '2026-04-03' });
      now = '2026-04-01T11:00:00.000Z';
      expect((await order(store, { P: 2 })).lines[0]).toMatchObject({ backordered: 2, eta: '2026-04-03' });
      now = '2026-04-02T10:00:00.000Z';
      await receive(store, 'P', 'MAIN', 3);
      await receive(store, 'T', 'MAIN', 1000);
      now = '2026-04-03T10:00:00.000Z';
      const bulk = await order(store, { T: 1000 });
      must(await shipOrder(store, bulk.id, { lines: [{ sku: 'T', quantity: 1000 }] }, 'test'));
      now = '2026-04-04T10:00:00.000Z';
      expect(must(await adjustStock(store, { sku: 'P', location: 'MAIN', count: 0, reason: 'stock count' }, 'test')).returnedToQueue).toBe(3);
      now = '2026-04-05T00:00:00.000Z';
      await seedItem(store, 'N', { unitPrice: 80, unitCost: 50 });
      await receive(store, 'N', 'MAIN', 10);
      now = '2026-04-05T10:00:00.000Z';
      expect((await order(store, { P: 1 })).lines[0]).toMatchObject({ backordered: 1, eta: '2026-04-07' });
      const small = await order(store, { N: 2 });
      now = '2026-04-06T10:00:00.000Z';
      await receive(store, 'P', 'MAIN', 6);
      must(await shipOrder(store, small.id, { lines: [{ sku: 'N', quantity: 2 }] }, 'test'));
    });

    afterAll(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    it('counts the promises due in the period, each judged at the end of its first ETA day', async () => {
      // Orders 1 and 2 fell due on 04-03: order 1 was filled by then (the count that took it back
      // later does not break it), order 2 still waited. Order 3, placed in the period, falls due later.
      expect((await kpis('2026-04-01', '2026-04-06')).overall.promisesKept).toEqual({ kept: 1, broken: 1, rate: 0.5 });
      expect((await kpis('2026-04-06', '2026-04-08')).overall.promisesKept).toEqual({ kept: 1, broken: 0, rate: 1 });
      // Read on 04-03 at noon, the promises of that day are not judged yet.
      expect((await kpis('2026-04-01', '2026-04-08', new Date('2026-04-03T12:00:00Z'))).overall.promisesKept).toEqual({ kept: 0, broken: 0, rate: null });
      expect(must(await getKpis(store, { from: '2026-04-01' }, later)).definitions['promisesKept']).toMatch(/first ETA falls in the period/);
    });

    it('counts each unit once in time to fill, however often a count returned it to the queue', async () => {
      // Order 1: 3 units after 1 day (its refill is not counted again); order 2: 2 after 4.96 days; order 3: 1 after 1 day.
      const { timeToFillDays } = (await kpis('2026-04-01', '2026-04-08')).overall;
      expect(timeToFillDays).toEqual({ mean: 2.32, p90: 4.96 });
    });

    it('averages the daily closing on-hand balances for turnover, from an item’s creation', async () => {
      const week = await kpis('2026-04-01', '2026-04-08');
      const item = (sku: string) => week.items.find((i) => i.sku === sku);
      // T: closing balances 0, 1000, 0, 0, 0, 0, 0 → 1000 / 7 × 100 on average; 1000 × 100 shipped at cost.
      expect(item('T')).toMatchObject({ inventoryTurnover: 7, daysOfSupply: 0 });
      // N from 04-05: closing 10, 8, 8 → 26 / 3 × 50; 2 × 50 shipped; 8 on hand ÷ (2 units / 3 days).
      expect(item('N')).toMatchObject({ inventoryTurnover: 0.231, daysOfSupply: 12 });
    });
  });
}
