import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { changeOrderPriority } from '../../src/app/change-order-priority.js';
import { getOrder } from '../../src/app/get-order.js';
import { listOrders } from '../../src/app/list-orders.js';
import type { OrderView } from '../../src/app/order-view.js';
import type { Store } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { recordSqliteStatements } from '../support/statement-count.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * Integrations poll orders by updatedAt: every change of an order's lines must move it, even when
 * the status stays the same, and only the orders whose lines changed move.
 */
for (const dialect of DIALECTS) {
  describe(`an order's updatedAt on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    // One second per transaction: each change has its own time.
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
    // Reads take the clock too: call this right after the change.
    const lastTransaction = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick - 1)).toISOString();
    const reread = async (placed: OrderView) => must(await getOrder(store, placed.id));

    beforeEach(async () => {
      tick = 0;
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
      await seedLocation(store, 'MAIN', 0);
      await seedLocation(store, 'BACKUP', 5);
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10 });
      await seedItem(store, 'GADGET', { backorderPolicy: 'allow', leadTimeDays: 10 });
    });

    afterEach(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    it('moves when the queue fills part of a line, and not for the order behind it', async () => {
      const head = await order(store, { WIDGET: 3 });
      const behind = await order(store, { WIDGET: 2 });
      const other = await order(store, { GADGET: 1 });
      await receive(store, 'WIDGET', 'MAIN', 1);
      const receivedAt = lastTransaction();
      const filled = await reread(head);
      expect(filled).toMatchObject({ status: 'backordered', lines: [{ allocated: 1, backordered: 2 }] });
      expect(filled.updatedAt).toBe(receivedAt);
      expect((await reread(behind)).updatedAt).toBe(behind.updatedAt);
      expect((await reread(other)).updatedAt).toBe(other.updatedAt);
    });

    it('moves when a promise date moves, and not when nothing shown changed', async () => {
      const waiting = await order(store, { WIDGET: 2 });
      const other = await order(store, { GADGET: 1 });
      expect(waiting.lines[0]).toMatchObject({ eta: '2026-01-11', etaEstimated: true });
      must(await createSupplier(store, { code: 'ACME', name: 'Acme', leadTimeDays: 5 }, 'test'));
      const po = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5, expectedOn: '2026-01-05' }] }, 'test'));
      expect((await reread(waiting)).updatedAt).toBe(waiting.updatedAt);
      must(await sendPurchaseOrder(store, po.id, 'buyer'));
      const sentAt = lastTransaction();
      const promised = await reread(waiting);
      expect(promised.lines[0]).toMatchObject({ eta: '2026-01-05', etaEstimated: false });
      expect(promised.updatedAt).toBe(sentAt);
      expect((await reread(other)).updatedAt).toBe(other.updatedAt);
    });

    it('moves with a second partial shipment, though the order stays partially shipped', async () => {
      await receive(store, 'WIDGET', 'MAIN', 3);
      const placed = await order(store, { WIDGET: 3 });
      must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'test'));
      const shipped = must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'test'));
      const shippedAt = lastTransaction();
      expect(shipped).toMatchObject({ status: 'partially_shipped', updatedAt: shippedAt });
      expect((await reread(placed)).updatedAt).toBe(shippedAt);
    });

    it('moves when a stock count takes allocated units back to the queue, though the order was backordered already', async () => {
      await receive(store, 'WIDGET', 'MAIN', 2);
      const placed = await order(store, { WIDGET: 3 });
      expect(placed).toMatchObject({ status: 'backordered', lines: [{ allocated: 2, backordered: 1 }] });
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 1, reason: 'cycle count' }, 'test'));
      const countedAt = lastTransaction();
      const clawedBack = await reread(placed);
      expect(clawedBack).toMatchObject({ status: 'backordered', lines: [{ allocated: 1, backordered: 2 }] });
      expect(clawedBack.updatedAt).toBe(countedAt);
    });

    it('moves when a stock count moves allocated units to another location, though nothing waits', async () => {
      await receive(store, 'WIDGET', 'MAIN', 2);
      await receive(store, 'WIDGET', 'BACKUP', 2);
      const placed = await order(store, { WIDGET: 2 });
      expect(placed).toMatchObject({ status: 'open', lines: [{ allocated: 2, backordered: 0 }] });
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 1, reason: 'cycle count' }, 'test'));
      const countedAt = lastTransaction();
      const moved = await reread(placed);
      expect(moved).toMatchObject({ status: 'open', lines: [{ allocated: 2, backordered: 0 }] });
      expect(moved.updatedAt).toBe(countedAt);
    });

    it('never moves back: a change made by a transaction that began before the last one stamped keeps the later stamp', async () => {
      const placed = await order(store, { WIDGET: 2 });
      must(await changeOrderPriority(store, placed.id, { priority: 5 }, 'test'));
      const latest = (await reread(placed)).updatedAt;
      // A transaction that read its clock a minute before, then waited for the order's row.
      const late = await database.open({ clock: () => new Date(Date.parse(latest) - 60_000) });
      try {
        must(await changeOrderPriority(late, placed.id, { priority: 7 }, 'test'));
        await receive(late, 'WIDGET', 'MAIN', 1);
      } finally {
        await late.close();
      }
      const changed = await reread(placed);
      expect(changed).toMatchObject({ priority: 7, lines: [{ allocated: 1, backordered: 1 }] });
      expect(changed.updatedAt).toBe(latest);
      expect(must(await listOrders(store, { updatedSince: latest })).items.map((o) => o.id)).toEqual([placed.id]);
    });

    if (dialect === 'sqlite') {
      it('writes the orders of every item a receipt settles in one statement, whatever it fills and re-promises', async () => {
        must(await createSupplier(store, { code: 'ACME', name: 'Acme', leadTimeDays: 20 }, 'test'));
        const widgetFirst = await order(store, { WIDGET: 1 });
        const gadgetFirst = await order(store, { GADGET: 1 });
        const widgetSecond = await order(store, { WIDGET: 2 });
        const po = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'GADGET', quantity: 1 }, { sku: 'WIDGET', quantity: 2, expectedOn: '2026-03-01' }] }, 'test'));
        must(await sendPurchaseOrder(store, po.id, 'test'));
        const [widgetLine, gadgetLine] = po.lines;
        const ran = await recordSqliteStatements(async () => must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: widgetLine?.id, quantity: 1 }, { lineId: gadgetLine?.id, quantity: 1 }] }, 'test')));
        const receivedAt = lastTransaction();
        expect(ran.filter((s) => /^\s*(with locked as materialized \(.*\)\s*)?update "?orders"?\s/is.test(s.sql)).map((s) => s.sql.slice(0, 40))).toHaveLength(1);
        for (const placed of [widgetFirst, gadgetFirst]) expect(await reread(placed)).toMatchObject({ status: 'open', updatedAt: receivedAt });
        expect(await reread(widgetSecond)).toMatchObject({ status: 'backordered' });
      });
    }

    it('finds the orders changed since a time, and refuses a time that is not one', async () => {
      const early = await order(store, { WIDGET: 2 });
      const late = await order(store, { GADGET: 1 });
      const since = new Date(Date.UTC(2026, 0, 1, 0, 0, tick)).toISOString();
      await receive(store, 'WIDGET', 'MAIN', 1);
      const changed = must(await listOrders(store, { updatedSince: since }));
      expect(changed.items.map((o) => o.id)).toEqual([early.id]);
      expect(must(await listOrders(store, { updatedSince: late.updatedAt })).items.map((o) => o.id)).toEqual([late.id, early.id]);
      expect(must(await listOrders(store, { updatedSince: '2026-01-01' })).items).toHaveLength(2);
      expect(await listOrders(store, { updatedSince: 'yesterday' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'updatedSince' } });
    });
  });
}
