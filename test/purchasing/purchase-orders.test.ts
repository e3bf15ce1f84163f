import { beforeEach, describe, expect, it } from 'vitest';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import type { Store } from '../../src/app/ports.js';
import { cancelPurchaseOrder } from '../../src/app/purchasing/cancel-purchase-order.js';
import { addPurchaseOrderLines, removePurchaseOrderLine } from '../../src/app/purchasing/change-draft-lines.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { getPurchaseOrder, listPurchaseOrders } from '../../src/app/purchasing/list-purchase-orders.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import { updatePurchaseOrder } from '../../src/app/purchasing/update-purchase-order.js';
import { must, order } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { etaChanges, expectFailure, lastEventSeq, orderedPo, seedSupplier, seedWidgetsFromAcme, snapshot, worldPerTest } from './purchasing-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`purchase-order lifecycle on ${dialect}`, () => {
    const world = worldPerTest(dialect, seedWidgetsFromAcme);
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    it('creates a draft with unit costs and dates defaulted from the link, else the item and supplier', async () => {
      const draft = must(await createPurchaseOrder(store, {
        supplier: 'ACME', reference: 'PO-2026-001',
        lines: [{ sku: 'WIDGET', quantity: 10 }, { sku: 'GADGET', quantity: 3 }, { sku: 'WIDGET', quantity: 5, unitCost: 400, expectedOn: '2026-02-01' }],
      }, 'test'));
      expect(draft).toMatchObject({ supplier: 'ACME', supplierName: 'Supplier ACME', reference: 'PO-2026-001', status: 'draft', orderedAt: null, closedAt: null });
      expect(draft.lines.map((l) => [l.lineNo, l.sku, l.quantity, l.unitCost, l.expectedOn, l.promisedOn, l.open])).toEqual([
        [1, 'WIDGET', 10, 450, '2026-01-08', null, 10],
        [2, 'GADGET', 3, 900, '2026-01-21', null, 3],
        [3, 'WIDGET', 5, 400, '2026-02-01', null, 5],
      ]);
      expect(draft.totals).toEqual({ quantity: 18, received: 0, cancelled: 0, open: 18, cost: 4500 + 2700 + 2000 });
      expect(must(await getPurchaseOrder(store, draft.id))).toEqual({ ...draft, receipts: [] });
    });

    it('refuses bad purchase orders, naming the field, and writes nothing', async () => {
      const before = await snapshot(store);
      const line = { sku: 'WIDGET', quantity: 1 };
      expectFailure(await createPurchaseOrder(store, { supplier: 'NOPE', lines: [line] }, 'test'), 'NOT_FOUND', 'supplier');
      expectFailure(await createPurchaseOrder(store, { lines: [line] }, 'test'), 'VALIDATION_FAILED', 'supplier');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [line, { sku: 'NOPE', quantity: 1 }] }, 'test'), 'VALIDATION_FAILED', 'lines[1].sku');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: -2 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 0 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1.5 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: '3' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ ...line, expectedOn: '01/02/2026' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ ...line, expectedOn: '2026-02-30' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ ...line, unitCost: -5 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].unitCost');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ ...line, colour: 'red' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].colour');
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: 'WIDGET' }, 'test'), 'VALIDATION_FAILED', 'lines');
      expectFailure(await createPurchaseOrder(store, null, 'test'), 'VALIDATION_FAILED', 'body');
      expect(await snapshot(store)).toEqual(before);
    });

    it('adds and removes lines while a draft, and only then', async () => {
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 4 }] }, 'test'));
      const grown = must(await addPurchaseOrderLines(store, draft.id, { lines: [{ sku: 'GADGET', quantity: 2 }, { sku: 'WIDGET', quantity: 1 }] }, 'test'));
      expect(grown.lines.map((l) => [l.lineNo, l.sku, l.quantity])).toEqual([[1, 'WIDGET', 4], [2, 'GADGET', 2], [3, 'WIDGET', 1]]);
      const gadget = grown.lines[1]?.id as number;
      const shrunk = must(await removePurchaseOrderLine(store, draft.id, gadget, 'test'));
      expect(shrunk.lines.map((l) => l.lineNo)).toEqual([1, 3]);
      expectFailure(await removePurchaseOrderLine(store, draft.id, gadget, 'test'), 'NOT_FOUND', 'lineId');
      expectFailure(await addPurchaseOrderLines(store, draft.id, { lines: [{ sku: 'NOPE', quantity: 1 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].sku');
      expectFailure(await addPurchaseOrderLines(store, draft.id, { lines: [] }, 'test'), 'VALIDATION_FAILED', 'lines');
      must(await sendPurchaseOrder(store, draft.id, 'test'));
      const before = await snapshot(store);
      expectFailure(await addPurchaseOrderLines(store, draft.id, { lines: [{ sku: 'GADGET', quantity: 2 }] }, 'test'), 'CONFLICT', 'status');
      expectFailure(await removePurchaseOrderLine(store, draft.id, shrunk.lines[0]?.id as number, 'test'), 'CONFLICT', 'status');
      expectFailure(await addPurchaseOrderLines(store, 9999, { lines: [{ sku: 'GADGET', quantity: 2 }] }, 'test'), 'NOT_FOUND', 'id');
      expect(await snapshot(store)).toEqual(before);
    });

    it("refuses to give an order a reference another of the supplier's orders has, and writes nothing", async () => {
      const first = must(await createPurchaseOrder(store, { supplier: 'ACME', reference: 'Q-1', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'test'));
      const second = must(await createPurchaseOrder(store, { supplier: 'ACME', reference: 'Q-2', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'test'));
      const before = await snapshot(store);
      const refused = await updatePurchaseOrder(store, second.id, { reference: 'Q-1' }, 'test');
      expectFailure(refused, 'CONFLICT', 'reference');
      expect(refused.ok ? null : refused.details).toEqual({ field: 'reference', purchaseOrderId: first.id });
      expect(await snapshot(store)).toEqual(before);
      // Its own reference again, or one no order has, is fine.
      expect(must(await updatePurchaseOrder(store, second.id, { reference: 'Q-2' }, 'test')).reference).toBe('Q-2');
      expect(must(await updatePurchaseOrder(store, second.id, { reference: 'Q-3' }, 'test')).reference).toBe('Q-3');
    });

    it('refuses to send a draft with a line whose date has passed while it waited, naming the line as receipts do, and sends nothing', async () => {
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5, expectedOn: '2026-01-20' }, { sku: 'WIDGET', quantity: 2, expectedOn: '2026-01-03' }] }, 'test'));
      world.clock.advanceDays(5); // 2026-01-06
      const before = await snapshot(store);
      const refused = await sendPurchaseOrder(store, draft.id, 'test');
      expectFailure(refused, 'CONFLICT', 'lines[1].expectedOn');
      expect(refused.ok ? null : refused.message).toBe(`lines[1].expectedOn: lineId ${draft.lines[1]?.id} (WIDGET) is expected on 2026-01-03, which has passed; give it a date from today before sending`);
      expect(await snapshot(store)).toEqual(before);
    });

    it('sends a draft: it becomes incoming supply, fixes promised dates and moves backorder ETAs', async () => {
      const waiting = await order(store, { WIDGET: 3 });
      expect(waiting.lines[0]).toMatchObject({ eta: '2026-01-11', etaEstimated: true });
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5, expectedOn: '2026-01-06' }] }, 'test'));
      expect(must(await backorderQueue(store, 'WIDGET'))[0]?.eta).toBe('2026-01-11');
      const seq = await lastEventSeq(store);
      const sent = must(await sendPurchaseOrder(store, draft.id, 'test'));
      expect(sent).toMatchObject({ status: 'ordered', orderedAt: expect.stringMatching(/^2026-01-01T/) });
      expect(sent.lines[0]?.promisedOn).toBe('2026-01-06');
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ eta: '2026-01-06', etaEstimated: false });
      expect(await etaChanges(store, seq)).toEqual([[waiting.id, '2026-01-11', '2026-01-06']]);
      const events = await store.read((tx) => tx.listEvents(seq, 100));
      expect(events.map((e) => e.type)).toEqual(['po.sent', 'backorder.eta_changed']);
      const before = await snapshot(store);
      expectFailure(await sendPurchaseOrder(store, draft.id, 'test'), 'CONFLICT', 'status');
      expect(await snapshot(store)).toEqual(before);
    });

    it('refuses to send an empty draft', async () => {
      const empty = must(await createPurchaseOrder(store, { supplier: 'ACME' }, 'test'));
      expect(empty.lines).toEqual([]);
      expectFailure(await sendPurchaseOrder(store, empty.id, 'test'), 'CONFLICT', 'lines');
      expectFailure(await sendPurchaseOrder(store, 4242, 'test'), 'NOT_FOUND', 'id');
    });

    it('creates and sends in one step, or leaves nothing behind when it cannot be sent', async () => {
      const before = await snapshot(store);
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME' }, 'test', { send: true }), 'CONFLICT', 'lines');
      expect(await snapshot(store)).toEqual(before);
      const sent = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'test', { send: true }));
      expect(sent).toMatchObject({ status: 'ordered', lines: [{ sku: 'WIDGET', quantity: 5 }] });
    });

    it('edits dates and quantities of open lines and follows with promise dates', async () => {
      const waiting = await order(store, { WIDGET: 3 });
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-06']]);
      const line = po.lines[0]?.id as number;
      const seq = await lastEventSeq(store);
      const later = must(await updatePurchaseOrder(store, po.id, { reference: 'REF-9', lines: [{ id: line, expectedOn: '2026-01-09', quantity: 8, unitCost: 430 }] }, 'test'));
      expect(later).toMatchObject({ reference: 'REF-9', status: 'ordered' });
      expect(later.lines[0]).toMatchObject({ quantity: 8, unitCost: 430, expectedOn: '2026-01-09', promisedOn: '2026-01-06' });
      expect(await etaChanges(store, seq)).toEqual([[waiting.id, '2026-01-06', '2026-01-09']]);
      must(await updatePurchaseOrder(store, po.id, { lines: [{ id: line, quantity: 2 }] }, 'test'));
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ eta: '2026-01-11', etaEstimated: true });
    });

    it('refuses edits that break the rules, naming the field, and writes nothing', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-06'], ['GADGET', 2, '2026-01-07']]);
      const [widget, gadget] = po.lines.map((l) => l.id) as [number, number];
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: widget, quantity: 3 }, { lineId: gadget, quantity: 2 }] }, 'test'));
      const before = await snapshot(store);
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget, quantity: 2 }] }, 'test'), 'CONFLICT', 'lines[0].quantity');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: gadget, expectedOn: '2026-02-01' }] }, 'test'), 'CONFLICT', 'lines[0].id');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: 9999, quantity: 9 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].id');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget, expectedOn: '2026-1-6' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget, quantity: -1 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget, quantity: 6.5 }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget }] }, 'test'), 'VALIDATION_FAILED', 'lines[0]');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget, quantity: 6 }, { id: widget, quantity: 7 }] }, 'test'), 'VALIDATION_FAILED', 'lines[1].id');
      expectFailure(await updatePurchaseOrder(store, po.id, {}, 'test'), 'VALIDATION_FAILED', 'body');
      expectFailure(await updatePurchaseOrder(store, po.id, { supplier: 'BOLT' }, 'test'), 'VALIDATION_FAILED', 'supplier');
      expect(await snapshot(store)).toEqual(before);
    });

    it('closes the order when the last open quantity is brought down to what was received', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-06']]);
      const line = po.lines[0]?.id as number;
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: line, quantity: 3 }] }, 'test'));
      const closed = must(await updatePurchaseOrder(store, po.id, { lines: [{ id: line, quantity: 3 }] }, 'test'));
      expect(closed).toMatchObject({ status: 'received', closedAt: expect.any(String), totals: { quantity: 3, received: 3, open: 0 } });
      expectFailure(await updatePurchaseOrder(store, po.id, { reference: 'late' }, 'test'), 'CONFLICT', 'status');
    });

    it('cancels the open rest of an order, which stops counting as incoming', async () => {
      const waiting = await order(store, { WIDGET: 4 });
      const po = await orderedPo(store, 'ACME', [['WIDGET', 6, '2026-01-05']]);
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'test'));
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ backordered: 3, eta: '2026-01-05' });
      const seq = await lastEventSeq(store);
      const cancelled = must(await cancelPurchaseOrder(store, po.id, { reason: 'supplier out of business' }, 'test'));
      // One unit came: the order closes as received, with the rest cancelled.
      expect(cancelled).toMatchObject({ status: 'received', closedAt: expect.any(String), totals: { quantity: 6, received: 1, open: 0 } });
      expect(cancelled.lines[0]).toMatchObject({ received: 1, cancelled: 5, open: 0 });
      const events = await store.read((tx) => tx.listEvents(seq, 100));
      expect(events.map((e) => e.type)).toEqual(['po.cancelled', 'backorder.eta_changed']);
      expect(events[0]?.payload).toMatchObject({ poId: po.id, reason: 'supplier out of business', lines: [{ sku: 'WIDGET', cancelled: 5 }] });
      expect(await etaChanges(store, seq)).toEqual([[waiting.id, '2026-01-05', '2026-01-11']]);
      const before = await snapshot(store);
      expectFailure(await cancelPurchaseOrder(store, po.id, {}, 'test'), 'CONFLICT', 'status');
      expectFailure(await cancelPurchaseOrder(store, po.id, { reason: 7 }, 'test'), 'VALIDATION_FAILED', 'reason');
      expectFailure(await cancelPurchaseOrder(store, 777, {}, 'test'), 'NOT_FOUND', 'id');
      expect(await snapshot(store)).toEqual(before);
    });

    it('cancels a draft without touching promise dates', async () => {
      const waiting = await order(store, { WIDGET: 1 });
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5, expectedOn: '2026-01-03' }] }, 'test'));
      const cancelled = must(await cancelPurchaseOrder(store, draft.id, undefined, 'test'));
      expect(cancelled.status).toBe('cancelled');
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-11' });
      expectFailure(await sendPurchaseOrder(store, draft.id, 'test'), 'CONFLICT', 'status');
    });

    it('lists purchase orders newest first, by status, supplier and sku', async () => {
      await seedSupplier(store, 'BOLT');
      const first = await orderedPo(store, 'ACME', [['WIDGET', 1, '2026-01-05']]);
      const second = must(await createPurchaseOrder(store, { supplier: 'BOLT', lines: [{ sku: 'GADGET', quantity: 1 }] }, 'test'));
      const third = await orderedPo(store, 'BOLT', [['WIDGET', 1, '2026-01-05']]);
      const ids = async (query: Parameters<typeof listPurchaseOrders>[1]) => must(await listPurchaseOrders(store, query)).items.map((o) => o.id);
      expect(await ids({})).toEqual([third.id, second.id, first.id]);
      expect(await ids({ status: 'draft' })).toEqual([second.id]);
      // "open": drafts and orders with units to come, paged on the server like any status.
      must(await cancelPurchaseOrder(store, first.id, undefined, 'test'));
      expect(await ids({ status: 'open' })).toEqual([third.id, second.id]);
      const openPage = must(await listPurchaseOrders(store, { status: 'open', limit: 1 }));
      expect(await ids({ status: 'open', limit: 1, cursor: openPage.nextCursor ?? undefined })).toEqual([second.id]);
      expect(await ids({ supplier: 'BOLT' })).toEqual([third.id, second.id]);
      expect(await ids({ sku: 'WIDGET' })).toEqual([third.id, first.id]);
      const page = must(await listPurchaseOrders(store, { limit: 1 }));
      expect(page.items.map((o) => o.id)).toEqual([third.id]);
      expect(await ids({ limit: 1, cursor: page.nextCursor ?? undefined })).toEqual([second.id]);
      expect(must(await listPurchaseOrders(store, { limit: 3 })).nextCursor).toBeNull();
      expectFailure(await listPurchaseOrders(store, { cursor: 'not a cursor' }), 'VALIDATION_FAILED', 'cursor');
      expectFailure(await listPurchaseOrders(store, { status: 'lost' }), 'VALIDATION_FAILED', 'status');
      expectFailure(await listPurchaseOrders(store, { supplier: 'NOPE' }), 'VALIDATION_FAILED', 'supplier');
      expectFailure(await listPurchaseOrders(store, { limit: 0 }), 'VALIDATION_FAILED', 'limit');
      expectFailure(await getPurchaseOrder(store, 404), 'NOT_FOUND', 'id');
    });
  });
}
