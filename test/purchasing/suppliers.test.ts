import { beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { createItemSupplier, deleteItemSupplier, listItemSuppliers, updateItemSupplier } from '../../src/app/purchasing/manage-item-suppliers.js';
import { getPurchaseOrder } from '../../src/app/purchasing/list-purchase-orders.js';
import { createSupplier, getSupplier, listSuppliers, updateSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { etaChanges, expectFailure, orderedPo, seedLink, seedSupplier, snapshot, worldPerTest } from './purchasing-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`suppliers and item–supplier links on ${dialect}`, () => {
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10, unitCost: 600 });
    });
    let store: Store;
    beforeEach(() => {
      store = world.store;
    });

    it('creates, reads, lists and updates suppliers', async () => {
      const acme = must(await createSupplier(store, { code: 'ACME', name: 'Acme Parts', email: 'buy@acme.test', leadTimeDays: 12 }, 'test'));
      expect(acme).toMatchObject({ code: 'ACME', name: 'Acme Parts', email: 'buy@acme.test', leadTimeDays: 12 });
      expect(acme).not.toHaveProperty('id');
      must(await createSupplier(store, { code: 'BOLT', name: 'Bolt & Co' }, 'test'));
      expect(must(await listSuppliers(store)).map((s) => [s.code, s.leadTimeDays])).toEqual([['ACME', 12], ['BOLT', 14]]);
      const updated = must(await updateSupplier(store, 'BOLT', { email: 'orders@bolt.test', leadTimeDays: 7 }, 'test'));
      expect(updated).toMatchObject({ code: 'BOLT', email: 'orders@bolt.test', leadTimeDays: 7 });
      expect(must(await getSupplier(store, 'BOLT')).email).toBe('orders@bolt.test');
      must(await updateSupplier(store, 'BOLT', { email: null }, 'test'));
      expect(must(await getSupplier(store, 'BOLT')).email).toBeNull();
    });

    it('refuses bad supplier input, naming the field, and writes nothing', async () => {
      await seedSupplier(store, 'ACME');
      const before = await snapshot(store);
      expectFailure(await createSupplier(store, { code: 'ACME', name: 'Again' }, 'test'), 'CONFLICT', 'code');
      expectFailure(await createSupplier(store, { code: 'has space', name: 'X' }, 'test'), 'VALIDATION_FAILED', 'code');
      expectFailure(await createSupplier(store, { code: 'NEW' }, 'test'), 'VALIDATION_FAILED', 'name');
      expectFailure(await createSupplier(store, { code: 'NEW', name: 'X', email: 'not-an-address' }, 'test'), 'VALIDATION_FAILED', 'email');
      expectFailure(await createSupplier(store, { code: 'NEW', name: 'X', leadTimeDays: -1 }, 'test'), 'VALIDATION_FAILED', 'leadTimeDays');
      expectFailure(await createSupplier(store, { code: 'NEW', name: 'X', leadTimeDays: 2.5 }, 'test'), 'VALIDATION_FAILED', 'leadTimeDays');
      expectFailure(await createSupplier(store, { code: 'NEW', name: 'X', colour: 'red' }, 'test'), 'VALIDATION_FAILED', 'colour');
      expectFailure(await createSupplier(store, 'ACME', 'test'), 'VALIDATION_FAILED', 'body');
      expectFailure(await updateSupplier(store, 'NOPE', { name: 'X' }, 'test'), 'NOT_FOUND', 'code');
      expectFailure(await updateSupplier(store, 'ACME', { code: 'OTHER' }, 'test'), 'VALIDATION_FAILED', 'code');
      expectFailure(await getSupplier(store, 'NOPE'), 'NOT_FOUND', 'code');
      expect(await snapshot(store)).toEqual(before);
    });

    it('links items to suppliers with defaults from the item and the supplier, the first one preferred', async () => {
      await seedSupplier(store, 'ACME', { leadTimeDays: 12 });
      await seedSupplier(store, 'BOLT');
      const link = must(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME' }, 'test'));
      expect(link).toEqual({
        sku: 'WIDGET', supplier: 'ACME', supplierSku: null, unitCost: 600, leadTimeDays: null, effectiveLeadTimeDays: 12,
        moq: 1, packSize: 1, preferred: true,
      });
      // A second supplier does not take the flag unless asked to.
      expect(must(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'BOLT' }, 'test')).preferred).toBe(false);
      must(await deleteItemSupplier(store, 'WIDGET', 'BOLT', 'test'));
      const changed = must(await updateItemSupplier(store, 'WIDGET', 'ACME', { supplierSku: 'AC-77', unitCost: 450, leadTimeDays: 5, moq: 10, packSize: 5 }, 'test'));
      expect(changed).toMatchObject({ supplierSku: 'AC-77', unitCost: 450, leadTimeDays: 5, effectiveLeadTimeDays: 5, moq: 10, packSize: 5 });
      expect(must(await listItemSuppliers(store, { supplier: 'ACME' }))).toEqual([changed]);
      expect(must(await listItemSuppliers(store, { sku: 'WIDGET' }))).toEqual([changed]);
    });

    it('keeps at most one preferred supplier per item', async () => {
      await seedSupplier(store, 'ACME');
      await seedSupplier(store, 'BOLT');
      await seedLink(store, 'WIDGET', 'ACME', { preferred: true });
      await seedLink(store, 'WIDGET', 'BOLT', { preferred: true });
      expect(must(await listItemSuppliers(store, { sku: 'WIDGET' })).map((l) => [l.supplier, l.preferred])).toEqual([['ACME', false], ['BOLT', true]]);
      must(await updateItemSupplier(store, 'WIDGET', 'ACME', { preferred: true }, 'test'));
      expect(must(await listItemSuppliers(store, { sku: 'WIDGET' })).map((l) => [l.supplier, l.preferred])).toEqual([['ACME', true], ['BOLT', false]]);
    });

    it('refuses bad links, naming the field, and writes nothing', async () => {
      await seedSupplier(store, 'ACME');
      await seedLink(store, 'WIDGET', 'ACME');
      const before = await snapshot(store);
      expectFailure(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME' }, 'test'), 'CONFLICT', 'supplier');
      expectFailure(await createItemSupplier(store, { sku: 'NOPE', supplier: 'ACME' }, 'test'), 'NOT_FOUND', 'sku');
      expectFailure(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'NOPE' }, 'test'), 'NOT_FOUND', 'supplier');
      expectFailure(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', moq: 0 }, 'test'), 'VALIDATION_FAILED', 'moq');
      expectFailure(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', packSize: 1.5 }, 'test'), 'VALIDATION_FAILED', 'packSize');
      expectFailure(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', unitCost: -1 }, 'test'), 'VALIDATION_FAILED', 'unitCost');
      expectFailure(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', preferred: 'yes' }, 'test'), 'VALIDATION_FAILED', 'preferred');
      expectFailure(await updateItemSupplier(store, 'WIDGET', 'ACME', { leadTimeDays: -3 }, 'test'), 'VALIDATION_FAILED', 'leadTimeDays');
      expectFailure(await updateItemSupplier(store, 'WIDGET', 'ACME', { sku: 'OTHER' }, 'test'), 'VALIDATION_FAILED', 'sku');
      await seedSupplier(store, 'BOLT');
      const withBolt = await snapshot(store);
      expectFailure(await updateItemSupplier(store, 'WIDGET', 'BOLT', { unitCost: 1 }, 'test'), 'NOT_FOUND', 'supplier');
      expect(await snapshot(store)).toEqual(withBolt);
      expect((withBolt as { suppliers: unknown[] }).suppliers).toHaveLength((before as { suppliers: unknown[] }).suppliers.length + 1);
    });

    it('moves estimated promise dates when the preferred lead time changes, with eta_changed events', async () => {
      await seedSupplier(store, 'ACME', { leadTimeDays: 20 });
      const waiting = await order(store, { WIDGET: 2 });
      expect(waiting.lines[0]?.eta).toBe('2026-01-11');
      await seedLink(store, 'WIDGET', 'ACME', { preferred: true });
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ eta: '2026-01-21', etaEstimated: true });
      must(await updateSupplier(store, 'ACME', { leadTimeDays: 4 }, 'test'));
      expect(must(await backorderQueue(store, 'WIDGET'))[0]?.eta).toBe('2026-01-05');
      must(await updateItemSupplier(store, 'WIDGET', 'ACME', { leadTimeDays: 6 }, 'test'));
      expect(must(await backorderQueue(store, 'WIDGET'))[0]?.eta).toBe('2026-01-07');
      must(await updateItemSupplier(store, 'WIDGET', 'ACME', { preferred: false }, 'test'));
      expect(must(await backorderQueue(store, 'WIDGET'))[0]?.eta).toBe('2026-01-11');
      expect(await etaChanges(store)).toEqual([
        [waiting.id, '2026-01-11', '2026-01-21'],
        [waiting.id, '2026-01-21', '2026-01-05'],
        [waiting.id, '2026-01-05', '2026-01-07'],
        [waiting.id, '2026-01-07', '2026-01-11'],
      ]);
    });

    it('removes a link: orders already made keep their lines, a preferred lead time stops applying', async () => {
      await seedSupplier(store, 'ACME', { leadTimeDays: 20 });
      await seedSupplier(store, 'BOLT', { leadTimeDays: 3 });
      const waiting = await order(store, { WIDGET: 2 });
      await seedLink(store, 'WIDGET', 'ACME', { preferred: true, unitCost: 450 });
      await seedLink(store, 'WIDGET', 'BOLT');
      const po = await orderedPo(store, 'BOLT', [['WIDGET', 1, '2026-01-03']]);
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-21', etaEstimated: true });

      const removed = must(await deleteItemSupplier(store, 'WIDGET', 'ACME', 'buyer'));
      expect(removed).toMatchObject({ sku: 'WIDGET', supplier: 'ACME', preferred: true, unitCost: 450 });
      expect(must(await listItemSuppliers(store, { sku: 'WIDGET' })).map((l) => l.supplier)).toEqual(['BOLT']);
      // No preferred supplier now: the item's own 10 days from the day the promise was made.
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ eta: '2026-01-11', etaEstimated: true });
      must(await deleteItemSupplier(store, 'WIDGET', 'BOLT', 'buyer'));
      expect(must(await getPurchaseOrder(store, po.id)).lines).toHaveLength(1);

      const before = await snapshot(store);
      expectFailure(await deleteItemSupplier(store, 'WIDGET', 'BOLT', 'buyer'), 'NOT_FOUND', 'supplier');
      expectFailure(await deleteItemSupplier(store, 'NOPE', 'BOLT', 'buyer'), 'NOT_FOUND', 'sku');
      expectFailure(await deleteItemSupplier(store, 'WIDGET', 'NOPE', 'buyer'), 'NOT_FOUND', 'supplier');
      expect(await snapshot(store)).toEqual(before);
    });
  });
}
