import { sql, type Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { getKpis } from '../../src/app/get-kpis.js';
import { getOrder } from '../../src/app/get-order.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import type { Result } from '../../src/app/result.js';
import type { OrderView } from '../../src/app/order-view.js';
import { rebuildItemDays } from '../../src/storage/item-day-rollup.js';
import type { Database } from '../../src/storage/schema.js';
import { dbOf } from '../support/db-snapshot.js';
import { expectInvariants, must, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { keptAndRebuiltItemDays } from '../support/item-days.js';
import { createTestDatabase, DIALECTS } from '../support/stores.js';

const orderIdOf = (result: Result<OrderView>) => (result.ok ? result.value.id : (result.details as { orderId: number }).orderId);

/** The orders as releases before 0026 wrote them: nobody marked superseded, every attempt counted in the daily totals. */
async function countedAsBefore(db: Kysely<Database>): Promise<void> {
  await sql`update orders set superseded_by = null`.execute(db);
  await rebuildItemDays(db);
}

/** And the schema as before 0026. */
async function asBeforeTheUpgrade(db: Kysely<Database>): Promise<void> {
  await sql`drop index orders_superseded`.execute(db);
  await sql`alter table orders drop column superseded_by`.execute(db);
  await as0026Unrecorded(db);
}

/** 0026 not recorded as run, nor any migration after it (their schema undone: 0027 and 0028 add indexes). */
async function as0026Unrecorded(db: Kysely<Database>): Promise<void> {
  for (const index of ['line_allocations_location', 'orders_customer_email', 'orders_customer', 'orders_status', 'order_lines_item']) {
    await sql`drop index if exists ${sql.id(index)}`.execute(db);
  }
  await sql`delete from kysely_migration where name >= '0026-superseded-rejections'`.execute(db);
}

for (const dialect of DIALECTS) {
  describe(`rejections placed again before the upgrade, on ${dialect}`, () => {
    it('are marked superseded by the next order under their external id and leave the daily totals, once', async () => {
      const database = await createTestDatabase(dialect);
      let now = '2026-03-01T08:00:00.000Z';
      const open = () => database.open({ clock: () => new Date(now) });
      const kpis = async (store: Store) => must(await getKpis(store, { from: '2026-03-01', until: '2026-03-05', sku: ['STRICT'] }, new Date('2026-03-10T00:00:00Z'))).overall;
      try {
        let store = await open();
        await seedLocation(store, 'MAIN');
        await seedItem(store, 'STRICT', { unitPrice: 300, backorderPolicy: 'deny' });
        await receive(store, 'STRICT', 'MAIN', 3);
        const place = (body: Record<string, unknown>) => placeOrder(store, body, { actor: 'shop' });
        now = '2026-03-02T10:00:00.000Z';
        const first = await place({ externalId: 'web-1', lines: [{ sku: 'STRICT', quantity: 5 }] });
        const standing = await place({ externalId: 'web-2', lines: [{ sku: 'STRICT', quantity: 9 }] });
        const anonymous = await place({ lines: [{ sku: 'STRICT', quantity: 7 }] });
        now = '2026-03-03T10:00:00.000Z';
        const second = await place({ externalId: 'web-1', lines: [{ sku: 'STRICT', quantity: 4 }] });
        const accepted = must(await place({ externalId: 'web-1', lines: [{ sku: 'STRICT', quantity: 2 }] }));
        const counted = { unitsRequested: 9 + 7 + 2, lostUnits: 9 + 7, lostRevenue: 16 * 300, orders: 3 };
        expect(await kpis(store)).toMatchObject(counted);
        const { kept: rightTotals } = await keptAndRebuiltItemDays(store);

        await countedAsBefore(dbOf(store));
        expect(await kpis(store)).toMatchObject({ unitsRequested: 5 + 9 + 7 + 4 + 2, lostUnits: 5 + 9 + 7 + 4, orders: 5 });
        await asBeforeTheUpgrade(dbOf(store));
        await store.close();
        store = await open();
        const supersededBy = async (result: Result<OrderView>) => must(await getOrder(store, orderIdOf(result))).supersededBy;
        expect([await supersededBy(first), await supersededBy(second), await supersededBy(standing), await supersededBy(anonymous)])
          .toEqual([orderIdOf(second), accepted.id, null, null]);
        expect(await kpis(store)).toMatchObject(counted);
        const { kept, rebuilt } = await keptAndRebuiltItemDays(store);
        expect(kept).toEqual(rightTotals);
        expect(rebuilt).toEqual(rightTotals);
        await expectInvariants(store);
        await store.close();
      } finally {
        await database.drop();
      }
    });
  });
}

// SQLite runs a migration outside a transaction: 0026 commits as a whole, and a start after a
// process stopped between that commit and the migration's record finds it done.
for (const dialect of DIALECTS.filter((d) => d === 'sqlite')) {
  describe(`0026 run again on ${dialect}`, () => {
    it('takes nothing out of the daily totals twice', async () => {
      const database = await createTestDatabase(dialect);
      try {
        let store = await database.open();
        await seedLocation(store, 'MAIN');
        await seedItem(store, 'STRICT', { backorderPolicy: 'deny' });
        must(await placeOrder(store, { externalId: 'web-1', lines: [{ sku: 'STRICT', quantity: 1 }], shortage: 'partial' }, { actor: 'shop' }));
        const rejected = await placeOrder(store, { externalId: 'web-2', lines: [{ sku: 'STRICT', quantity: 5 }] }, { actor: 'shop' });
        await receive(store, 'STRICT', 'MAIN', 5);
        const accepted = must(await placeOrder(store, { externalId: 'web-2', lines: [{ sku: 'STRICT', quantity: 5 }] }, { actor: 'shop' }));
        const before = await keptAndRebuiltItemDays(store);
        expect(before.kept).toEqual(before.rebuilt);
        await as0026Unrecorded(dbOf(store));
        await store.close();
        store = await database.open();
        expect(await keptAndRebuiltItemDays(store)).toEqual(before);
        expect(must(await getOrder(store, orderIdOf(rejected))).supersededBy).toBe(accepted.id);
        await store.close();
      } finally {
        await database.drop();
      }
    });
  });
}
