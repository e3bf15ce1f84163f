import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/app/check-invariants.js';
import { getPurchaseOrder } from '../../src/app/purchasing/list-purchase-orders.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { migratorFor, openStore, type OpenedStore } from '../../src/storage/open-store.js';
import { must, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../support/stores.js';
import { orderedPo, seedSupplier } from '../purchasing/purchasing-fixtures.js';

/** The store as migrations before 0025 left it (the schema is the same; only what earlier releases wrote differs). */
async function beforeTheRepair<T>(database: TestDatabase, work: (store: OpenedStore) => Promise<T>): Promise<T> {
  const store = database.dialect === 'sqlite'
    ? await openStore({ sqlitePath: database.sqlitePath, migrate: false })
    : await openStore({ databaseUrl: POSTGRES_URL, schema: database.schema, migrate: false });
  try {
    const { error } = await (await migratorFor(store.db, database.dialect)).migrateTo('0024-line-dates-mailed');
    if (error) throw error;
    return await work(store);
  } finally {
    await store.close();
  }
}

const SOON = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);

for (const dialect of DIALECTS) {
  describe(`purchase-order lines repaired on upgrade, on ${dialect}`, () => {
    it('gives back the cancelled units a receipt brought after all, and closes an order cancelled after goods came as received', async () => {
      const database = await createTestDatabase(dialect);
      try {
        const { damaged, untouched, cancelledAfterGoods, cancelledEmpty } = await beforeTheRepair(database, async (old) => {
          await seedLocation(old, 'MAIN');
          await seedItem(old, 'WIDGET');
          await seedSupplier(old, 'ACME');
          const damaged = await orderedPo(old, 'ACME', [['WIDGET', 10, SOON]]);
          must(await receivePurchaseOrder(old, damaged.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 10 }] }, 'test'));
          const untouched = await orderedPo(old, 'ACME', [['WIDGET', 10, SOON]]);
          must(await receivePurchaseOrder(old, untouched.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 4 }] }, 'test'));
          const cancelledAfterGoods = await orderedPo(old, 'ACME', [['WIDGET', 10, SOON]]);
          must(await receivePurchaseOrder(old, cancelledAfterGoods.id, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 4 }] }, 'test'));
          const cancelledEmpty = await orderedPo(old, 'ACME', [['WIDGET', 10, SOON]]);
          // As earlier releases left them: 10 received on a line whose 10 were cancelled; the other
          // two closed as cancelled, one of them after 4 came.
          await sql`update po_lines set cancelled = 10 where po_id = ${damaged.id}`.execute(old.db);
          await sql`update po_lines set cancelled = 6 where po_id = ${untouched.id}`.execute(old.db);
          await sql`update po_lines set cancelled = 6 where po_id = ${cancelledAfterGoods.id}`.execute(old.db);
          await sql`update po_lines set cancelled = 10 where po_id = ${cancelledEmpty.id}`.execute(old.db);
          await sql`update purchase_orders set status = 'cancelled' where id in (${cancelledAfterGoods.id}, ${cancelledEmpty.id})`.execute(old.db);
          return { damaged, untouched, cancelledAfterGoods, cancelledEmpty };
        });
        const store = await database.open();
        try {
          const po = async (id: number) => must(await getPurchaseOrder(store, id));
          expect((await po(damaged.id)).lines[0]).toMatchObject({ quantity: 10, received: 10, cancelled: 0 });
          // A line received 4 and cancelled 6 was right, and stays.
          expect((await po(untouched.id)).lines[0]).toMatchObject({ received: 4, cancelled: 6 });
          expect(await po(cancelledAfterGoods.id)).toMatchObject({ status: 'received' });
          expect(await po(cancelledEmpty.id)).toMatchObject({ status: 'cancelled' });
          expect(await checkInvariants(store)).toEqual([]);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });
  });
}
