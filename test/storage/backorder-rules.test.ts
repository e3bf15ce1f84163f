import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { changeOrderPriority } from '../../src/app/change-order-priority.js';
import { getAvailability } from '../../src/app/get-availability.js';
import { getOrder } from '../../src/app/get-order.js';
import { wasReplayed } from '../../src/app/once-per-key.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { transferStock } from '../../src/app/transfer-stock.js';
import { dbOf } from '../support/db-snapshot.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

for (const dialect of DIALECTS) {
  describe(`backorder rules of SPEC §3 on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    // A clock that moves one second per transaction, so placedAt orders are distinct and known.
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));

    beforeEach(async () => {
      tick = 0;
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
      await seedLocation(store, 'MAIN', 0);
      await seedLocation(store, 'BACKUP', 5);
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10 });
    });

    afterEach(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    const queueOrderIds = async () => must(await backorderQueue(store, 'WIDGET')).map((p) => p.orderId);

    it('allocates from the single best location that covers the line, else splits by priority', async () => {
      await receive(store, 'WIDGET', 'MAIN', 3);
      await receive(store, 'WIDGET', 'BACKUP', 10);
      const whole = await order(store, { WIDGET: 5 });
      expect(whole.lines[0]?.allocations).toEqual([{ location: 'BACKUP', quantity: 5 }]);
      const split = await order(store, { WIDGET: 7 });
      expect(split.lines[0]?.allocations).toEqual([{ location: 'MAIN', quantity: 3 }, { location: 'BACKUP', quantity: 4 }]);
      expect(split.lines[0]?.backordered).toBe(1 - 1);
    });

    it('serves the queue by priority, then placedAt, and fills the head partially', async () => {
      const low = await order(store, { WIDGET: 2 }, { priority: 0 });
      const high = await order(store, { WIDGET: 3 }, { priority: 5 });
      const lowLater = await order(store, { WIDGET: 1 }, { priority: 0 });
      expect(await queueOrderIds()).toEqual([high.id, low.id, lowLater.id]);
      await receive(store, 'WIDGET', 'MAIN', 4);
      const queue = must(await backorderQueue(store, 'WIDGET'));
      expect(queue.map((p) => [p.orderId, p.backordered])).toEqual([[low.id, 1], [lowLater.id, 1]]);
      const filled = must(await getAvailability(store, ['WIDGET']))[0];
      expect(filled?.available).toBe(0);
      expect(filled?.backordered).toBe(2);
    });

    it('moves an order in the queue when its priority changes', async () => {
      const first = await order(store, { WIDGET: 1 });
      const second = await order(store, { WIDGET: 1 });
      expect(await queueOrderIds()).toEqual([first.id, second.id]);
      must(await changeOrderPriority(store, second.id, { priority: 9 }, 'test'));
      expect(await queueOrderIds()).toEqual([second.id, first.id]);
      await receive(store, 'WIDGET', 'MAIN', 1);
      expect(await queueOrderIds()).toEqual([first.id]);
    });

    it('releases cancelled allocations to the head of the queue', async () => {
      await receive(store, 'WIDGET', 'MAIN', 2);
      const holder = await order(store, { WIDGET: 2 });
      const waiter = await order(store, { WIDGET: 2 });
      expect(waiter.lines[0]?.backordered).toBe(2);
      const cancelled = must(await cancelOrder(store, holder.id, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'test'));
      expect(cancelled.lines[0]).toMatchObject({ allocated: 1, cancelled: 1 });
      const queue = must(await backorderQueue(store, 'WIDGET'));
      expect(queue).toHaveLength(1);
      expect(queue[0]).toMatchObject({ orderId: waiter.id, backordered: 1, allocated: 1 });
    });

    it('cancels backordered units before allocated ones', async () => {
      await receive(store, 'WIDGET', 'MAIN', 1);
      const mixed = await order(store, { WIDGET: 3 });
      expect(mixed.lines[0]).toMatchObject({ allocated: 1, backordered: 2 });
      const after = must(await cancelOrder(store, mixed.id, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, 'test'));
      expect(after.lines[0]).toMatchObject({ allocated: 1, backordered: 0, cancelled: 2 });
    });

    it('cancels the waiting units of every line of a sku before any allocated ones', async () => {
      await receive(store, 'WIDGET', 'MAIN', 2);
      await receive(store, 'WIDGET', 'BACKUP', 2);
      const two = must(await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 2 }, { sku: 'WIDGET', quantity: 2 }] }, { actor: 'test' }));
      const waiter = await order(store, { WIDGET: 1 }, { priority: 5 });
      // A count at MAIN takes its 2 back from the first line: it waits while the second holds BACKUP's 2.
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 0, reason: 'cycle count' }, 'test'));
      expect(must(await getOrder(store, two.id)).lines.map((l) => [l.allocated, l.backordered])).toEqual([[0, 2], [2, 0]]);
      const after = must(await cancelOrder(store, two.id, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, 'test'));
      expect(after.lines.map((l) => [l.allocated, l.backordered, l.cancelled])).toEqual([[0, 0, 2], [2, 0, 0]]);
      expect(must(await getOrder(store, waiter.id)).lines[0]).toMatchObject({ allocated: 0, backordered: 1 });
      expect(must(await getAvailability(store, ['WIDGET']))[0]).toMatchObject({ onHand: 2, allocated: 2, backordered: 1 });
    });

    it('takes each request of a cancellation from what the earlier ones left of the same line', async () => {
      await receive(store, 'WIDGET', 'MAIN', 2);
      await receive(store, 'WIDGET', 'BACKUP', 2);
      const split = await order(store, { WIDGET: 6 });
      expect(split.lines[0]).toMatchObject({ allocations: [{ location: 'MAIN', quantity: 2 }, { location: 'BACKUP', quantity: 2 }], backordered: 2 });
      // 1 waiting; then the last waiting and 1 at BACKUP; then BACKUP's last and 1 at MAIN.
      const after = must(await cancelOrder(store, split.id, { lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'WIDGET', quantity: 2 }, { sku: 'WIDGET', quantity: 2 }] }, 'test'));
      expect(after.lines[0]).toMatchObject({ allocated: 1, allocations: [{ location: 'MAIN', quantity: 1 }], backordered: 0, cancelled: 5, eta: null });
      const released = await store.read((tx) => tx.listMovements({ kind: 'deallocation', limit: 10 }));
      expect(released.map((m) => [m.location, m.allocatedDelta])).toEqual([['BACKUP', -1], ['BACKUP', -1], ['MAIN', -1]]);
      expect(must(await getAvailability(store, ['WIDGET']))[0]).toMatchObject({ onHand: 4, allocated: 1, backordered: 0 });
    });

    it('cancels only waiting units when asked, refusing (and changing nothing) if stock came in since', async () => {
      const mixed = await order(store, { WIDGET: 3 });
      expect(mixed.lines[0]).toMatchObject({ allocated: 0, backordered: 3 });
      await receive(store, 'WIDGET', 'MAIN', 1); // one of the three is allocated now
      // A screen that saw 3 waiting asks to cancel the waiting 3: only 2 still wait, so nothing is cancelled.
      const refused = await cancelOrder(store, mixed.id, { lines: [{ sku: 'WIDGET', quantity: 3, waitingOnly: true }] }, 'test');
      expect(refused).toMatchObject({ ok: false, code: 'CONFLICT', details: { field: 'lines[0].quantity', open: 2 } });
      expect((refused as { message: string }).message).toMatch(/only 2 units of WIDGET are still waiting/);
      const after = must(await cancelOrder(store, mixed.id, { lines: [{ sku: 'WIDGET', quantity: 2, waitingOnly: true }] }, 'test'));
      expect(after.lines[0]).toMatchObject({ allocated: 1, backordered: 0, cancelled: 2 });
      expect(await cancelOrder(store, mixed.id, { lines: [{ sku: 'WIDGET', quantity: 1, waitingOnly: 'yes' }] }, 'test')).toMatchObject({ ok: false, details: { field: 'lines[0].waitingOnly' } });
    });

    it('refuses to ship more than is allocated and ships nothing', async () => {
      await receive(store, 'WIDGET', 'MAIN', 2);
      const placed = await order(store, { WIDGET: 3 });
      const refused = await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 3 }] }, 'test');
      expect(refused.ok).toBe(false);
      if (!refused.ok) expect(refused.code).toBe('INSUFFICIENT_ALLOCATION');
      const shipped = must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, 'test'));
      expect(shipped.lines[0]).toMatchObject({ allocated: 0, shipped: 2, backordered: 1 });
      expect(shipped.status).toBe('partially_shipped');
    });

    it('returns the lowest-priority, newest allocations to the queue at their place when a count falls', async () => {
      await receive(store, 'WIDGET', 'MAIN', 3);
      const vip = await order(store, { WIDGET: 1 }, { priority: 5 });
      const older = await order(store, { WIDGET: 1 });
      const newer = await order(store, { WIDGET: 1 });
      const waiting = await order(store, { WIDGET: 1 });
      must(await adjustStock(store, { sku: 'WIDGET', location: 'MAIN', count: 1, reason: 'cycle count' }, 'test'));
      const queue = must(await backorderQueue(store, 'WIDGET'));
      expect(queue.map((p) => p.orderId)).toEqual([older.id, newer.id, waiting.id]);
      const stillAllocated = must(await getAvailability(store, ['WIDGET']))[0];
      expect(stillAllocated?.allocated).toBe(1);
      expect(vip.lines[0]?.allocated).toBe(1);
    });

    it('never lets a new order take stock past waiting backorders (no queue jumping)', async () => {
      const waiting = await order(store, { WIDGET: 2 });
      await receive(store, 'WIDGET', 'MAIN', 1);
      const late = await order(store, { WIDGET: 1 });
      expect(late.lines[0]).toMatchObject({ allocated: 0, backordered: 1 });
      expect(await queueOrderIds()).toEqual([waiting.id, late.id]);
    });

    it('fills the queue from a transfer into an active location only', async () => {
      await receive(store, 'WIDGET', 'BACKUP', 2);
      must(await transferStock(store, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: 2 }, 'test'));
      const stock = must(await getAvailability(store, ['WIDGET']))[0];
      expect(stock?.onHand).toBe(2);
      const over = await transferStock(store, { sku: 'WIDGET', from: 'BACKUP', to: 'MAIN', quantity: 1 }, 'test');
      expect(over.ok).toBe(false);
    });

    it('enforces the shortage modes and the backorder limit, recording lost demand', async () => {
      await seedItem(store, 'LIMITED', { backorderPolicy: 'allow', backorderLimit: 2 });
      await seedItem(store, 'DENIED', { backorderPolicy: 'deny' });
      await receive(store, 'DENIED', 'MAIN', 1);
      const rejected = await placeOrder(store, { lines: [{ sku: 'LIMITED', quantity: 3 }] }, { actor: 'test' });
      expect(rejected.ok).toBe(false);
      if (!rejected.ok) expect(rejected.code).toBe('OUT_OF_STOCK');
      const partial = await order(store, { LIMITED: 3, DENIED: 2 }, { shortage: 'partial' });
      expect(partial.lines.map((l) => [l.allocated, l.backordered, l.cancelled])).toEqual([[0, 2, 1], [1, 0, 1]]);
      const inStockOnly = await placeOrder(store, { shortage: 'in_stock_only', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'test' });
      expect(inStockOnly.ok).toBe(false);
      const [limited] = must(await getAvailability(store, ['LIMITED']));
      expect(limited).toMatchObject({ status: 'out_of_stock', backorderable: 0, backordered: 2 });
    });

    it('answers availability with status, backorderable, eta and substitutes', async () => {
      await seedItem(store, 'SPARE', { backorderPolicy: 'deny' });
      await seedItem(store, 'ALT', {});
      await receive(store, 'ALT', 'MAIN', 5);
      must(await (await import('../../src/app/manage-items.js')).updateItem(store, 'SPARE', { substitutes: ['ALT'] }, 'test'));
      const answers = must(await getAvailability(store, ['WIDGET', 'SPARE']));
      expect(answers[0]).toMatchObject({ sku: 'WIDGET', status: 'backorder', backorderable: null, eta: '2026-01-11', etaEstimated: true });
      expect(answers[1]).toMatchObject({ sku: 'SPARE', status: 'out_of_stock', substitutes: [{ sku: 'ALT', status: 'in_stock', available: 5 }] });
    });

    it('replays an idempotent order and refuses a different body under the same key', async () => {
      const body = { lines: [{ sku: 'WIDGET', quantity: 1 }] };
      const first = must(await placeOrder(store, body, { actor: 'test', idempotencyKey: 'k1' }));
      const again = must(await placeOrder(store, { lines: [{ quantity: 1, sku: 'WIDGET' }] }, { actor: 'test', idempotencyKey: 'k1' }));
      expect(again).toEqual(first);
      const mismatch = await placeOrder(store, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, { actor: 'test', idempotencyKey: 'k1' });
      expect(mismatch.ok === false && mismatch.code).toBe('IDEMPOTENCY_MISMATCH');
      const byExternal = must(await placeOrder(store, { externalId: 'shop-1', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'test' }));
      const byExternalAgain = must(await placeOrder(store, { externalId: 'shop-1', lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'test' }));
      expect(byExternalAgain.id).toBe(byExternal.id);
    });

    it('lets a rejected order be placed again under its external id, while its idempotency key still answers the rejection', async () => {
      await seedItem(store, 'STRICT', { backorderPolicy: 'deny' });
      await receive(store, 'STRICT', 'MAIN', 5);
      const body = { externalId: 'web-2', lines: [{ sku: 'STRICT', quantity: 6 }] };
      const rejected = await placeOrder(store, body, { actor: 'shop', idempotencyKey: 'try-1' });
      expect(rejected.ok === false && rejected.code).toBe('OUT_OF_STOCK');
      const rejectedId = rejected.ok ? 0 : (rejected.details as { orderId: number }).orderId;
      expect(must(await getOrder(store, rejectedId))).toMatchObject({ status: 'rejected', externalId: 'web-2' });
      // A retry under the same key is the same request: the same answer.
      const replayed = await placeOrder(store, body, { actor: 'shop', idempotencyKey: 'try-1' });
      expect(replayed.ok === false && (replayed.details as { orderId: number }).orderId).toBe(rejectedId);
      // The storefront decides again: with a shortage mode that takes what there is, under the same reference.
      const partial = must(await placeOrder(store, { ...body, shortage: 'partial' }, { actor: 'shop', idempotencyKey: 'try-2' }));
      expect(partial).toMatchObject({ externalId: 'web-2', status: 'open' });
      expect(partial.id).not.toBe(rejectedId);
      // Now the reference is taken by an order that stands.
      const taken = await placeOrder(store, body, { actor: 'shop', idempotencyKey: 'try-3' });
      expect(taken.ok === false && taken.code).toBe('IDEMPOTENCY_MISMATCH');
    });

    it('answers a rejected order resent unchanged without a key as the earlier rejection, so its units are lost once', async () => {
      await seedItem(store, 'STRICT', { backorderPolicy: 'deny' });
      await receive(store, 'STRICT', 'MAIN', 5);
      const body = { externalId: 'web-3', lines: [{ sku: 'STRICT', quantity: 6 }] };
      const first = await placeOrder(store, body, { actor: 'shop' });
      const firstId = first.ok ? 0 : (first.details as { orderId: number }).orderId;
      await adjustStock(store, { sku: 'STRICT', location: 'MAIN', delta: -2, reason: 'damaged' }, 'test');
      // A storefront retrying after a time-out: still refused, with today's figures, under the first order.
      const again = await placeOrder(store, { lines: [{ quantity: 6, sku: 'STRICT' }], externalId: 'web-3' }, { actor: 'shop' });
      expect(again.ok).toBe(false);
      expect(wasReplayed(again)).toBe(true);
      expect(again.ok === false && again.details).toMatchObject({ orderId: firstId, lines: [{ sku: 'STRICT', requested: 6, available: 3 }] });
      const rejectedOrders = await dbOf(store).selectFrom('orders').select('id').where('status', '=', 'rejected').execute();
      expect(rejectedOrders.map((o) => o.id)).toEqual([firstId]);
      const lostUnits = async () => Number((await dbOf(store).selectFrom('lost_demand').select((eb) => eb.fn.sum<number>('quantity').as('units')).executeTakeFirstOrThrow()).units);
      expect(await lostUnits()).toBe(6);
      // A changed order is a new request, recorded as such.
      const changed = await placeOrder(store, { ...body, lines: [{ sku: 'STRICT', quantity: 7 }] }, { actor: 'shop' });
      expect(changed.ok === false && (changed.details as { orderId: number }).orderId).not.toBe(firstId);
      // Sent again as first sent, after the changed one: still the first rejection, still counted once.
      const third = await placeOrder(store, body, { actor: 'shop' });
      expect(third.ok === false && (third.details as { orderId: number }).orderId).toBe(firstId);
      expect(await lostUnits()).toBe(6 + 7);
      // A resend under an Idempotency-Key of its own is recorded under that key, which keeps one outcome.
      const keyed = await placeOrder(store, body, { actor: 'shop', idempotencyKey: 'retry-1' });
      const keyedId = keyed.ok ? 0 : (keyed.details as { orderId: number }).orderId;
      expect(keyedId).not.toBe(firstId);
      expect(wasReplayed(keyed)).toBe(false);
      await receive(store, 'STRICT', 'MAIN', 3);
      const keyedAgain = await placeOrder(store, body, { actor: 'shop', idempotencyKey: 'retry-1' });
      expect(keyedAgain.ok === false && (keyedAgain.details as { orderId: number }).orderId).toBe(keyedId);
      // Without a key, once there is stock, the same order stands.
      expect(must(await placeOrder(store, body, { actor: 'shop' }))).toMatchObject({ externalId: 'web-3', status: 'open' });
    });
  });
}
