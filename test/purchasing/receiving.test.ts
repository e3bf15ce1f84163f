import { beforeEach, describe, expect, it } from 'vitest';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { checkInvariants } from '../../src/app/check-invariants.js';
import { getAvailability } from '../../src/app/get-availability.js';
import { getItem } from '../../src/app/get-item.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import { cancelPurchaseOrder } from '../../src/app/purchasing/cancel-purchase-order.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { getPurchaseOrder } from '../../src/app/purchasing/list-purchase-orders.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { updatePurchaseOrder } from '../../src/app/purchasing/update-purchase-order.js';
import { dbOf } from '../support/db-snapshot.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { etaChanges, expectFailure, lastEventSeq, orderedPo, seedSupplier, snapshot, worldPerTest } from './purchasing-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`receiving purchase orders on ${dialect}`, () => {
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedLocation(store, 'DOCK', 5);
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10 });
      await seedItem(store, 'GADGET');
      await seedSupplier(store, 'ACME');
    });
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    const stockAt = async (sku: string) => store.read(async (tx) => {
      const [item] = await tx.findItems([sku]);
      return (await tx.stocksOf([item?.id as number])).map((s) => [s.locationCode, s.onHand, s.allocated]);
    });

    it('writes a receipt movement, a receipt row and a po.received event, and moves the status', async () => {
      const po = await orderedPo(store, 'ACME', [['GADGET', 10, '2026-01-05'], ['WIDGET', 4, '2026-01-06']]);
      const [gadget, widget] = po.lines.map((l) => l.id) as [number, number];
      const seq = await lastEventSeq(store);
      const first = must(await receivePurchaseOrder(store, po.id, { location: 'DOCK', lines: [{ lineId: gadget, quantity: 6 }] }, 'clerk'));
      expect(first.purchaseOrder).toMatchObject({ status: 'partially_received', closedAt: null, totals: { quantity: 14, received: 6, open: 8 } });
      expect(first.receipts).toEqual([
        { id: expect.any(Number), lineId: gadget, sku: 'GADGET', location: 'DOCK', quantity: 6, receivedOn: '2026-01-01', actor: 'clerk', createdAt: expect.any(String) },
      ]);
      expect(await stockAt('GADGET')).toEqual([['DOCK', 6, 0]]);
      const movements = await store.read((tx) => tx.listMovements({ sku: 'GADGET', limit: 10 }));
      expect(movements).toEqual([expect.objectContaining({ kind: 'receipt', location: 'DOCK', onHandDelta: 6, allocatedDelta: 0, reference: `po:${po.id}`, actor: 'clerk' })]);
      const events = await store.read((tx) => tx.listEvents(seq, 100));
      expect(events.filter((e) => e.type === 'po.received').map((e) => e.payload)).toEqual([{
        poId: po.id, supplier: 'ACME', reference: null, status: 'partially_received', location: 'DOCK', receivedOn: '2026-01-01',
        lines: [{ lineId: gadget, sku: 'GADGET', quantity: 6, received: 6, ordered: 10, cancelled: 0, uncancelled: 0 }],
      }]);
      const rest = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 4 }, { lineId: widget, quantity: 4 }] }, 'clerk'));
      expect(rest.purchaseOrder).toMatchObject({ status: 'received', closedAt: expect.any(String), totals: { received: 14, open: 0 } });
      expect(must(await getPurchaseOrder(store, po.id)).receipts?.map((r) => [r.sku, r.location, r.quantity])).toEqual([
        ['GADGET', 'DOCK', 6], ['GADGET', 'MAIN', 4], ['WIDGET', 'MAIN', 4],
      ]);
    });

    it('spreads a receipt by sku over its lines in line order', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 3, '2026-01-05'], ['GADGET', 1, '2026-01-05'], ['WIDGET', 3, '2026-01-09']]);
      const received = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 4 }] }, 'test'));
      expect(received.purchaseOrder.lines.map((l) => [l.sku, l.received, l.open])).toEqual([['WIDGET', 3, 0], ['GADGET', 0, 1], ['WIDGET', 1, 2]]);
      expect(received.receipts.map((r) => [r.lineId, r.quantity])).toEqual([[po.lines[0]?.id, 3], [po.lines[2]?.id, 1]]);
    });

    it('refuses an over-receipt with CONFLICT unless allowed, then books the extra on the line', async () => {
      const po = await orderedPo(store, 'ACME', [['GADGET', 5, '2026-01-05']]);
      const line = po.lines[0]?.id as number;
      const before = await snapshot(store);
      expectFailure(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: line, quantity: 6 }] }, 'test'), 'CONFLICT', 'lines[0].quantity');
      expectFailure(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: line, quantity: 3 }, { sku: 'GADGET', quantity: 3 }] }, 'test'), 'CONFLICT', 'lines[1].quantity');
      expect(await snapshot(store)).toEqual(before);
      const over = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', allowOverReceipt: true, lines: [{ lineId: line, quantity: 7 }] }, 'test'));
      expect(over.purchaseOrder).toMatchObject({ status: 'received', totals: { quantity: 5, received: 7, open: 0 } });
      expect(await stockAt('GADGET')).toEqual([['MAIN', 7, 0]]);
    });

    it('takes back cancelled units that come after all on the line named, so every unit received is costed and none is incoming', async () => {
      const waiting = await order(store, { WIDGET: 14 });
      const po = await orderedPo(store, 'ACME', [['WIDGET', 10, '2026-01-05'], ['WIDGET', 5, '2026-01-09']]);
      const [early, late] = po.lines.map((l) => l.id) as [number, number];
      const seq = await lastEventSeq(store);
      must(await updatePurchaseOrder(store, po.id, { lines: [{ lineId: early, cancelRemaining: true }] }, 'buyer'));
      expectFailure(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: early, quantity: 10 }] }, 'clerk'), 'CONFLICT', 'lines[0].quantity');
      const came = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', allowOverReceipt: true, lines: [{ lineId: early, quantity: 10 }] }, 'clerk'));
      expect(came.purchaseOrder.lines.map((l) => [l.quantity, l.received, l.cancelled, l.open])).toEqual([[10, 10, 0, 0], [5, 0, 0, 5]]);
      // The events say what was cancelled, and that the receipt took all of it back.
      const events = (await store.read((tx) => tx.listEvents(seq, 100))).filter((e) => e.type.startsWith('po.'));
      expect(events.map((e) => [e.type, e.payload])).toEqual([
        ['po.lines_cancelled', { poId: po.id, supplier: 'ACME', reference: null, status: 'ordered', lines: [{ lineId: early, sku: 'WIDGET', cancelled: 10 }] }],
        ['po.received', expect.objectContaining({ status: 'partially_received', lines: [{ lineId: early, sku: 'WIDGET', quantity: 10, received: 10, ordered: 10, cancelled: 0, uncancelled: 10 }] })],
      ]);
      expect(came.purchaseOrder).toMatchObject({ status: 'partially_received', totals: { quantity: 15, received: 10, cancelled: 0, open: 5, cost: 15 * 600 } });
      // Only the later line is still to come: the 4 units still waiting count on it.
      const [widget] = must(await getAvailability(store, ['WIDGET']));
      expect(widget).toMatchObject({ onHand: 10, allocated: 10, incoming: 5, backordered: 4 });
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, backordered: 4, eta: '2026-01-09', etaEstimated: false });
      // More than were cancelled: received past the quantity, as any over-receipt, and costed.
      const more = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', allowOverReceipt: true, lines: [{ lineId: late, quantity: 7 }] }, 'clerk'));
      expect(more.purchaseOrder.lines[1]).toMatchObject({ quantity: 5, received: 7, cancelled: 0, open: 0 });
      expect(more.purchaseOrder).toMatchObject({ status: 'received', totals: { quantity: 15, received: 17, cancelled: 0, open: 0, cost: 17 * 600 } });
    });

    it('puts units received by sku beyond what is open on a line not cancelled, else takes back a cancelled line\'s units first', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 10, '2026-01-05'], ['WIDGET', 5, '2026-01-09']]);
      const [, late] = po.lines.map((l) => l.id) as [number, number];
      must(await updatePurchaseOrder(store, po.id, { lines: [{ lineId: late, cancelRemaining: true }] }, 'buyer'));
      const bySku = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', allowOverReceipt: true, lines: [{ sku: 'WIDGET', quantity: 13 }] }, 'clerk'));
      expect(bySku.purchaseOrder.lines.map((l) => [l.quantity, l.received, l.cancelled, l.open])).toEqual([[10, 13, 0, 0], [5, 0, 5, 0]]);
      expect(bySku.purchaseOrder).toMatchObject({ status: 'received', totals: { quantity: 15, received: 13, cancelled: 5, open: 0, cost: 13 * 600 } });
      expect(bySku.receipts.map((r) => [r.lineId, r.quantity])).toEqual([[po.lines[0]?.id, 13]]);

      // Every line of the sku had its rest cancelled: the extra first takes back the last one's cancelled units.
      const cut = await orderedPo(store, 'ACME', [['WIDGET', 4, '2026-01-05'], ['GADGET', 2, '2026-01-05']]);
      const widget = cut.lines[0]?.id as number;
      must(await receivePurchaseOrder(store, cut.id, { location: 'MAIN', lines: [{ lineId: widget, quantity: 1 }] }, 'clerk'));
      must(await updatePurchaseOrder(store, cut.id, { lines: [{ lineId: widget, cancelRemaining: true }] }, 'buyer'));
      const twice = must(await receivePurchaseOrder(store, cut.id, { location: 'MAIN', allowOverReceipt: true, lines: [{ sku: 'WIDGET', quantity: 2 }, { sku: 'WIDGET', quantity: 2 }] }, 'clerk'));
      expect(twice.purchaseOrder.lines[0]).toMatchObject({ quantity: 4, received: 5, cancelled: 0, open: 0 });
      expect(twice.purchaseOrder).toMatchObject({ status: 'partially_received', totals: { quantity: 6, received: 5, cancelled: 0, open: 2, cost: 5 * 600 + 2 * 600 } });
    });

    it('has restock check name a line with units both received and cancelled, as receipts once left them', async () => {
      const po = await orderedPo(store, 'ACME', [['GADGET', 10, '2026-01-05']]);
      const line = po.lines[0]?.id as number;
      must(await updatePurchaseOrder(store, po.id, { lines: [{ lineId: line, cancelRemaining: true }] }, 'buyer'));
      await dbOf(store).updateTable('po_lines').set({ received: 10 }).where('id', '=', line).execute();
      expect(await checkInvariants(store)).toEqual([{
        invariant: 8,
        message: expect.stringContaining('received + cancelled + open ≠ quantity'),
        subject: expect.objectContaining({ po_id: po.id, line_no: 1, sku: 'GADGET', line_id: line, quantity: 10, received: 10, cancelled: 10 }),
      }]);
      await dbOf(store).updateTable('po_lines').set({ received: 0 }).where('id', '=', line).execute();
    });

    it('says a closed order whose rest was cancelled is closed, not fully received, when refusing to receive on it', async () => {
      const po = await orderedPo(store, 'ACME', [['GADGET', 4, '2026-01-05']]);
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 1 }] }, 'clerk'));
      expect(must(await cancelPurchaseOrder(store, po.id, {}, 'buyer')).status).toBe('received');
      const refused = await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 1 }] }, 'clerk');
      expectFailure(refused, 'CONFLICT', 'status');
      expect(refused.ok ? '' : refused.message).toBe(`purchase order ${po.id} is closed (what came was received, the rest cancelled); receiving needs it to be ordered or partially received`);
    });

    it('takes nothing on a draft, cancelled or fully received order, with a clear 4xx', async () => {
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'GADGET', quantity: 2 }] }, 'test'));
      const cancelled = await orderedPo(store, 'ACME', [['GADGET', 2, '2026-01-05']]);
      must(await cancelPurchaseOrder(store, cancelled.id, {}, 'test'));
      const done = await orderedPo(store, 'ACME', [['GADGET', 2, '2026-01-05']]);
      must(await receivePurchaseOrder(store, done.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 2 }] }, 'test'));
      const before = await snapshot(store);
      const receive = (id: number) => receivePurchaseOrder(store, id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 1 }] }, 'test');
      const refusals = [await receive(draft.id), await receive(cancelled.id), await receive(done.id)];
      for (const refusal of refusals) expectFailure(refusal, 'CONFLICT', 'status');
      expect(refusals.map((r) => (r.ok ? '' : r.message))).toEqual([
        `purchase order ${draft.id} is draft; receiving needs it to be ordered or partially received`,
        `purchase order ${cancelled.id} is cancelled; receiving needs it to be ordered or partially received`,
        `purchase order ${done.id} is fully received; receiving needs it to be ordered or partially received`,
      ]);
      expectFailure(await receive(9999), 'NOT_FOUND', 'id');
      expect(await snapshot(store)).toEqual(before);
    });

    it('refuses bad receipts, naming the field, and writes nothing', async () => {
      const po = await orderedPo(store, 'ACME', [['GADGET', 5, '2026-01-05']]);
      const line = po.lines[0]?.id as number;
      const before = await snapshot(store);
      const bad = (body: Record<string, unknown>) => receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: line, quantity: 1 }], ...body }, 'test');
      expectFailure(await bad({ location: 'NOWHERE' }), 'NOT_FOUND', 'location');
      expectFailure(await bad({ location: undefined }), 'VALIDATION_FAILED', 'location');
      expectFailure(await bad({ lines: [] }), 'VALIDATION_FAILED', 'lines');
      expectFailure(await bad({ lines: [{ lineId: line, quantity: -1 }] }), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await bad({ lines: [{ lineId: line, quantity: 0.5 }] }), 'VALIDATION_FAILED', 'lines[0].quantity');
      expectFailure(await bad({ lines: [{ lineId: line, sku: 'GADGET', quantity: 1 }] }), 'VALIDATION_FAILED', 'lines[0].lineId');
      expectFailure(await bad({ lines: [{ quantity: 1 }] }), 'VALIDATION_FAILED', 'lines[0].lineId');
      expectFailure(await bad({ lines: [{ lineId: 9999, quantity: 1 }] }), 'VALIDATION_FAILED', 'lines[0].lineId');
      expectFailure(await bad({ lines: [{ sku: 'WIDGET', quantity: 1 }] }), 'VALIDATION_FAILED', 'lines[0].sku');
      expectFailure(await bad({ receivedOn: '2026/01/01' }), 'VALIDATION_FAILED', 'receivedOn');
      expectFailure(await bad({ receivedOn: '2026-01-02' }), 'VALIDATION_FAILED', 'receivedOn');
      expectFailure(await bad({ receivedOn: '2025-12-31' }), 'VALIDATION_FAILED', 'receivedOn');
      expectFailure(await bad({ allowOverReceipt: 'yes' }), 'VALIDATION_FAILED', 'allowOverReceipt');
      expectFailure(await bad({ extra: 1 }), 'VALIDATION_FAILED', 'extra');
      expect(await snapshot(store)).toEqual(before);
    });

    it('never over-receives when receipts of one line race, and fills racing orders fairly', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-05']]);
      const line = po.lines[0]?.id as number;
      const waiting = [await order(store, { WIDGET: 2 }), await order(store, { WIDGET: 2 }), await order(store, { WIDGET: 2 })];
      const results = await Promise.all([
        receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: line, quantity: 4 }] }, 'a'),
        receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: line, quantity: 4 }] }, 'b'),
        placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'c' }),
      ]);
      expect(results.slice(0, 2).map((r) => r.ok).sort()).toEqual([false, true]);
      const refused = results.slice(0, 2).find((r) => !r.ok);
      expect(refused && !refused.ok && refused.code).toBe('CONFLICT');
      const after = must(await getPurchaseOrder(store, po.id));
      expect(after).toMatchObject({ status: 'partially_received', totals: { received: 4, open: 1 } });
      expect(await stockAt('WIDGET')).toEqual([['MAIN', 4, 4]]);
      expect(must(await backorderQueue(store, 'WIDGET')).map((p) => p.orderId).slice(0, 1)).toEqual([waiting[2]?.id]);
    });

    it('shows open PO units as incoming and projected, and the ETA a new backorder would get', async () => {
      const waiting = await order(store, { WIDGET: 3 });
      let [widget] = must(await getAvailability(store, ['WIDGET']));
      expect(widget).toMatchObject({ status: 'backorder', incoming: 0, backordered: 3, projected: -3, eta: '2026-01-11', etaEstimated: true });
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-07'], ['WIDGET', 4, '2026-01-09']]);
      [widget] = must(await getAvailability(store, ['WIDGET']));
      expect(widget).toMatchObject({ incoming: 9, backordered: 3, projected: 6, eta: '2026-01-07', etaEstimated: false });
      // The item itself shows the same network figures (SPEC §2).
      expect(must(await getItem(store, 'WIDGET'))).toMatchObject({ onHand: 0, allocated: 0, incoming: 9, backordered: 3, projected: 6 });
      const next = await order(store, { WIDGET: 2 });
      expect(next.lines[0]).toMatchObject({ backordered: 2, eta: '2026-01-07', etaEstimated: false });
      [widget] = must(await getAvailability(store, ['WIDGET']));
      expect(widget).toMatchObject({ projected: 4, eta: '2026-01-09' });
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: po.lines[0]?.id as number, quantity: 5 }] }, 'test'));
      [widget] = must(await getAvailability(store, ['WIDGET']));
      expect(widget).toMatchObject({ status: 'backorder', onHand: 5, allocated: 5, available: 0, incoming: 4, backordered: 0, projected: 4, eta: '2026-01-09' });
      expect(must(await backorderQueue(store, 'WIDGET'))).toEqual([]);
      expect(waiting.id).toBeLessThan(next.id);
    });

    it('fills the queue in order from a PO received in two parts, with the right eta_changed events', async () => {
      const a = await order(store, { WIDGET: 2 });
      const b = await order(store, { WIDGET: 3 });
      const c = await order(store, { WIDGET: 1 });
      const d = await order(store, { WIDGET: 2 });
      const seq0 = await lastEventSeq(store);
      const po = await orderedPo(store, 'ACME', [['WIDGET', 4, '2026-01-05'], ['WIDGET', 4, '2026-01-09']]);
      const [early, late] = po.lines.map((l) => l.id) as [number, number];
      expect(await etaChanges(store, seq0)).toEqual([
        [a.id, '2026-01-11', '2026-01-05'],
        [b.id, '2026-01-11', '2026-01-09'],
        [c.id, '2026-01-11', '2026-01-09'],
        [d.id, '2026-01-11', '2026-01-09'],
      ]);

      // The later line arrives first, in part: A is filled, B in part; what is left of B and all of C
      // are now covered by the early line.
      world.clock.advanceDays(2);
      const seq1 = await lastEventSeq(store);
      const first = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ lineId: late, quantity: 3 }] }, 'test'));
      expect(first.purchaseOrder.status).toBe('partially_received');
      const afterFirst = await store.read((tx) => tx.listEvents(seq1, 100));
      expect(afterFirst.map((e) => e.type)).toEqual(['po.received', 'backorder.allocated', 'backorder.allocated', 'backorder.eta_changed', 'backorder.eta_changed']);
      expect(afterFirst.filter((e) => e.type === 'backorder.allocated').map((e) => e.payload)).toEqual([
        expect.objectContaining({ orderId: a.id, quantity: 2, allocations: [{ location: 'MAIN', quantity: 2 }], stillBackordered: 0 }),
        expect.objectContaining({ orderId: b.id, quantity: 1, allocations: [{ location: 'MAIN', quantity: 1 }], stillBackordered: 2 }),
      ]);
      expect(await etaChanges(store, seq1)).toEqual([[b.id, '2026-01-09', '2026-01-05'], [c.id, '2026-01-09', '2026-01-05']]);
      expect(must(await backorderQueue(store, 'WIDGET')).map((p) => [p.orderId, p.backordered, p.eta])).toEqual([
        [b.id, 2, '2026-01-05'], [c.id, 1, '2026-01-05'], [d.id, 2, '2026-01-09'],
      ]);

      world.clock.advanceDays(2);
      const seq2 = await lastEventSeq(store);
      const second = must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'test'));
      expect(second.purchaseOrder).toMatchObject({ status: 'received', totals: { received: 8, open: 0 } });
      expect(second.receipts.map((r) => [r.lineId, r.quantity, r.receivedOn])).toEqual([[early, 4, '2026-01-05'], [late, 1, '2026-01-05']]);
      const afterSecond = await store.read((tx) => tx.listEvents(seq2, 100));
      expect(afterSecond.filter((e) => e.type === 'backorder.allocated').map((e) => (e.payload as { orderId: number }).orderId)).toEqual([b.id, c.id, d.id]);
      expect(await etaChanges(store, seq2)).toEqual([]);
      expect(must(await backorderQueue(store, 'WIDGET'))).toEqual([]);
      const view = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'test' }));
      expect(view.lines[0]).toMatchObject({ backordered: 1, eta: '2026-01-15', etaEstimated: true });
    });
  });
}
