import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getKpis } from '../../src/app/get-kpis.js';
import { getOrder } from '../../src/app/get-order.js';
import { listOrders } from '../../src/app/list-orders.js';
import { wasReplayed } from '../../src/app/once-per-key.js';
import { placeOrderBatch } from '../../src/app/place-order-batch.js';
import { placeOrder, prepareOrder } from '../../src/app/place-order.js';
import { getDemandHistory } from '../../src/app/planning/get-demand-history.js';
import type { Store } from '../../src/app/ports.js';
import type { Result } from '../../src/app/result.js';
import type { OrderView } from '../../src/app/order-view.js';
import { expectInvariants, must, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { keptAndRebuiltItemDays } from '../support/item-days.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/** The id of the order a placement recorded or answered with, accepted or rejected. */
function orderIdOf(result: Result<OrderView>): number {
  return result.ok ? result.value.id : (result.details as { orderId: number }).orderId;
}

/**
 * SPEC §3 and §8: a rejected order placed again under its externalId is one customer order. The
 * latest attempt is its demand; the rejections before it are marked superseded by it and leave the
 * units asked for, lost demand, line and order counts and the demand history, on the days they
 * were counted; the rows themselves stay.
 */
for (const dialect of DIALECTS) {
  describe(`a rejected order placed again under its externalId counts once, on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let now = '2026-03-01T08:00:00.000Z';
    const at = (instant: string) => (now = instant);
    const place = (body: Record<string, unknown>, idempotencyKey?: string) => placeOrder(store, body, { actor: 'shop', idempotencyKey });
    const kpis = async (sku: readonly string[], from = '2026-03-01', until = '2026-03-05') => must(await getKpis(store, { from, until, sku }, new Date('2026-03-10T00:00:00Z')));
    /** Units, lines and lost units per item over the period, as the KPIs read them from the daily totals. */
    const facts = async (skus: readonly string[], from = '2026-03-01', until = '2026-03-05') => {
      const read = await store.read((tx) => tx.kpiFacts({ from: `${from}T00:00:00.000Z`, until: `${until}T00:00:00.000Z`, asOf: `${until}T00:00:00.000Z`, skus }));
      return Object.fromEntries(read.items.map((i) => [i.sku, { requested: i.unitsRequested, lines: i.lines, fullLines: i.linesFullyAllocated, lost: i.lostUnits, lostRevenue: i.lostRevenue }]));
    };

    beforeEach(async () => {
      now = '2026-03-01T08:00:00.000Z';
      database = await createTestDatabase(dialect);
      store = await database.open({ clock: () => new Date(now) });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { unitPrice: 1000, backorderPolicy: 'allow' });
      await seedItem(store, 'GADGET', { unitPrice: 500, backorderPolicy: 'deny' });
      await seedItem(store, 'STRICT', { unitPrice: 300, backorderPolicy: 'deny' });
      await receive(store, 'WIDGET', 'MAIN', 2);
      await receive(store, 'GADGET', 'MAIN', 10);
      await receive(store, 'STRICT', 'MAIN', 3);
    });

    afterEach(async () => {
      const { kept, rebuilt } = await keptAndRebuiltItemDays(store);
      expect(kept).toEqual(rebuilt);
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    it('counts a rejection placed again with backorders allowed as the accepted order alone, and marks it superseded', async () => {
      at('2026-03-02T10:00:00.000Z');
      const body = { externalId: 'web-7', shortage: 'in_stock_only', lines: [{ sku: 'WIDGET', quantity: 5 }, { sku: 'GADGET', quantity: 1 }] };
      const rejected = await place(body);
      expect(rejected.ok === false && rejected.code).toBe('OUT_OF_STOCK');
      at('2026-03-03T09:00:00.000Z');
      const accepted = must(await place({ ...body, shortage: 'backorder' }));
      expect(accepted).toMatchObject({ externalId: 'web-7', status: 'backordered', supersededBy: null });

      expect(must(await getOrder(store, orderIdOf(rejected)))).toMatchObject({ status: 'rejected', externalId: 'web-7', supersededBy: accepted.id });
      expect(must(await getOrder(store, accepted.id)).supersededBy).toBeNull();
      const listed = must(await listOrders(store, { externalId: 'web-7' })).items;
      expect(listed.map((o) => [o.id, o.status, o.supersededBy])).toEqual([[accepted.id, 'backordered', null], [orderIdOf(rejected), 'rejected', accepted.id]]);

      const report = await kpis(['WIDGET', 'GADGET']);
      expect(report.overall).toMatchObject({ unitsRequested: 6, lostUnits: 0, lostRevenue: 0, orders: 1, orderFillRate: 0, lineFillRate: 0.5 });
      expect(report.overall.unitFillRate).toBeCloseTo(3 / 6);
      // Taken out of the day the rejection was counted on, counted on the day of the attempt that stands.
      expect(report.series.filter((d) => d.requested > 0 || d.lost > 0).map((d) => [d.bucket, d.requested, d.lost])).toEqual([['2026-03-03', 6, 0]]);
      expect((await kpis(['WIDGET', 'GADGET'], '2026-03-02', '2026-03-03')).overall).toMatchObject({ unitsRequested: 0, lostUnits: 0, orders: 0 });
      expect(await facts(['WIDGET', 'GADGET'])).toEqual({
        GADGET: { requested: 1, lines: 1, fullLines: 1, lost: 0, lostRevenue: 0 },
        WIDGET: { requested: 5, lines: 1, fullLines: 0, lost: 0, lostRevenue: 0 },
      });

      // The demand history forecasts and simulations read: the accepted order's units, once.
      const history = must(await getDemandHistory(store, { sku: 'WIDGET', from: '2026-03-01', to: '2026-03-04' }));
      expect(history.totals).toMatchObject({ allocated: 2, backordered: 3, lost: 0, total: 5 });
      expect(history.buckets.filter((b) => b.total > 0).map((b) => [b.start, b.total])).toEqual([['2026-03-03', 5]]);
      const planning = await store.read(async (tx) => {
        const [widget] = await tx.findItems(['WIDGET']);
        const query = { itemIds: [widget!.id], from: '2026-03-01', until: '2026-03-05' };
        return { units: await tx.planning.demandUnits(query), weeks: await tx.planning.demandWeeks(query) };
      });
      expect(planning.units.map((u) => [u.day, u.units])).toEqual([['2026-03-03', 5]]);
      expect(planning.weeks.reduce((sum, w) => sum + w.units, 0)).toBe(5);
    });

    it('counts only the latest of two rejections with different bodies, and an unkeyed resend of it changes nothing', async () => {
      at('2026-03-02T10:00:00.000Z');
      const first = await place({ externalId: 'web-8', shortage: 'in_stock_only', lines: [{ sku: 'STRICT', quantity: 5 }] });
      at('2026-03-03T10:00:00.000Z');
      const latest = await place({ externalId: 'web-8', shortage: 'in_stock_only', lines: [{ sku: 'STRICT', quantity: 4 }] });
      expect([first.ok, latest.ok]).toEqual([false, false]);
      expect(orderIdOf(latest)).not.toBe(orderIdOf(first));
      expect(must(await getOrder(store, orderIdOf(first))).supersededBy).toBe(orderIdOf(latest));
      expect(must(await getOrder(store, orderIdOf(latest))).supersededBy).toBeNull();
      const expected = { unitsRequested: 4, lostUnits: 4, lostRevenue: 4 * 300, orders: 1 };
      expect((await kpis(['STRICT'])).overall).toMatchObject(expected);
      expect((await kpis(['STRICT'], '2026-03-02', '2026-03-03')).overall).toMatchObject({ unitsRequested: 0, lostUnits: 0, orders: 0 });

      // The storefront retrying the latest attempt unchanged: answered as that rejection, nothing recorded.
      const resent = await place({ externalId: 'web-8', shortage: 'in_stock_only', lines: [{ sku: 'STRICT', quantity: 4 }] });
      expect(wasReplayed(resent)).toBe(true);
      expect(orderIdOf(resent)).toBe(orderIdOf(latest));
      expect(must(await getOrder(store, orderIdOf(latest))).supersededBy).toBeNull();
      expect((await kpis(['STRICT'])).overall).toMatchObject(expected);
      expect(must(await getDemandHistory(store, { sku: 'STRICT', from: '2026-03-01', to: '2026-03-04' })).totals).toMatchObject({ lost: 4, total: 4 });
    });

    it('leaves other external ids alone and never supersedes an order placed without one', async () => {
      at('2026-03-02T10:00:00.000Z');
      const other = await place({ externalId: 'web-9', shortage: 'in_stock_only', lines: [{ sku: 'STRICT', quantity: 5 }] });
      const replaced = await place({ externalId: 'web-10', shortage: 'in_stock_only', lines: [{ sku: 'STRICT', quantity: 6 }] });
      // Two orders without an externalId are two customer orders, whatever their bodies.
      const anonymous = [await place({ lines: [{ sku: 'STRICT', quantity: 7 }] }), await place({ lines: [{ sku: 'STRICT', quantity: 7 }] })];
      const keyedOnly = await place({ lines: [{ sku: 'STRICT', quantity: 8 }] }, 'key-1');
      const accepted = must(await place({ externalId: 'web-10', lines: [{ sku: 'STRICT', quantity: 1 }] }));
      const supersededBy = async (result: Result<OrderView>) => must(await getOrder(store, orderIdOf(result))).supersededBy;
      expect(await supersededBy(replaced)).toBe(accepted.id);
      expect([await supersededBy(other), ...(await Promise.all(anonymous.map(supersededBy))), await supersededBy(keyedOnly)]).toEqual([null, null, null, null]);
      expect((await kpis(['STRICT'])).overall).toMatchObject({ unitsRequested: 5 + 7 + 7 + 8 + 1, lostUnits: 5 + 7 + 7 + 8, lostRevenue: (5 + 7 + 7 + 8) * 300, orders: 5 });
      expect(await facts(['STRICT'])).toEqual({ STRICT: { requested: 28, lines: 5, fullLines: 1, lost: 27, lostRevenue: 27 * 300 } });
    });

    it('supersedes a rejection recorded under an Idempotency-Key too, whose key still answers it', async () => {
      at('2026-03-02T10:00:00.000Z');
      const body = { externalId: 'web-11', lines: [{ sku: 'STRICT', quantity: 9 }] };
      const rejected = await place(body, 'try-1');
      at('2026-03-02T11:00:00.000Z');
      const accepted = must(await place({ ...body, shortage: 'partial' }, 'try-2'));
      expect(accepted.lines[0]).toMatchObject({ allocated: 3, cancelled: 6 });
      expect(must(await getOrder(store, orderIdOf(rejected))).supersededBy).toBe(accepted.id);
      const replayed = await place(body, 'try-1');
      expect(wasReplayed(replayed) && orderIdOf(replayed)).toBe(orderIdOf(rejected));
      // The partial order's own cut units are its lost demand; the rejection's 9 are not counted again.
      expect((await kpis(['STRICT'])).overall).toMatchObject({ unitsRequested: 9, lostUnits: 6, orders: 1 });
    });

    it('supersedes within one group-commit batch, and a rejection of items the batch does not order', async () => {
      at('2026-03-02T10:00:00.000Z');
      // Recorded before the batch, for an item none of its orders has.
      const earlier = await place({ externalId: 'web-12', shortage: 'in_stock_only', lines: [{ sku: 'WIDGET', quantity: 9 }] });
      at('2026-03-02T11:00:00.000Z');
      const prepared = (body: object) => must(prepareOrder(body, { actor: 'shop' }));
      const [again, last, unrelated] = await placeOrderBatch(store, [
        prepared({ externalId: 'web-12', lines: [{ sku: 'STRICT', quantity: 9 }] }),
        prepared({ externalId: 'web-12', lines: [{ sku: 'STRICT', quantity: 2 }] }),
        prepared({ externalId: 'web-13', lines: [{ sku: 'GADGET', quantity: 1 }] }),
      ]);
      expect([again?.ok, last?.ok, unrelated?.ok]).toEqual([false, true, true]);
      expect(must(await getOrder(store, orderIdOf(earlier))).supersededBy).toBe(orderIdOf(again!));
      expect(must(await getOrder(store, orderIdOf(again!))).supersededBy).toBe(orderIdOf(last!));
      expect(await facts(['WIDGET', 'STRICT', 'GADGET'])).toEqual({
        GADGET: { requested: 1, lines: 1, fullLines: 1, lost: 0, lostRevenue: 0 },
        STRICT: { requested: 2, lines: 1, fullLines: 1, lost: 0, lostRevenue: 0 },
        WIDGET: { requested: 0, lines: 0, fullLines: 0, lost: 0, lostRevenue: 0 },
      });
      expect((await kpis(['WIDGET', 'STRICT', 'GADGET'])).overall).toMatchObject({ orders: 2, orderFillRate: 1 });
    });
  });
}
