import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { getOrder } from '../../src/app/get-order.js';
import { listMovements } from '../../src/app/list-movements.js';
import { updateLocation } from '../../src/app/manage-locations.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Movement, Store } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { transferStock } from '../../src/app/transfer-stock.js';
import { dbOf } from '../support/db-snapshot.js';
import { expectInvariants, must, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * End-to-end assertions on the movement ledger (SPEC §1, like Vendure's stock-control e2e): every
 * change of onHand or allocated writes exactly the rows expected — kind, deltas, reason, order and
 * line, reference, actor, time — and nothing else; failures write none.
 */

type Row = Pick<Movement, 'sku' | 'location' | 'kind' | 'onHandDelta' | 'allocatedDelta' | 'reason' | 'orderId' | 'lineId' | 'reference' | 'actor'>;

const row = (fields: Partial<Row> & Pick<Row, 'kind' | 'onHandDelta' | 'allocatedDelta'>): Row => ({
  sku: 'WIDGET', location: 'MAIN', reason: null, orderId: null, lineId: null, reference: null, actor: 'alice', ...fields,
});

for (const dialect of DIALECTS) {
  describe(`the movement ledger on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    let seen = 0;
    const clock = () => new Date(Date.UTC(2026, 2, 1, 9, 0, tick++));

    /** The movements written since the previous call, oldest first. */
    async function newMovements(): Promise<Movement[]> {
      const rows = await store.read((tx) => tx.listMovements({ afterId: seen, limit: 1000 }));
      seen = rows[rows.length - 1]?.id ?? seen;
      return rows;
    }

    /** The new rows without ids and times, after checking they share one transaction time. */
    async function expectNewRows(expected: readonly Row[]): Promise<Movement[]> {
      const rows = await newMovements();
      expect(rows.map(({ sku, location, kind, onHandDelta, allocatedDelta, reason, orderId, lineId, reference, actor }) => (
        { sku, location, kind, onHandDelta, allocatedDelta, reason, orderId, lineId, reference, actor }
      ))).toEqual(expected);
      expect(new Set(rows.map((r) => r.createdAt)).size).toBeLessThanOrEqual(1);
      return rows;
    }

    beforeEach(async () => {
      tick = 0;
      seen = 0;
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
      await seedLocation(store, 'MAIN', 0);
      await seedLocation(store, 'BACKUP', 1);
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow' });
      await newMovements();
    });

    afterEach(async () => {
      // Invariant 2, checked directly: each stock level is the sum of its ledger rows.
      const db = dbOf(store);
      const levels = await db.selectFrom('stock_levels').select(['item_id', 'location_id', 'on_hand', 'allocated']).execute();
      const ledger = await store.read((tx) => tx.listMovements({ limit: 10_000 }));
      for (const level of levels) {
        const own = ledger.filter((m) => m.itemId === level.item_id && m.locationId === level.location_id);
        expect([level.on_hand, level.allocated]).toEqual([own.reduce((s, m) => s + m.onHandDelta, 0), own.reduce((s, m) => s + m.allocatedDelta, 0)]);
      }
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    it('records an adjustment with its reason and actor, at the time of its transaction', async () => {
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 10, reason: 'initial count' }, 'alice'));
      const [adjustment] = await expectNewRows([row({ kind: 'adjustment', onHandDelta: 10, allocatedDelta: 0, reason: 'initial count' })]);
      expect(adjustment?.createdAt).toMatch(/^2026-03-01T09:00:\d\d\.000Z$/);
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 7, reason: 'cycle count' }, 'bob'));
      await expectNewRows([row({ kind: 'adjustment', onHandDelta: -3, allocatedDelta: 0, reason: 'cycle count', actor: 'bob' })]);
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 7, reason: 'same count again' }, 'bob'));
      await expectNewRows([]);
    });

    it('records allocation, shipment and deallocation against the order and line, per location', async () => {
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 3, reason: 'r' }, 'alice'));
      must(await adjustStock(store, { sku: 'WIDGET', location: 'BACKUP', delta: 4, reason: 'r' }, 'alice'));
      await newMovements();

      const placed = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 6 }] }, { actor: 'shop' }));
      const [orderId, lineId] = [placed.id, placed.lines[0]?.id as number];
      const ref = { orderId, lineId, actor: 'shop' };
      await expectNewRows([
        row({ kind: 'allocation', onHandDelta: 0, allocatedDelta: 3, reason: 'order placed', ...ref }),
        row({ kind: 'allocation', location: 'BACKUP', onHandDelta: 0, allocatedDelta: 3, reason: 'order placed', ...ref }),
      ]);

      must(await shipOrder(store, orderId, { lines: [{ sku: 'WIDGET', quantity: 4 }] }, 'packer'));
      await expectNewRows([
        row({ kind: 'shipment', onHandDelta: -3, allocatedDelta: -3, reason: 'shipped', ...ref, actor: 'packer' }),
        row({ kind: 'shipment', location: 'BACKUP', onHandDelta: -1, allocatedDelta: -1, reason: 'shipped', ...ref, actor: 'packer' }),
      ]);

      must(await cancelOrder(store, orderId, { reason: 'customer changed their mind' }, 'support'));
      await expectNewRows([row({ kind: 'deallocation', location: 'BACKUP', onHandDelta: 0, allocatedDelta: -2, reason: 'cancelled', ...ref, actor: 'support' })]);
    });

    it('writes nothing for a rejected order, a refused shipment or a refused adjustment', async () => {
      await seedItem(store, 'DENIED', { backorderPolicy: 'deny' });
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'r' }, 'alice'));
      await newMovements();
      expect((await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'DENIED', quantity: 1 }] }, { actor: 'shop' })).ok).toBe(false);
      const placed = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'shop' }));
      await newMovements();
      expect((await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, 'packer')).ok).toBe(false);
      expect((await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: -5, reason: 'r' }, 'alice')).ok).toBe(false);
      expect((await transferStock(store, { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 1 }, 'alice')).ok).toBe(false);
      await expectNewRows([]);
    });

    it('records a transfer as a transfer_out/transfer_in pair sharing one reference, and the backorder it fills', async () => {
      must(await adjustStock(store, { sku: 'WIDGET', location: 'BACKUP', delta: 5, reason: 'r' }, 'alice'));
      must(await updateLocation(store, 'BACKUP', { active: false }, 'alice'));
      const waiting = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, { actor: 'shop' }));
      await newMovements();

      must(await transferStock(store, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: 3, reason: 'rebalance' }, 'alice'));
      const rows = await newMovements();
      const reference = rows[0]?.reference;
      expect(reference).toMatch(/^transfer:BACKUP->MAIN:/);
      expect(rows.map(({ location, kind, onHandDelta, allocatedDelta, reason, orderId, lineId, reference: r, actor }) => ({ location, kind, onHandDelta, allocatedDelta, reason, orderId, lineId, reference: r, actor }))).toEqual([
        { location: 'BACKUP', kind: 'transfer_out', onHandDelta: -3, allocatedDelta: 0, reason: 'rebalance', orderId: null, lineId: null, reference, actor: 'alice' },
        { location: 'MAIN', kind: 'transfer_in', onHandDelta: 3, allocatedDelta: 0, reason: 'rebalance', orderId: null, lineId: null, reference, actor: 'alice' },
        { location: 'MAIN', kind: 'allocation', onHandDelta: 0, allocatedDelta: 2, reason: 'backorder filled', orderId: waiting.id, lineId: waiting.lines[0]?.id, reference: null, actor: 'alice' },
      ]);
    });

    it('moves allocations a count takes to free units at another location, telling warehouses where they went, and queues only the rest', async () => {
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 3, reason: 'r' }, 'alice'));
      must(await adjustStock(store, { sku: 'WIDGET', location: 'BACKUP', delta: 2, reason: 'r' }, 'alice'));
      const first = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'shop' }));
      const second = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 2 }], customer: { email: 'gus@example.com' } }, { actor: 'shop' }));
      await newMovements();
      const seq = (await store.read((tx) => tx.listEvents(0, 10_000))).at(-1)?.seq ?? 0;

      // MAIN counted empty: BACKUP's 2 free units go to the lines in queue order (the first order's
      // unit, then one of the second's); only the second order's last unit waits again.
      const counted = must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 0, reason: 'water damage' }, 'auditor'));
      expect(counted).toMatchObject({ onHand: 0, allocated: 0, returnedToQueue: 1, movedToOtherLocations: 2 });
      const events = await store.read((tx) => tx.listEvents(seq, 100));
      const why = 'stock count fell below allocations';
      expect(events.filter((e) => e.subjectType === 'order').map((e) => [e.type, e.subjectId, (e.payload as { quantity: number }).quantity])).toEqual([
        ['allocation.moved', String(second.id), 1], ['allocation.moved', String(first.id), 1], ['line.backordered', String(second.id), 1],
      ]);
      expect(events.find((e) => e.type === 'allocation.moved')?.payload).toEqual({
        orderId: second.id, lineId: second.lines[0]?.id, sku: 'WIDGET', quantity: 1, from: 'MAIN', to: [{ location: 'BACKUP', quantity: 1 }], reason: why,
        customer: { id: null, email: 'gus@example.com', name: null },
      });
      const moved = `moved from MAIN to BACKUP: ${why}`;
      const firstLine = { orderId: first.id, lineId: first.lines[0]?.id as number, actor: 'auditor' };
      const secondLine = { orderId: second.id, lineId: second.lines[0]?.id as number, actor: 'auditor' };
      await expectNewRows([
        row({ kind: 'deallocation', onHandDelta: 0, allocatedDelta: -1, reason: moved, ...secondLine }),
        row({ kind: 'allocation', location: 'BACKUP', onHandDelta: 0, allocatedDelta: 1, reason: moved, ...secondLine }),
        row({ kind: 'deallocation', onHandDelta: 0, allocatedDelta: -1, reason: 'returned to queue: stock count fell below allocations', ...secondLine }),
        row({ kind: 'deallocation', onHandDelta: 0, allocatedDelta: -1, reason: moved, ...firstLine }),
        row({ kind: 'allocation', location: 'BACKUP', onHandDelta: 0, allocatedDelta: 1, reason: moved, ...firstLine }),
        row({ kind: 'adjustment', onHandDelta: -3, allocatedDelta: 0, reason: 'water damage', actor: 'auditor' }),
      ]);
      expect(must(await getOrder(store, first.id)).lines[0]).toMatchObject({ allocated: 1, backordered: 0 });
      expect(must(await getOrder(store, second.id)).lines[0]).toMatchObject({ allocated: 1, backordered: 1 });
    });

    it('moves the allocations of a deactivated location to free units elsewhere, and leaves what none has free', async () => {
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 4, reason: 'r' }, 'alice'));
      const first = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 3 }] }, { actor: 'shop' }));
      const second = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'shop' }));
      must(await adjustStock(store, { sku: 'WIDGET', location: 'BACKUP', delta: 2, reason: 'r' }, 'alice'));
      await newMovements();
      const seq = (await store.read((tx) => tx.listEvents(0, 10_000))).at(-1)?.seq ?? 0;

      // BACKUP's 2 free units take over in queue order: the first order's 2 of its 3, none of the second's.
      const closed = must(await updateLocation(store, 'MAIN', { active: false }, 'alice'));
      expect(closed).toMatchObject({ code: 'MAIN', active: false, movedAllocations: 2 });
      expect(closed.warnings).toEqual([expect.objectContaining({ code: 'STILL_ALLOCATED', units: 2, items: [{ sku: 'WIDGET', units: 2, orders: 2 }] })]);
      expect(closed.warnings[0]?.message).toContain('MAIN still holds 2 units of WIDGET (2 orders) allocated to orders');
      const moved = 'moved from MAIN to BACKUP: MAIN was deactivated';
      const firstLine = { orderId: first.id, lineId: first.lines[0]?.id as number, actor: 'alice' };
      await expectNewRows([
        row({ kind: 'deallocation', onHandDelta: 0, allocatedDelta: -2, reason: moved, ...firstLine }),
        row({ kind: 'allocation', location: 'BACKUP', onHandDelta: 0, allocatedDelta: 2, reason: moved, ...firstLine }),
      ]);
      expect(must(await getOrder(store, first.id)).lines[0]?.allocations).toEqual(expect.arrayContaining([{ location: 'MAIN', quantity: 1 }, { location: 'BACKUP', quantity: 2 }]));
      expect(must(await getOrder(store, second.id)).lines[0]?.allocations).toEqual([{ location: 'MAIN', quantity: 1 }]);
      // Every customer keeps the units they had: no line waits again. The warehouses are told where the moved units wait.
      const events = await store.read((tx) => tx.listEvents(seq, 100));
      expect(events.filter((e) => e.type === 'line.backordered')).toEqual([]);
      expect(events.filter((e) => e.type === 'allocation.moved').map((e) => [e.subjectId, e.payload])).toEqual([[String(first.id), {
        orderId: first.id, lineId: first.lines[0]?.id, sku: 'WIDGET', quantity: 2, from: 'MAIN', to: [{ location: 'BACKUP', quantity: 2 }],
        reason: 'MAIN was deactivated', customer: { id: null, email: null, name: null },
      }]]);

      // A location holding no allocations deactivates without moving anything or warning.
      const backup = must(await updateLocation(store, 'BACKUP', { name: 'Backup store' }, 'alice'));
      expect(backup).toMatchObject({ movedAllocations: 0, warnings: [] });
      must(await updateLocation(store, 'MAIN', { active: true }, 'alice'));
      expect(must(await updateLocation(store, 'MAIN', { active: false }, 'alice'))).toMatchObject({ movedAllocations: 0, warnings: [expect.objectContaining({ units: 2 })] });
    });

    it('records a count below allocations as deallocations of the last-served lines, then the adjustment', async () => {
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 3, reason: 'r' }, 'alice'));
      const first = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'shop' }));
      const second = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 2 }], customer: { email: 'ann@example.com' } }, { actor: 'shop' }));
      await newMovements();
      const seq = (await store.read((tx) => tx.listEvents(0, 10_000))).at(-1)?.seq ?? 0;

      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 1, reason: 'damaged in storage' }, 'auditor'));
      const taken = (await store.read((tx) => tx.listEvents(seq, 100))).filter((e) => e.type === 'line.backordered');
      const promised = must(await getOrder(store, second.id)).lines[0];
      expect(promised?.eta).toEqual(expect.any(String));
      expect(taken.map((e) => e.payload)).toEqual([{
        orderId: second.id, lineId: second.lines[0]?.id, sku: 'WIDGET', quantity: 2, reason: 'stock count fell below allocations',
        customer: { id: null, email: 'ann@example.com', name: null }, eta: promised?.eta, estimated: true,
      }]);
      await expectNewRows([
        row({
          kind: 'deallocation', onHandDelta: 0, allocatedDelta: -2, reason: 'returned to queue: stock count fell below allocations',
          orderId: second.id, lineId: second.lines[0]?.id as number, actor: 'auditor',
        }),
        row({ kind: 'adjustment', onHandDelta: -2, allocatedDelta: 0, reason: 'damaged in storage', actor: 'auditor' }),
      ]);
      expect(first.lines[0]?.allocated).toBe(1);
    });

    it('records a purchase-order receipt with its reference, then the backorders it fills', async () => {
      const waiting = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, { actor: 'shop' }));
      must(await createSupplier(store, { code: 'ACME', name: 'Acme', leadTimeDays: 5 }, 'test'));
      const po = must(await createPurchaseOrder(store, { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5, expectedOn: '2026-03-10' }] }, 'test'));
      must(await sendPurchaseOrder(store, po.id, 'buyer'));
      await newMovements();

      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 5 }] }, 'receiver'));
      await expectNewRows([
        row({ kind: 'receipt', onHandDelta: 5, allocatedDelta: 0, reason: `received on purchase order ${po.id} line 1`, reference: `po:${po.id}`, actor: 'receiver' }),
        row({ kind: 'allocation', onHandDelta: 0, allocatedDelta: 2, reason: 'backorder filled', orderId: waiting.id, lineId: waiting.lines[0]?.id as number, actor: 'receiver' }),
      ]);
    });

    it('lists every kind of movement, each with the sign its kind implies', async () => {
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 4, reason: 'r' }, 'alice'));
      const placed = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 3 }] }, { actor: 'shop' }));
      must(await transferStock(store, { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 1 }, 'alice'));
      must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'packer'));
      must(await cancelOrder(store, placed.id, {}, 'support'));
      const ledger = await store.read((tx) => tx.listMovements({ limit: 1000 }));
      const sign = (m: Movement) => [Math.sign(m.onHandDelta), Math.sign(m.allocatedDelta)];
      const expected: Record<string, number[]> = {
        allocation: [0, 1], deallocation: [0, -1], shipment: [-1, -1], transfer_out: [-1, 0], transfer_in: [1, 0],
      };
      for (const m of ledger) if (expected[m.kind]) expect(sign(m)).toEqual(expected[m.kind]);
      expect(new Set(ledger.map((m) => m.kind))).toEqual(new Set(['adjustment', 'allocation', 'transfer_out', 'transfer_in', 'shipment', 'deallocation']));
      // Ids and times only grow: the ledger is append-only and in commit order.
      ledger.forEach((m, i) => i > 0 && expect(m.createdAt >= (ledger[i - 1] as Movement).createdAt).toBe(true));

      // Newest first, a page at a time, gives the same rows in reverse without gaps or repeats.
      const ids: number[] = [];
      let cursor: string | undefined;
      do {
        const page = must(await listMovements(store, { order: 'newest', limit: 3, ...(cursor ? { cursor } : {}) }));
        ids.push(...page.items.map((m) => m.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined);
      expect(ids).toEqual(ledger.map((m) => m.id).reverse());
      expect(await listMovements(store, { order: 'sideways' })).toMatchObject({ ok: false, details: { field: 'order' } });
    });
  });
}
