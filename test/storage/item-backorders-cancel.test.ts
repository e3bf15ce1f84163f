import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAuditTrail } from '../../src/app/audit-trail.js';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { cancelItemBackorders, type ItemBackordersCancelled } from '../../src/app/cancel-item-backorders.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { getItem } from '../../src/app/get-item.js';
import { getOrder } from '../../src/app/get-order.js';
import { updateItem } from '../../src/app/manage-items.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import type { Database } from '../../src/storage/schema.js';
import { dumpDatabase } from '../http/support.js';
import { expectFailure, orderedPo, seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { countStatements } from '../support/statement-count.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

for (const dialect of DIALECTS) {
  describe(`discontinuing an item and cancelling its waiting backorders on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));

    beforeEach(async () => {
      tick = 0;
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10 });
      await seedItem(store, 'GADGET', { backorderPolicy: 'allow' });
      await receive(store, 'WIDGET', 'MAIN', 5);
      await receive(store, 'GADGET', 'MAIN', 1);
    });

    afterEach(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    /** Ann: 5 allocated, 2 waiting; Bob: 3 waiting and a GADGET; Cy: 1 waiting (high priority). */
    async function placeQueue() {
      const ann = await order(store, { WIDGET: 7 }, { customer: { email: 'ann@example.com' } });
      const bob = await order(store, { WIDGET: 3, GADGET: 1 }, { externalId: 'WEB-2', customer: { email: 'bob@example.com' } });
      const cy = await order(store, { WIDGET: 1 }, { priority: 5 });
      return { ann, bob, cy };
    }

    const events = (type: string) => store.read(async (tx) => (await tx.listEvents(0, 10_000)).filter((e) => e.type === type));

    it('discontinuing says how many lines, units and orders wait, and what is on order; nothing else does', async () => {
      await placeQueue();
      await seedSupplier(store, 'ACME');
      await seedLink(store, 'WIDGET', 'ACME');
      await orderedPo(store, 'ACME', [['WIDGET', 4, '2026-01-20']]);
      const changed = must(await updateItem(store, 'WIDGET', { discontinued: true }, 'test'));
      expect(changed.discontinued).toBe(true);
      expect(changed.warnings).toEqual([{
        code: 'DISCONTINUED_WITH_BACKORDERS',
        message: expect.stringContaining('6 units on 3 lines of 3 orders still wait for it: 4 units are still on open purchase orders'),
        waitingLines: 3, waitingUnits: 6, waitingOrders: 3, incomingUnits: 4,
      }]);
      // Already discontinued, or another field: no news.
      expect(must(await updateItem(store, 'WIDGET', { discontinued: true }, 'test')).warnings).toEqual([]);
      expect(must(await updateItem(store, 'WIDGET', { name: 'Old widget' }, 'test')).warnings).toEqual([]);
      // Nothing waiting and nothing on order: nothing to say.
      expect(must(await updateItem(store, 'GADGET', { discontinued: true }, 'test')).warnings).toEqual([]);
    });

    it('warns of waiting units with no purchase order open, and of open purchase orders alone', async () => {
      await order(store, { WIDGET: 6 });
      const [warning] = must(await updateItem(store, 'WIDGET', { discontinued: true }, 'test')).warnings;
      expect(warning).toMatchObject({ code: 'DISCONTINUED_WITH_BACKORDERS', waitingLines: 1, waitingUnits: 1, waitingOrders: 1, incomingUnits: 0 });
      expect(warning?.message).toBe('WIDGET is discontinued, but 1 unit on 1 line of 1 order still waits for it: no purchase order is open, so nothing will fill them unless stock is ordered for them. Cancel the waiting backorders (each customer is told) or let them wait.');

      await seedSupplier(store, 'ACME');
      await seedLink(store, 'GADGET', 'ACME');
      await orderedPo(store, 'ACME', [['GADGET', 1, '2026-01-20']]);
      expect(must(await updateItem(store, 'GADGET', { discontinued: true }, 'test')).warnings).toEqual([{
        code: 'DISCONTINUED_WITH_INCOMING', message: expect.stringContaining('1 unit is still on open purchase orders'),
        waitingLines: 0, waitingUnits: 0, waitingOrders: 0, incomingUnits: 1,
      }]);
    });

    it('cancels every waiting unit by the rules of a cancellation: allocated units, other items and other lines stay', async () => {
      const { ann, bob, cy } = await placeQueue();
      const eventsBefore = (await events('order.cancelled')).length;
      const done = must(await cancelItemBackorders(store, 'WIDGET', { reason: 'supplier stopped making it' }, 'key:7'));
      expect(done).toEqual({
        sku: 'WIDGET', reason: 'supplier stopped making it',
        cancelled: { lines: 3, units: 6, orders: 3 },
        // Queue order: Cy's priority first, then Ann's and Bob's by time placed.
        orders: [{ orderId: cy.id, externalId: null, units: 1 }, { orderId: ann.id, externalId: null, units: 2 }, { orderId: bob.id, externalId: 'WEB-2', units: 3 }],
      });
      expect(must(await backorderQueue(store, 'WIDGET'))).toEqual([]);
      expect(must(await getItem(store, 'WIDGET'))).toMatchObject({ backordered: 0, allocated: 5, onHand: 5 });
      expect(must(await getOrder(store, ann.id))).toMatchObject({ status: 'open', lines: [{ allocated: 5, backordered: 0, cancelled: 2 }] });
      expect(must(await getOrder(store, bob.id))).toMatchObject({ lines: [{ sku: 'WIDGET', cancelled: 3, backordered: 0 }, { sku: 'GADGET', allocated: 1, cancelled: 0 }] });
      expect(must(await getOrder(store, cy.id))).toMatchObject({ status: 'cancelled', lines: [{ cancelled: 1, backordered: 0 }] });

      const cancelled = (await events('order.cancelled')).slice(eventsBefore);
      expect(cancelled.map((e) => e.payload)).toEqual([
        { orderId: cy.id, externalId: null, customer: { id: null, email: null, name: null }, reason: 'supplier stopped making it', lines: [{ sku: 'WIDGET', quantity: 1 }], whole: false },
        { orderId: ann.id, externalId: null, customer: { id: null, email: 'ann@example.com', name: null }, reason: 'supplier stopped making it', lines: [{ sku: 'WIDGET', quantity: 2 }], whole: false },
        { orderId: bob.id, externalId: 'WEB-2', customer: { id: null, email: 'bob@example.com', name: null }, reason: 'supplier stopped making it', lines: [{ sku: 'WIDGET', quantity: 3 }], whole: false },
      ]);
      // Waiting units hold no stock: the ledger has nothing to say, the KPIs' record of cancelled waits does.
      const movements = await store.read((tx) => tx.listMovements({ limit: 1000 }));
      expect(movements.filter((m) => m.reason === 'cancelled')).toEqual([]);
      const cancellations = await store.read((tx) => (tx as unknown as { db: Kysely<Database> }).db.selectFrom('backorder_cancellations').select(['quantity']).execute());
      expect(cancellations.map((c) => c.quantity).sort()).toEqual([1, 2, 3]);

      const audit = must(await listAuditTrail(store, { subjectType: 'item', subject: 'WIDGET' })).items[0];
      expect(audit).toMatchObject({
        actor: 'key:7', action: 'backorders_cancelled',
        changes: { backordered: { from: 6, to: 0 }, orders: { from: [cy.id, ann.id, bob.id], to: [] }, reason: { from: null, to: 'supplier stopped making it' } },
      });
      // Nothing is left to cancel.
      expectFailure(await cancelItemBackorders(store, 'WIDGET', { reason: 'again' }, 'test'), 'CONFLICT');
    });

    it('answers a retry under the same Idempotency-Key with the first outcome, and cancels nothing more', async () => {
      await placeQueue();
      const first = must(await cancelItemBackorders(store, 'WIDGET', { reason: 'gone' }, 'test', { idempotencyKey: 'bulk-1' }));
      const seq = (await store.read((tx) => tx.listEvents(0, 10_000))).length;
      // A new backorder since: a retry must not cancel it.
      const late = await order(store, { WIDGET: 2 });
      expect(must(await cancelItemBackorders(store, 'WIDGET', { reason: 'gone' }, 'test', { idempotencyKey: 'bulk-1' }))).toEqual(first);
      expect(must(await getOrder(store, late.id)).lines[0]).toMatchObject({ backordered: 2, cancelled: 0 });
      expect((await store.read((tx) => tx.listEvents(0, 10_000))).filter((e) => e.type === 'order.cancelled').length).toBe(3);
      expect((await store.read((tx) => tx.listEvents(0, 10_000))).length).toBeGreaterThan(seq);
      expectFailure(await cancelItemBackorders(store, 'WIDGET', { reason: 'other' }, 'test', { idempotencyKey: 'bulk-1' }), 'IDEMPOTENCY_MISMATCH', 'Idempotency-Key');
      expectFailure(await cancelItemBackorders(store, 'GADGET', { reason: 'gone' }, 'test', { idempotencyKey: 'bulk-1' }), 'IDEMPOTENCY_MISMATCH', 'Idempotency-Key');
    });

    it('refuses bad input naming the field, and writes nothing', async () => {
      await placeQueue();
      const before = await dumpDatabase(store);
      expectFailure(await cancelItemBackorders(store, 'WIDGET', {}, 'test'), 'VALIDATION_FAILED', 'reason');
      expectFailure(await cancelItemBackorders(store, 'WIDGET', { reason: '   ' }, 'test'), 'VALIDATION_FAILED', 'reason');
      expectFailure(await cancelItemBackorders(store, 'WIDGET', { reason: 'x'.repeat(501) }, 'test'), 'VALIDATION_FAILED', 'reason');
      expectFailure(await cancelItemBackorders(store, 'WIDGET', { reason: 'ok', location: 'MAIN' }, 'test'), 'VALIDATION_FAILED', 'location');
      expectFailure(await cancelItemBackorders(store, 'WIDGET', [], 'test'), 'VALIDATION_FAILED', 'body');
      expectFailure(await cancelItemBackorders(store, 'NO SUCH', { reason: 'ok' }, 'test'), 'VALIDATION_FAILED', 'sku');
      expectFailure(await cancelItemBackorders(store, 'NOPE', { reason: 'ok' }, 'test'), 'NOT_FOUND', 'sku');
      expectFailure(await cancelItemBackorders(store, 'WIDGET', { reason: 'ok' }, 'test', { idempotencyKey: '' }), 'VALIDATION_FAILED', 'Idempotency-Key');
      expect(await dumpDatabase(store)).toEqual(before);
    });

    it('is all or nothing: a failure at the last write leaves every order, the queue and the outbox as they were', async () => {
      await placeQueue();
      const db = (store as Store & { db: Kysely<Database> }).db;
      if (dialect === 'sqlite') {
        await sql`create trigger refuse_audit before insert on audit_log begin select raise(abort, 'audit refused'); end`.execute(db);
      } else {
        await sql`create function refuse_audit() returns trigger language plpgsql as $$ begin raise exception 'audit refused'; end $$`.execute(db);
        await sql`create trigger refuse_audit before insert on audit_log for each row execute function refuse_audit()`.execute(db);
      }
      const before = await dumpDatabase(store);
      await expect(cancelItemBackorders(store, 'WIDGET', { reason: 'gone' }, 'test')).rejects.toThrow();
      expect(await dumpDatabase(store)).toEqual(before);
      if (dialect === 'sqlite') await sql`drop trigger refuse_audit`.execute(db);
      else await sql`drop trigger refuse_audit on audit_log`.execute(db);
      expect(must(await cancelItemBackorders(store, 'WIDGET', { reason: 'gone' }, 'test')).cancelled).toEqual({ lines: 3, units: 6, orders: 3 });
    });

    it('runs beside cancellations, placements and receipts of the same orders and items without deadlock or broken invariants', async () => {
      const { bob } = await placeQueue();
      for (let round = 0; round < 3; round += 1) {
        const results = await Promise.all([
          cancelItemBackorders(store, 'WIDGET', { reason: `round ${round}` }, 'test'),
          cancelOrder(store, bob.id, {}, 'test'),
          placeOrder(store, { lines: [{ sku: 'GADGET', quantity: 1 }, { sku: 'WIDGET', quantity: 2 }] }, { actor: 'test' }),
          adjustStock(store, { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'receipt' }, 'test'),
          adjustStock(store, { sku: 'GADGET', location: 'MAIN', delta: 1, reason: 'receipt' }, 'test'),
        ]);
        // Either done, or nothing left for it (the other got there first).
        for (const result of results) if (!result.ok) expect(result.code).toBe('CONFLICT');
        await expectInvariants(store);
      }
    });

    it('cancels a long queue in as many statements as a short one, every order told and every wait recorded', async () => {
      await seedItem(store, 'SHORT', { backorderPolicy: 'allow' });
      await seedItem(store, 'LONG', { backorderPolicy: 'allow' });
      for (let i = 0; i < 3; i += 1) await order(store, { SHORT: 1 });
      // One order waits on two lines of the same item: both are emptied, and its customer hears once.
      const twice = must(await placeOrder(store, { lines: [{ sku: 'LONG', quantity: 1 }, { sku: 'LONG', quantity: 2 }] }, { actor: 'test' }));
      for (let i = 0; i < 59; i += 1) await order(store, { LONG: 1 });
      const eventsBefore = (await events('order.cancelled')).length;
      const short = await countStatements(dialect, async () => must(await cancelItemBackorders(store, 'SHORT', { reason: 'gone' }, 'test')));
      let done!: ItemBackordersCancelled;
      const long = await countStatements(dialect, async () => (done = must(await cancelItemBackorders(store, 'LONG', { reason: 'gone' }, 'test'))));
      // Not a round trip per order or per line: 60 orders take what 3 do.
      expect(long).toBe(short);

      expect(done.cancelled).toEqual({ lines: 61, units: 62, orders: 60 });
      expect(done.orders[0]).toEqual({ orderId: twice.id, externalId: null, units: 3 });
      expect(must(await getOrder(store, twice.id))).toMatchObject({ status: 'cancelled', lines: [{ backordered: 0, cancelled: 1 }, { backordered: 0, cancelled: 2 }] });
      const told = (await events('order.cancelled')).slice(eventsBefore + 3);
      expect(told.map((e) => (e.payload as { orderId: number }).orderId)).toEqual(done.orders.map((o) => o.orderId));
      expect(told[0]?.payload).toMatchObject({ orderId: twice.id, lines: [{ sku: 'LONG', quantity: 3 }], whole: false });
      const db = (store as Store & { db: Kysely<Database> }).db;
      const waits = await db.selectFrom('backorder_cancellations as c').innerJoin('items as i', 'i.id', 'c.item_id').select(['c.line_id', 'c.quantity']).where('i.sku', '=', 'LONG').orderBy('c.id').execute();
      // In the order a cancellation takes them: order by order in the queue, an order's last line first.
      expect(waits.slice(0, 2)).toEqual([{ line_id: twice.lines[1]?.id, quantity: 2 }, { line_id: twice.lines[0]?.id, quantity: 1 }]);
      expect(waits.reduce((sum, w) => sum + w.quantity, 0)).toBe(62);
      expect(must(await getItem(store, 'LONG'))).toMatchObject({ backordered: 0 });
      const statuses = await db.selectFrom('orders').select('status').distinct().where('id', 'in', done.orders.map((o) => o.orderId)).execute();
      expect(statuses).toEqual([{ status: 'cancelled' }]);
    });

    it('frees the backorder limit: the item takes backorders again, and its status change is an event', async () => {
      must(await updateItem(store, 'WIDGET', { backorderLimit: 1 }, 'test'));
      const waiting = await order(store, { WIDGET: 6 });
      expect(must(await getItem(store, 'WIDGET')).status).toBe('out_of_stock');
      expect(must(await cancelItemBackorders(store, 'WIDGET', { reason: 'customer moved' }, 'test')).cancelled).toEqual({ lines: 1, units: 1, orders: 1 });
      expect(must(await getOrder(store, waiting.id)).lines[0]).toMatchObject({ allocated: 5, cancelled: 1, backordered: 0 });
      expect(must(await getItem(store, 'WIDGET')).status).toBe('backorder');
      expect((await events('item.status_changed')).at(-1)?.payload).toMatchObject({ sku: 'WIDGET', previousStatus: 'out_of_stock', status: 'backorder' });
    });
  });
}
