import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrders, type OrderQuery } from '../../src/app/list-orders.js';
import type { Store } from '../../src/app/ports.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { planOf, recordStatements } from '../support/query-plans.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/** Each filter of the orders list, and the index a page of it is read from. */
const FILTERS: readonly { readonly query: OrderQuery; readonly index: string }[] = [
  { query: { customerEmail: 'Ann@Example.com' }, index: 'orders_customer_email' },
  { query: { customerId: 'c-1' }, index: 'orders_customer' },
  { query: { status: 'cancelled' }, index: 'orders_status' },
  { query: { status: 'backordered' }, index: 'orders_status' },
  { query: { sku: 'A' }, index: 'order_lines_item' },
];

for (const dialect of DIALECTS) {
  describe(`the orders list's filters on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'A', { backorderPolicy: 'allow' });
      await seedItem(store, 'B', { backorderPolicy: 'allow' });
      await receive(store, 'A', 'MAIN', 5);
      for (let i = 0; i < 6; i += 1) await order(store, { [i % 2 === 0 ? 'A' : 'B']: 2 }, { customer: { email: `ann${i}@example.com`, id: `c-${i}` } });
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    for (const { query, index } of FILTERS) {
      it(`read a page of ${JSON.stringify(query)} from ${index}, not by walking every order or line`, async () => {
        const ran = await recordStatements(database, async () => must(await listOrders(store, { ...query, limit: 2 })));
        const [page] = ran.filter((s) => /from "orders"/.test(s.sql) && /order by "id" desc/.test(s.sql));
        expect(page, JSON.stringify(ran.map((s) => s.sql))).toBeDefined();
        const plan = (await planOf(database, page!)).join('\n');
        expect(plan, page!.sql).toContain(index);
        expect(plan, page!.sql).not.toMatch(/SCAN (orders|ol)\b|Seq Scan/);
      });
    }
  });
}
