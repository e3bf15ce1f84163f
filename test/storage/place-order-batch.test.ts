import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/app/check-invariants.js';
import type { OrderView } from '../../src/app/order-view.js';
import { placeOrderBatch } from '../../src/app/place-order-batch.js';
import { placePrepared, prepareOrder, type PreparedOrder } from '../../src/app/place-order.js';
import { PlacementBatcher } from '../../src/app/placement-batcher.js';
import type { Store } from '../../src/app/ports.js';
import type { Result } from '../../src/app/result.js';
import { dbOf } from '../support/db-snapshot.js';
import { must, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

const ACTOR = 'batch-test';

function prepared(input: object, idempotencyKey?: string): PreparedOrder {
  return must(prepareOrder(input, { actor: ACTOR, idempotencyKey }));
}

/** What a placement answered, without ids and times (they differ between two databases). */
function outcome(result: Result<OrderView>): unknown {
  if (!result.ok) return { code: result.code, lines: (result.details as { lines?: unknown } | null)?.lines ?? null };
  return { status: result.value.status, lines: result.value.lines.map((l) => ({ sku: l.sku, allocated: l.allocated, backordered: l.backordered, cancelled: l.cancelled, allocations: l.allocations })) };
}

async function seed(store: Store): Promise<void> {
  await seedLocation(store, 'MAIN', 0);
  await seedLocation(store, 'EAST', 1);
  await seedItem(store, 'A', { backorderPolicy: 'allow', backorderLimit: 6 });
  await seedItem(store, 'B', { backorderPolicy: 'deny' });
  await seedItem(store, 'C', { backorderPolicy: 'allow' });
  await receive(store, 'A', 'MAIN', 5);
  await receive(store, 'A', 'EAST', 2);
  await receive(store, 'B', 'EAST', 4);
}

async function stockOf(store: Store): Promise<unknown> {
  return dbOf(store).selectFrom('stock_levels').select(['item_id', 'location_id', 'on_hand', 'allocated']).orderBy('item_id').orderBy('location_id').execute();
}

const orderArb = fc.record({
  lines: fc.uniqueArray(fc.record({ sku: fc.constantFrom('A', 'B', 'C', 'NOPE'), quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3, selector: (l) => l.sku }),
  shortage: fc.constantFrom('backorder', 'partial', 'in_stock_only'),
  priority: fc.integer({ min: 0, max: 2 }),
  key: fc.option(fc.constantFrom('k1', 'k2'), { nil: undefined }),
});

for (const dialect of DIALECTS) {
  describe(`placing orders in one batch on ${dialect}`, () => {
    let one: TestDatabase;
    let other: TestDatabase;
    let batched: Store;
    let single: Store;

    beforeEach(async () => {
      one = await createTestDatabase(dialect);
      other = await createTestDatabase(dialect);
      batched = await one.open();
      single = await other.open();
    });

    afterEach(async () => {
      await batched.close();
      await single.close();
      await one.drop();
      await other.drop();
    });

    it('answers and writes exactly what placing the same orders one by one does', async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(orderArb, { minLength: 1, maxLength: 12 }), async (orders) => {
          const [a, b] = [await createTestDatabase(dialect), await createTestDatabase(dialect)];
          const [inBatch, oneByOne] = [await a.open(), await b.open()];
          try {
            await seed(inBatch);
            await seed(oneByOne);
            const requests = orders.map((o) => prepared({ lines: o.lines, shortage: o.shortage, priority: o.priority }, o.key));
            const together = await placeOrderBatch(inBatch, requests);
            const apart: Result<OrderView>[] = [];
            for (const request of requests) apart.push(await placePrepared(oneByOne, request));
            expect(together.map(outcome)).toEqual(apart.map(outcome));
            expect(await stockOf(inBatch)).toEqual(await stockOf(oneByOne));
            expect(await checkInvariants(inBatch)).toEqual([]);
          } finally {
            await inBatch.close();
            await oneByOne.close();
            await a.drop();
            await b.drop();
          }
        }),
        { numRuns: Number(process.env['RESTOCK_PROPERTY_RUNS'] ?? 40) / 4 },
      );
    });

    it('gives a repeated idempotency key the first order, and refuses it for a different request', async () => {
      await seed(batched);
      const results = await placeOrderBatch(batched, [
        prepared({ lines: [{ sku: 'A', quantity: 1 }] }, 'same'),
        prepared({ lines: [{ sku: 'A', quantity: 1 }] }, 'same'),
        prepared({ lines: [{ sku: 'A', quantity: 2 }] }, 'same'),
      ]);
      const [first, again, different] = results;
      expect(first?.ok && again?.ok && again.value.id === first.value.id).toBe(true);
      expect(different).toMatchObject({ ok: false, code: 'IDEMPOTENCY_MISMATCH' });
      expect(await dbOf(batched).selectFrom('orders').select('id').execute()).toHaveLength(1);
    });

    it('commits many concurrent orders in far fewer transactions, never overselling a hot sku', async () => {
      await seed(batched);
      let transactions = 0;
      const counting: Store = { ...batched, transaction: (work) => { transactions += 1; return batched.transaction(work); } };
      const batcher = new PlacementBatcher(counting, { maxBatch: 50, concurrency: dialect === 'postgres' ? 4 : 1 });
      const results = await Promise.all(Array.from({ length: 120 }, (_, i) => batcher.place({ lines: [{ sku: 'B', quantity: 1 }], externalId: `hot-${i}` }, { actor: ACTOR })));
      expect(results.filter((r) => r.ok)).toHaveLength(4); // B: 4 on hand, backorders denied
      expect(results.filter((r) => !r.ok && r.code === 'OUT_OF_STOCK')).toHaveLength(116);
      expect(transactions).toBeLessThan(20);
      expect(batcher.waiting).toBe(0);
      expect(await checkInvariants(batched)).toEqual([]);
    });

    it('places the orders of a failed batch one by one, and fails them all at once when the database is unavailable', async () => {
      await seed(batched);
      // The first order of a burst goes alone (call 1); the rest queue behind it and form one batch (call 2).
      const burst = async (failure: Error) => {
        let calls = 0;
        const flaky: Store = {
          ...batched,
          transaction: (work) => (++calls === 2 ? Promise.reject(failure) : batched.transaction(work)),
        };
        const batcher = new PlacementBatcher(flaky, { maxBatch: 50, concurrency: 1 });
        const settled = await Promise.allSettled(Array.from({ length: 10 }, () => batcher.place({ lines: [{ sku: 'C', quantity: 1 }] }, { actor: ACTOR })));
        return { settled, calls };
      };
      const bug = await burst(new Error('a bug in one order'));
      expect(bug.settled.every((r) => r.status === 'fulfilled' && r.value.ok)).toBe(true);
      expect(bug.calls).toBe(1 + 1 + 9); // alone, the failed batch, then each of its nine again
      const down = await burst(Object.assign(new Error('the database is unavailable'), { name: 'StorageUnavailable' }));
      expect(down.settled.map((r) => r.status)).toEqual(['fulfilled', ...Array.from({ length: 9 }, () => 'rejected')]);
      expect(down.calls).toBe(2);
      const placed = await dbOf(batched).selectFrom('order_lines').select((eb) => eb.fn.sum<number>('backordered').as('units')).executeTakeFirst();
      expect(Number(placed?.units)).toBe(11); // 10 + 1: nothing of the refused batch was written
      expect(await checkInvariants(batched)).toEqual([]);
    });
  });
}
