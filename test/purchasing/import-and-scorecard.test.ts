import { beforeEach, describe, expect, it } from 'vitest';
import { getAvailability } from '../../src/app/get-availability.js';
import { placeOrder } from '../../src/app/place-order.js';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import type { Store } from '../../src/app/ports.js';
import { cancelPurchaseOrder } from '../../src/app/purchasing/cancel-purchase-order.js';
import { importPurchaseOrders, type ImportRowError } from '../../src/app/purchasing/import-purchase-orders.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { supplierScorecard, supplierScorecards } from '../../src/app/purchasing/supplier-scorecard.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { expectFailure, orderedPo, seedLink, seedSupplier, snapshot, worldPerTest } from './purchasing-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`purchase-order CSV import and supplier scorecards on ${dialect}`, () => {
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10, unitCost: 600 });
      await seedItem(store, 'GADGET', { unitCost: 900 });
      await seedSupplier(store, 'ACME', { leadTimeDays: 20 });
      await seedSupplier(store, 'BOLT', { leadTimeDays: 5 });
      await seedLink(store, 'WIDGET', 'ACME', { unitCost: 450 });
    });
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    it('imports one order per supplier and reference, with defaults for blank cells', async () => {
      const csv = [
        'Supplier,SKU,Quantity,Unit Cost,Expected On,Reference',
        'ACME,WIDGET,10,,2026-01-20,A-1',
        'ACME,GADGET,2,880,,A-1',
        'BOLT,WIDGET,5,500,2026-01-08,',
        '',
        'ACME,WIDGET,1,,2026-02-01,A-2',
      ].join('\n');
      const result = must(await importPurchaseOrders(store, csv, 'test'));
      expect(result.rows).toBe(4);
      expect(result.purchaseOrders.map((o) => [o.supplier, o.reference, o.status, o.lines.map((l) => [l.sku, l.quantity, l.unitCost, l.expectedOn])])).toEqual([
        ['ACME', 'A-1', 'draft', [['WIDGET', 10, 450, '2026-01-20'], ['GADGET', 2, 880, '2026-01-21']]],
        ['BOLT', null, 'draft', [['WIDGET', 5, 500, '2026-01-08']]],
        ['ACME', 'A-2', 'draft', [['WIDGET', 1, 450, '2026-02-01']]],
      ]);
    });

    it('sends imported orders when asked, which moves promise dates at once', async () => {
      const waiting = await order(store, { WIDGET: 2 });
      const result = must(await importPurchaseOrders(store, 'supplier,sku,quantity,expectedOn\nBOLT,WIDGET,5,2026-01-04\n', 'test', { send: true }));
      expect(result.purchaseOrders.map((o) => o.status)).toEqual(['ordered']);
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-04', etaEstimated: false });
    });

    it('sends concurrent imports of the same items without deadlock, beside orders for them', async () => {
      const work = [
        ...[1, 2, 3, 4].map((n) => importPurchaseOrders(store, `supplier,sku,quantity\nBOLT,WIDGET,${n}\nBOLT,GADGET,${n}\n`, 'test', { send: true })),
        ...[1, 2].map(() => placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'test' })),
      ];
      const results = await Promise.all(work);
      expect(results.slice(0, 4).map((r) => r.ok)).toEqual([true, true, true, true]);
      expect(results.slice(4).map((r) => r.ok)).toEqual([true, true]);
      const [widget] = must(await getAvailability(store, ['WIDGET']));
      expect(widget?.incoming).toBe(1 + 2 + 3 + 4);
    });

    it('reports every bad row by line number and imports nothing', async () => {
      const before = await snapshot(store);
      const csv = [
        'supplier,sku,quantity,unitCost,expectedOn,reference',
        'ACME,WIDGET,10,,2026-01-20,ok',
        'ACME,WIDGET,-3,,2026-01-20,',
        'ACME,WIDGET,2.5,,20/01/2026,',
        'ACME,WIDGET,1,12.50,,',
        'ACME,WIDGET,1',
        'ACME,WIDGET,0,,,',
      ].join('\n');
      const shape = await importPurchaseOrders(store, csv, 'test');
      expectFailure(shape, 'VALIDATION_FAILED', 'quantity');
      expect(!shape.ok && (shape.details as { problems: ImportRowError[] }).problems.map((e) => [e.line, e.field])).toEqual([
        [3, 'quantity'], [4, 'quantity'], [4, 'expectedOn'], [5, 'unitCost'], [6, 'csv'], [7, 'quantity'],
      ]);
      expect(!shape.ok && shape.message).toBe('line 3, quantity: must be a whole number from 1 to 1000000000 (and 5 more); nothing was imported');
      const unknown = await importPurchaseOrders(store, 'supplier,sku,quantity\nACME,WIDGET,1\nNOPE,WIDGET,1\nACME,NOPE,2\n', 'test');
      expect(!unknown.ok && (unknown.details as { problems: ImportRowError[] }).problems).toEqual([
        { line: 3, field: 'supplier', message: 'no supplier with code NOPE' },
        { line: 4, field: 'sku', message: 'no item with sku NOPE' },
      ]);
      // Rows that cannot be read and rows naming what does not exist are told in one answer, in line order.
      const both = await importPurchaseOrders(store, 'supplier,sku,quantity\nACME,NOPE,2\nACME,WIDGET,-5\nNOPE,WIDGET,1\n', 'test');
      expect(!both.ok && (both.details as { problems: ImportRowError[] }).problems.map((e) => [e.line, e.field])).toEqual([[2, 'sku'], [3, 'quantity'], [4, 'supplier']]);
      const header = await importPurchaseOrders(store, 'supplier,quantity,colour\nACME,1,red\n', 'test');
      expect(!header.ok && (header.details as { problems: ImportRowError[] }).problems.map((e) => [e.line, e.field])).toEqual([[1, 'colour'], [1, 'sku']]);
      expectFailure(await importPurchaseOrders(store, '', 'test'), 'VALIDATION_FAILED', 'csv');
      expectFailure(await importPurchaseOrders(store, 'supplier,sku,quantity\n', 'test'), 'VALIDATION_FAILED', 'csv');
      expectFailure(await importPurchaseOrders(store, 'supplier,sku,quantity\n"ACME,WIDGET,1\n', 'test'), 'VALIDATION_FAILED', 'csv');
      expect(await snapshot(store)).toEqual(before);
    });

    it('scores suppliers from receipts: on-time rate, lead time mean and spread, fill rate', async () => {
      // Sent on 2026-01-01; ACME delivers PO 1 on day 4 (promised day 5) and PO 2 on days 8 and 12
      // (promised day 10), then PO 2's rest is cancelled.
      const one = await orderedPo(store, 'ACME', [['WIDGET', 4, '2026-01-05'], ['GADGET', 2, '2026-01-05']]);
      const two = await orderedPo(store, 'ACME', [['WIDGET', 10, '2026-01-10']]);
      world.clock.advanceDays(4);
      must(await receivePurchaseOrder(store, one.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 4 }, { sku: 'GADGET', quantity: 2 }] }, 'test'));
      world.clock.advanceDays(4);
      must(await receivePurchaseOrder(store, two.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'test'));
      world.clock.advanceDays(4);
      must(await receivePurchaseOrder(store, two.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 3 }] }, 'test'));
      must(await cancelPurchaseOrder(store, two.id, {}, 'test'));
      const card = must(await supplierScorecard(store, 'ACME'));
      expect(card).toMatchObject({ supplier: 'ACME', name: 'Supplier ACME', since: null, until: null, receipts: 4, unitsReceived: 14, closedLines: 3 });
      expect(card.onTimeRate).toBe(0.75);
      expect(card.leadTimeDays).toMatchObject({ deliveries: 3, mean: 8, min: 4, max: 12 });
      expect(card.leadTimeDays.standardDeviation).toBeCloseTo(4, 10);
      expect(card.fillRate).toBeCloseTo(14 / 16, 10);
      const late = must(await supplierScorecard(store, 'ACME', { since: '2026-01-09' }));
      expect(late).toMatchObject({ receipts: 2, onTimeRate: 0.5, leadTimeDays: { deliveries: 2, mean: 10 } });
      expect(must(await supplierScorecards(store)).map((c) => [c.supplier, c.receipts, c.onTimeRate])).toEqual([['ACME', 4, 0.75], ['BOLT', 0, null]]);
      expectFailure(await supplierScorecard(store, 'NOPE'), 'NOT_FOUND', 'supplier');
      expectFailure(await supplierScorecard(store, 'ACME', { since: '2026-13-01' }), 'VALIDATION_FAILED', 'since');
      expectFailure(await supplierScorecard(store, 'ACME', { since: '2026-02-01', until: '2026-01-01' }), 'VALIDATION_FAILED', 'until');
    });
  });
}
