import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import type { Store } from '../../src/app/ports.js';
import { importPurchaseOrders } from '../../src/app/purchasing/import-purchase-orders.js';
import { listPurchaseOrders } from '../../src/app/purchasing/list-purchase-orders.js';
import { createItemSupplier } from '../../src/app/purchasing/manage-item-suppliers.js';
import { getSupplier, updateSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { waitUntilBlockedBy } from '../support/pg-locks.js';
import { DIALECTS } from '../support/stores.js';
import { expectFailure, seedSupplier, worldPerTest } from './purchasing-fixtures.js';

// Row locks only exist on PostgreSQL; SQLite's writers take turns on the whole file.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`supplier row locks on ${dialect}: a supplier is locked before any item`, () => {
    // WIDGET (own lead time 10 days) waits for stock; ACME (14 days) is not linked to it yet.
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10, unitCost: 600 });
      await seedSupplier(store, 'ACME', { leadTimeDays: 14 });
    });
    let store: Store;
    let blocker: pg.Client;
    let probe: pg.Client;
    let blockerPid: number;
    beforeEach(async () => {
      store = world.store;
      blocker = new pg.Client({ connectionString: world.database.databaseUrl });
      probe = new pg.Client({ connectionString: world.database.databaseUrl });
      await Promise.all([blocker.connect(), probe.connect()]);
      blockerPid = ((await blocker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
      return async () => {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), probe.end()]);
      };
    });

    /** Holds a row lock on the blocker's connection until `release`. */
    async function hold(statement: string, params: unknown[]): Promise<void> {
      await blocker.query('begin');
      await blocker.query(statement, params);
    }
    const release = () => blocker.query('commit');

    it('two lead-time changes of one supplier side by side leave the promise dates the final lead time gives', async () => {
      must(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', preferred: true }, 'test'));
      const waiting = await order(store, { WIDGET: 1 });
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-15', etaEstimated: true });
      // The first change moves the order's date, then waits to mark the order updated.
      await hold('select id from orders where id = $1 for share', [waiting.id]);
      const longer = updateSupplier(store, 'ACME', { leadTimeDays: 30 }, 'test');
      const first = await waitUntilBlockedBy(probe, [blockerPid]);
      // The second queues behind the first. Reading ACME before the first commits, it would see
      // 14 days, move no date, and then overwrite the first's 30 with 14.
      const shorter = updateSupplier(store, 'ACME', { leadTimeDays: 14 }, 'test');
      await waitUntilBlockedBy(probe, [blockerPid, first], [first]);
      await release();
      must(await longer);
      must(await shorter);
      expect(must(await getSupplier(store, 'ACME')).leadTimeDays).toBe(14);
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-15', etaEstimated: true });
    });

    it('a lead-time change beside a link that makes the supplier preferred leaves the dates the new lead time gives', async () => {
      const waiting = await order(store, { WIDGET: 1 });
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-11', etaEstimated: true });
      // The link moves the order's date to ACME's 14 days, then waits to mark the order updated.
      await hold('select id from orders where id = $1 for share', [waiting.id]);
      const link = createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', preferred: true }, 'test');
      const linking = await waitUntilBlockedBy(probe, [blockerPid]);
      // The lead-time change either waits for the link (the fix) or, not seeing the uncommitted
      // link, finds no item to move and commits; both are let run to the end.
      const change = updateSupplier(store, 'ACME', { leadTimeDays: 30 }, 'test');
      await Promise.race([change, waitUntilBlockedBy(probe, [blockerPid, linking], [linking])]);
      await release();
      must(await link);
      must(await change);
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-31', etaEstimated: true });
    });

    for (const send of [false, true]) {
      it(`two imports of one file side by side${send ? ', sent,' : ''} make one order and refuse the second as a duplicate`, async () => {
        const csv = 'supplier,sku,quantity,reference\nACME,WIDGET,5,PO-7\n';
        const [{ id: widgetId }] = (await probe.query<{ id: number }>(`select id from items where sku = 'WIDGET'`)).rows as [{ id: number }];
        // Both imports need WIDGET after their reference check (the item lock to send, or the
        // key-share lock of the new line's reference to it): the first waits there.
        await hold('select id from items where id = $1 for update', [widgetId]);
        const once = importPurchaseOrders(store, csv, 'test', { send });
        const first = await waitUntilBlockedBy(probe, [blockerPid]);
        // The second queues behind the first (for ACME) or, checking before the first commits,
        // finds no order with the reference and waits for WIDGET too.
        const twice = importPurchaseOrders(store, csv, 'test', { send });
        await waitUntilBlockedBy(probe, [blockerPid, first], [first]);
        await release();
        const results = [await once, await twice];
        expect(results.map((r) => r.ok)).toEqual([true, false]);
        const [made, refused] = results as [(typeof results)[0], (typeof results)[1]];
        expectFailure(refused, 'VALIDATION_FAILED', 'reference');
        const madeId = must(made).purchaseOrders[0]?.id;
        expect(refused.ok ? '' : refused.message).toBe(`line 2, reference: ACME already has purchase order ${madeId} with reference PO-7; nothing was imported`);
        const orders = must(await listPurchaseOrders(store, { supplier: 'ACME' })).items;
        expect(orders.map((o) => [o.reference, o.status, o.lines.map((l) => [l.sku, l.quantity])])).toEqual([['PO-7', send ? 'ordered' : 'draft', [['WIDGET', 5]]]]);
      });
    }
  });
}
