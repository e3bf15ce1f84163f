import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { must, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/** More keys than SQLite (32,766) or PostgreSQL (65,535) binds in one statement: a stock import of a large catalogue locks them all. */
const MANY = 70_000;

for (const dialect of DIALECTS) {
  describe(`item locks and stock reads over a whole large catalogue on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      for (const sku of ['A', 'B', 'C']) await seedItem(store, sku);
      await receive(store, 'C', 'MAIN', 4);
      await receive(store, 'A', 'MAIN', 2);
    });

    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    it(`locks and reads ${MANY} item ids at once, in id order, as for a few`, async () => {
      const items = must(await store.read(async (tx) => ({ ok: true as const, value: await tx.findItems(['A', 'B', 'C']) })));
      const known = items.map((i) => i.id);
      // The known ids among tens of thousands of others, out of order and repeated.
      const ids = [...Array.from({ length: MANY }, (_, i) => 1_000_000 + i).reverse(), ...known, ...known];
      const { locked, stocks } = await store.transaction(async (tx) => ({ locked: await tx.lockItems(ids), stocks: await tx.stocksOf(ids) }));
      expect(locked.map((i) => i.sku)).toEqual(['A', 'B', 'C']);
      expect(stocks.map((s) => [known.indexOf(s.itemId), s.onHand])).toEqual([[0, 2], [2, 4]]);
    });
  });
}
