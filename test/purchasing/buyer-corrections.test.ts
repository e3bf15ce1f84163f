import { beforeEach, describe, expect, it } from 'vitest';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { addDays } from '../../src/domain/dates.js';
import { MAX_LEAD_TIME_DAYS } from '../../src/app/purchasing/manage-suppliers.js';
import { createLocation } from '../../src/app/manage-locations.js';
import type { Store } from '../../src/app/ports.js';
import { addPurchaseOrderLines } from '../../src/app/purchasing/change-draft-lines.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { importPurchaseOrders } from '../../src/app/purchasing/import-purchase-orders.js';
import { getPurchaseOrder, listPurchaseOrders } from '../../src/app/purchasing/list-purchase-orders.js';
import { cancelPurchaseOrder } from '../../src/app/purchasing/cancel-purchase-order.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import { supplierScorecard } from '../../src/app/purchasing/supplier-scorecard.js';
import { updatePurchaseOrder } from '../../src/app/purchasing/update-purchase-order.js';
import { must, order, seedItem } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { expectFailure, lastEventSeq, orderedPo, seedLink, seedWidgetsFromAcme, snapshot, worldPerTest } from './purchasing-fixtures.js';

/** What a buyer's day with purchase orders found wrong, each put right. */
for (const dialect of DIALECTS) {
  describe(`purchase orders as a buyer uses them, on ${dialect}`, () => {
    // Each test starts on 2026-01-01 (the world's clock).
    const world = worldPerTest(dialect, async (store) => {
      await seedWidgetsFromAcme(store);
      must(await createLocation(store, { code: 'OLD', name: 'Old store', active: false }, 'test'));
    });
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    it('counts a date left to the lead time from the day the draft is sent, and refuses one given that has passed', async () => {
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 4 }, { sku: 'GADGET', quantity: 2, expectedOn: '2026-01-25' }] }, 'test'));
      expect(draft.lines.map((l) => l.expectedOn)).toEqual(['2026-01-08', '2026-01-25']); // 7 days (the link's lead time); the date given
      world.clock.advanceDays(10); // sent on 2026-01-11
      const sent = must(await sendPurchaseOrder(store, draft.id, 'test'));
      expect(sent.lines.map((l) => [l.expectedOn, l.promisedOn])).toEqual([['2026-01-18', '2026-01-18'], ['2026-01-25', '2026-01-25']]);

      const late = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'GADGET', quantity: 1, expectedOn: '2026-01-12' }] }, 'test'));
      world.clock.advanceDays(2); // 2026-01-13: the date given has passed
      const before = await snapshot(store);
      expectFailure(await sendPurchaseOrder(store, late.id, 'test'), 'CONFLICT', 'lines[0].expectedOn');
      expect(await snapshot(store)).toEqual(before);
      must(await updatePurchaseOrder(store, late.id, { lines: [{ id: late.lines[0]?.id, expectedOn: '2026-01-20' }] }, 'test'));
      expect(must(await sendPurchaseOrder(store, late.id, 'test')).lines[0]?.promisedOn).toBe('2026-01-20');
    });

    it('refuses expected dates that have passed wherever they are given, naming the field or the CSV line', async () => {
      world.clock.advanceDays(5); // 2026-01-06
      const before = await snapshot(store);
      expectFailure(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1, expectedOn: '2026-01-05' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1, expectedOn: '2026-01-06' }] }, 'test')); // today is fine
      const withDraft = await snapshot(store);
      expectFailure(await addPurchaseOrderLines(store, draft.id, { lines: [{ sku: 'GADGET', quantity: 1, expectedOn: '2025-12-31' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      const sent = await orderedPo(store, 'ACME', [['WIDGET', 3, '2026-01-09']]);
      const withSent = await snapshot(store);
      expectFailure(await updatePurchaseOrder(store, sent.id, { lines: [{ id: sent.lines[0]?.id, expectedOn: '2026-01-01' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      expect(await snapshot(store)).toEqual(withSent);
      const imported = await importPurchaseOrders(store, 'supplier,sku,quantity,expectedOn\nACME,WIDGET,2,2026-01-07\nACME,GADGET,2,2026-01-02\n', 'test');
      expect(imported.ok).toBe(false);
      if (!imported.ok) expect(imported.details).toMatchObject({ problems: [{ line: 3, field: 'expectedOn', message: expect.stringContaining('2026-01-02 has passed') }] });
      expect(await snapshot(store)).toEqual(withSent);
      expect(withDraft).not.toEqual(before);
    });

    it('refuses expected dates further out than the longest lead time wherever they are given, so no customer is promised 9999-12-31', async () => {
      const latest = addDays('2026-01-01', MAX_LEAD_TIME_DAYS);
      const tooLate = addDays(latest, 1);
      const before = await snapshot(store);
      for (const date of ['9999-12-31', tooLate]) {
        const refused = await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'GADGET', quantity: 10, expectedOn: date }] }, 'test');
        expectFailure(refused, 'VALIDATION_FAILED', 'lines[1].expectedOn');
        expect(refused.ok ? '' : refused.message).toBe(`lines[1].expectedOn: ${date} is more than ${MAX_LEAD_TIME_DAYS} days away, the longest lead time; goods can be expected by ${latest} at the latest`);
      }
      expect(await snapshot(store)).toEqual(before);
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1, expectedOn: latest }] }, 'test')); // the last day is fine
      const withDraft = await snapshot(store);
      expectFailure(await addPurchaseOrderLines(store, draft.id, { lines: [{ sku: 'GADGET', quantity: 1, expectedOn: '9999-12-31' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      expectFailure(await updatePurchaseOrder(store, draft.id, { lines: [{ lineId: draft.lines[0]?.id, expectedOn: tooLate }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      const sent = await orderedPo(store, 'ACME', [['WIDGET', 3, '2026-01-09']]);
      const withSent = await snapshot(store);
      expectFailure(await updatePurchaseOrder(store, sent.id, { lines: [{ lineId: sent.lines[0]?.id, expectedOn: '9999-12-31' }] }, 'test'), 'VALIDATION_FAILED', 'lines[0].expectedOn');
      expect(must(await getPurchaseOrder(store, draft.id)).lines.map((l) => l.expectedOn)).toEqual([latest]);
      const imported = await importPurchaseOrders(store, `supplier,sku,quantity,expectedOn\nACME,WIDGET,2,${latest}\nACME,GADGET,2,9999-12-31\n`, 'test');
      expect(imported.ok).toBe(false);
      if (!imported.ok) expect(imported.details).toMatchObject({ problems: [{ line: 3, field: 'expectedOn', message: expect.stringContaining('9999-12-31 is more than 3650 days away') }] });
      expect(await snapshot(store)).toEqual(withSent);
      expect(withDraft).not.toEqual(before);
    });

    it('refuses to receive into an inactive location, where the goods would count for nothing', async () => {
      const waiting = await order(store, { WIDGET: 3 });
      const po = await orderedPo(store, 'ACME', [['WIDGET', 5, '2026-01-09']]);
      const before = await snapshot(store);
      expectFailure(await receivePurchaseOrder(store, po.id, { location: 'OLD', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'clerk'), 'CONFLICT', 'location');
      expect(await snapshot(store)).toEqual(before);
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-09', etaEstimated: false });
    });

    it('cancels what is left of a line of a sent order: no longer incoming, counted as not delivered, closing the order', async () => {
      const waiting = await order(store, { WIDGET: 8 });
      const po = await orderedPo(store, 'ACME', [['WIDGET', 10, '2026-01-05'], ['GADGET', 4, '2026-01-05']]);
      const [widget, gadget] = po.lines.map((l) => l.id);
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 6 }] }, 'clerk'));
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, allocated: 6, eta: '2026-01-05', etaEstimated: false });

      // The supplier will send no more WIDGETs: the 2 still waiting fall back on the lead-time estimate.
      const shortened = must(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget, cancelRemaining: true }] }, 'buyer'));
      expect(shortened.lines[0]).toMatchObject({ quantity: 10, received: 6, cancelled: 4, open: 0 });
      expect(shortened).toMatchObject({ status: 'partially_received', totals: { quantity: 14, received: 6, cancelled: 4, open: 4, cost: 6 * 450 + 4 * 900 } });
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-11', etaEstimated: true }); // the item's 10 days
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: widget, expectedOn: '2026-01-09' }] }, 'buyer'), 'CONFLICT', 'lines[0].id');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: gadget, cancelRemaining: true, quantity: 2 }] }, 'buyer'), 'VALIDATION_FAILED', 'lines[0].cancelRemaining');
      expectFailure(await updatePurchaseOrder(store, po.id, { lines: [{ id: gadget, cancelRemaining: false }] }, 'buyer'), 'VALIDATION_FAILED', 'lines[0].cancelRemaining');

      // The last open line too: the order is closed as received, and the supplier is judged by what was ordered.
      const closed = must(await updatePurchaseOrder(store, po.id, { lines: [{ id: gadget, cancelRemaining: true }] }, 'buyer'));
      expect(closed).toMatchObject({ status: 'received', closedAt: expect.any(String), totals: { received: 6, cancelled: 8, open: 0 } });
      expect(must(await supplierScorecard(store, 'ACME')).fillRate).toBeCloseTo(6 / 14);

      // Nothing received at all: the order ends cancelled. A draft's line is removed instead.
      const nothing = await orderedPo(store, 'ACME', [['GADGET', 2, '2026-01-05']]);
      expect(must(await updatePurchaseOrder(store, nothing.id, { lines: [{ id: nothing.lines[0]?.id, cancelRemaining: true }] }, 'buyer')).status).toBe('cancelled');
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'GADGET', quantity: 1 }] }, 'test'));
      expectFailure(await updatePurchaseOrder(store, draft.id, { lines: [{ id: draft.lines[0]?.id, cancelRemaining: true }] }, 'buyer'), 'CONFLICT', 'lines[0].cancelRemaining');
    });

    it('totals a cancelled order by what came, not by what was cancelled', async () => {
      const po = await orderedPo(store, 'ACME', [['WIDGET', 10, '2026-01-05']]);
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 3 }] }, 'clerk'));
      const cancelled = must(await cancelPurchaseOrder(store, po.id, { reason: 'supplier short' }, 'buyer'));
      expect(cancelled.totals).toEqual({ quantity: 10, received: 3, cancelled: 7, open: 0, cost: 3 * 450 });
    });

    it('closes a partly received order whose rest is cancelled as received, whether cancelled as a whole or line by line', async () => {
      const whole = await orderedPo(store, 'ACME', [['WIDGET', 10, '2026-01-05']]);
      const byLine = await orderedPo(store, 'ACME', [['WIDGET', 10, '2026-01-05']]);
      for (const po of [whole, byLine]) must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 4 }] }, 'clerk'));
      const seq = await lastEventSeq(store);
      const cancelled = must(await cancelPurchaseOrder(store, whole.id, {}, 'buyer'));
      const edited = must(await updatePurchaseOrder(store, byLine.id, { lines: [{ lineId: byLine.lines[0]?.id, cancelRemaining: true }] }, 'buyer'));
      for (const closed of [cancelled, edited]) {
        expect(closed).toMatchObject({ status: 'received', closedAt: expect.any(String), totals: { quantity: 10, received: 4, cancelled: 6, open: 0, cost: 4 * 450 } });
      }
      // The event still says what was cancelled, and now how the order closed.
      const events = await store.read((tx) => tx.listEvents(seq, 100));
      expect(events.find((e) => e.type === 'po.cancelled')?.payload).toMatchObject({ poId: whole.id, status: 'received', lines: [{ sku: 'WIDGET', cancelled: 6 }] });
      const ids = async (status: string) => must(await listPurchaseOrders(store, { status })).items.map((o) => o.id);
      expect(await ids('received')).toEqual([byLine.id, whole.id]);
      expect(await ids('cancelled')).toEqual([]);
      // An order that delivered nothing, sent or not, is cancelled either way.
      const nothing = await orderedPo(store, 'ACME', [['WIDGET', 2, '2026-01-05']]);
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'test'));
      expect(must(await cancelPurchaseOrder(store, nothing.id, {}, 'buyer'))).toMatchObject({ status: 'cancelled', closedAt: expect.any(String), totals: { received: 0, cancelled: 2 } });
      expect(must(await cancelPurchaseOrder(store, draft.id, {}, 'buyer')).status).toBe('cancelled');
      expect(await ids('cancelled')).toEqual([draft.id, nothing.id]);
      // The supplier is judged by what was ordered either way.
      expect(must(await supplierScorecard(store, 'ACME')).fillRate).toBeCloseTo(8 / 22);
    });

    it('tells the buyer of lines that break the supplier\'s terms, and keeps them as asked', async () => {
      await seedLink(store, 'GADGET', 'ACME', { moq: 50, packSize: 12 });
      await seedItem(store, 'SPROCKET');
      const draft = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'GADGET', quantity: 55 }, { sku: 'GADGET', quantity: 5 }, { sku: 'SPROCKET', quantity: 1 }, { sku: 'WIDGET', quantity: 3 }] }, 'test'));
      expect(draft.lines.map((l) => l.quantity)).toEqual([55, 5, 1, 3]);
      expect(draft.warnings?.map((w) => [w.lineId, w.message])).toEqual([
        [draft.lines[0]?.id, 'GADGET: 55 is not a whole number of packs of 12 (48 or 60)'],
        [draft.lines[1]?.id, 'GADGET: 5 is below ACME\'s minimum order of 50'],
        [draft.lines[1]?.id, 'GADGET: 5 is not a whole number of packs of 12 (12)'],
        [draft.lines[2]?.id, 'SPROCKET: ACME has no terms for this item (no item–supplier link): the cost is the item\'s own, the lead time the supplier\'s'],
      ]);
      const fixed = must(await updatePurchaseOrder(store, draft.id, { lines: [{ id: draft.lines[0]?.id, quantity: 60 }] }, 'buyer'));
      expect(fixed.warnings?.some((w) => w.lineId === draft.lines[0]?.id)).toBe(false);
      expect(must(await getPurchaseOrder(store, draft.id)).warnings).toEqual(fixed.warnings);
      // Once nothing more is to come, there is nothing to warn of.
      const received = await orderedPo(store, 'ACME', [['GADGET', 5, '2026-01-05']]);
      must(await receivePurchaseOrder(store, received.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 5 }] }, 'clerk'));
      expect(must(await getPurchaseOrder(store, received.id)).warnings).toEqual([]);
    });

    it('does not import the same purchase orders twice: a supplier and reference already ordered is refused by line', async () => {
      const csv = 'supplier,sku,quantity,reference\nACME,WIDGET,5,PO-A1\nACME,GADGET,2,PO-A1\nACME,GADGET,1,PO-A2\n';
      expect(must(await importPurchaseOrders(store, csv, 'test')).purchaseOrders).toHaveLength(2);
      const before = await snapshot(store);
      const again = await importPurchaseOrders(store, csv, 'test');
      expect(again.ok).toBe(false);
      if (!again.ok) {
        expect((again.details as { problems: { line: number; field: string; message: string }[] }).problems.map((e) => [e.line, e.field])).toEqual([[2, 'reference'], [3, 'reference'], [4, 'reference']]);
      }
      expect(await snapshot(store)).toEqual(before);
      // Once that order is cancelled, its reference may be ordered again.
      const [first] = must(await importPurchaseOrders(store, 'supplier,sku,quantity,reference\nACME,WIDGET,1,PO-B1\n', 'test')).purchaseOrders;
      must(await cancelPurchaseOrder(store, first!.id, {}, 'buyer'));
      must(await importPurchaseOrders(store, 'supplier,sku,quantity,reference\nACME,WIDGET,1,PO-B1\n', 'test'));
    });
  });
}
