import { beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { getKpis } from '../../src/app/get-kpis.js';
import { placeOrder } from '../../src/app/place-order.js';
import { getDemandHistory } from '../../src/app/planning/get-demand-history.js';
import { DemandRows } from '../../src/app/planning/demand-rows.js';
import { importDemand } from '../../src/app/planning/import-demand.js';
import { createDraftPurchaseOrders } from '../../src/app/planning/create-draft-purchase-orders.js';
import { getReplenishmentPlan } from '../../src/app/planning/get-replenishment-plan.js';
import { runForecasts } from '../../src/app/planning/run-forecasts.js';
import type { Store } from '../../src/app/ports.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { MAX_QUANTITY } from '../../src/app/validate.js';
import { must, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { expectFailure, orderedPo, seedLink, seedSupplier, worldPerTest } from '../purchasing/purchasing-fixtures.js';

/**
 * Every quantity is at most MAX_QUANTITY, but totals of many of them are not: a day's requested
 * units, a network's stock over several locations, a receipt into a full shelf. None may fail as
 * a 5xx (PostgreSQL's integers are 32 bits).
 */
for (const dialect of DIALECTS) {
  describe(`quantities near the limit, on ${dialect}`, () => {
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedLocation(store, 'EAST');
      await seedLocation(store, 'WEST');
      await seedItem(store, 'BOLT', { backorderPolicy: 'deny' });
      await seedItem(store, 'NUT', { backorderPolicy: 'allow' });
    });
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    it('keeps taking orders after a day of refused orders for billions of units, and reports them', async () => {
      for (let i = 0; i < 3; i++) {
        const refused = await placeOrder(store, { lines: [{ sku: 'BOLT', quantity: MAX_QUANTITY }, { sku: 'BOLT', quantity: MAX_QUANTITY }] }, { actor: 'test' });
        expect(refused.ok).toBe(false);
      }
      must(await adjustStock(store, { sku: 'BOLT', location: 'MAIN', delta: 5, reason: 'count' }, 'test'));
      const placed = must(await placeOrder(store, { lines: [{ sku: 'BOLT', quantity: 1 }] }, { actor: 'test' }));
      expect(placed.lines[0]).toMatchObject({ allocated: 1, backordered: 0 });
      const kpis = must(await getKpis(store, {}, new Date('2026-01-02T00:00:00Z')));
      expect(kpis.overall.unitsRequested).toBe(6 * MAX_QUANTITY + 1);
      const history = must(await getDemandHistory(store, { sku: 'BOLT' }));
      expect(history.totals.lost).toBe(6 * MAX_QUANTITY);
      expect(must(await getReplenishmentPlan(store, 'BOLT')).sku).toBe('BOLT');
    });

    it('restocks, fills and cancels an order of more than two billion units in all', async () => {
      await seedItem(store, 'WASHER', { backorderPolicy: 'allow' });
      await seedItem(store, 'SPRING', { backorderPolicy: 'allow' });
      const big = must(await placeOrder(store, { lines: [{ sku: 'NUT', quantity: MAX_QUANTITY }, { sku: 'WASHER', quantity: MAX_QUANTITY }, { sku: 'SPRING', quantity: MAX_QUANTITY }] }, { actor: 'test' }));
      must(await adjustStock(store, { sku: 'NUT', location: 'MAIN', delta: 5, reason: 'receipt' }, 'test'));
      const cancelled = must(await cancelOrder(store, big.id, {}, 'test'));
      expect(cancelled.status).toBe('cancelled');
    });

    it('adds up revenue past 64 bits: orders at the highest price, refused or cut, then KPIs over them', async () => {
      for (const sku of ['GOLD', 'PLATINUM']) await seedItem(store, sku, { backorderPolicy: 'deny', unitPrice: 2_000_000_000 });
      const lines = (sku: string) => Array.from({ length: 5 }, () => ({ sku, quantity: MAX_QUANTITY }));
      expect(await placeOrder(store, { lines: lines('GOLD'), shortage: 'partial' }, { actor: 'test' })).toMatchObject({ ok: true });
      expect(await placeOrder(store, { lines: lines('GOLD'), shortage: 'in_stock_only' }, { actor: 'test' })).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
      expect(await placeOrder(store, { lines: lines('PLATINUM'), shortage: 'partial' }, { actor: 'test' })).toMatchObject({ ok: true });
      const kpis = must(await getKpis(store, { sku: ['GOLD', 'PLATINUM'] }, new Date('2026-01-02T00:00:00Z')));
      // 3 orders × 5 lines × 1e9 units × 2e9 = 3e19 lost, beyond 2^63 (about 9.2e18).
      expect(kpis.overall.lostRevenue).toBeCloseTo(3e19, -16);
    });

    it('imports a day of demand adding up past two billion units', async () => {
      const rows = new DemandRows(['sku', 'date', 'quantity']);
      for (const line of [2, 3, 4]) rows.add(line, ['BOLT', '2025-12-01', String(MAX_QUANTITY)]);
      must(await importDemand(store, rows, { actor: 'test' }));
      const history = must(await getDemandHistory(store, { sku: 'BOLT', from: '2025-12-01', to: '2025-12-01' }));
      expect(history.totals.imported).toBe(3 * MAX_QUANTITY);
    });

    it('plans an item whose network stock passes two billion units', async () => {
      for (const location of ['MAIN', 'EAST', 'WEST']) must(await adjustStock(store, { sku: 'NUT', location, delta: MAX_QUANTITY, reason: 'count' }, 'test'));
      must(await placeOrder(store, { lines: [{ sku: 'NUT', quantity: MAX_QUANTITY }, { sku: 'NUT', quantity: MAX_QUANTITY }] }, { actor: 'test' }));
      expect(must(await getReplenishmentPlan(store, 'NUT')).sku).toBe('NUT');
    });

    it('drafts no purchase order line beyond what a line may hold, and says so', async () => {
      await seedSupplier(store, 'ACME');
      await seedLink(store, 'NUT', 'ACME', { preferred: true, leadTimeDays: 30 });
      // A billion units a day for two months: the plan asks for tens of billions, more than one line may hold (it could never be received in full).
      const rows = new DemandRows(['sku', 'date', 'quantity']);
      for (let i = 0; i < 61; i++) rows.add(i + 2, ['NUT', new Date(Date.UTC(2025, 10, 1 + i)).toISOString().slice(0, 10), String(MAX_QUANTITY)]);
      must(await importDemand(store, rows, { actor: 'test' }));
      must(await runForecasts(store));
      const suggested = must(await getReplenishmentPlan(store, 'NUT')).suggestedQuantity;
      expect(suggested).toBeGreaterThan(MAX_QUANTITY);
      const drafts = must(await createDraftPurchaseOrders(store, { skus: ['NUT'] }, 'test'));
      expect(drafts.items).toEqual([]);
      expect(drafts.skipped).toEqual([{ sku: 'NUT', suggestedQuantity: suggested, reason: expect.stringMatching(/more than the 1000000000 units a purchase order line may hold/) }]);
    });

    it('refuses a receipt that would put more than the limit on one shelf, naming the line', async () => {
      await seedSupplier(store, 'ACME');
      must(await adjustStock(store, { sku: 'NUT', location: 'MAIN', delta: MAX_QUANTITY - 10, reason: 'count' }, 'test'));
      const po = await orderedPo(store, 'ACME', [['BOLT', 5, '2026-12-01'], ['NUT', 20, '2026-12-01']]);
      const refused = await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'BOLT', quantity: 5 }, { sku: 'NUT', quantity: 20 }] }, 'clerk');
      expectFailure(refused, 'CONFLICT', 'lines[1].quantity');
      const over = await receivePurchaseOrder(store, po.id, { location: 'EAST', lines: [{ sku: 'BOLT', quantity: MAX_QUANTITY }, { sku: 'BOLT', quantity: MAX_QUANTITY }], allowOverReceipt: true }, 'clerk');
      expectFailure(over, 'CONFLICT', 'lines[1].quantity');
      // Nothing was received by either.
      const received = must(await receivePurchaseOrder(store, po.id, { location: 'EAST', lines: [{ sku: 'NUT', quantity: 20 }, { sku: 'BOLT', quantity: 5 }] }, 'clerk'));
      expect(received.purchaseOrder.status).toBe('received');
    });
  });
}
