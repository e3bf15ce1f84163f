import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { runCompiled } from '../../src/storage/compiled-queries.js';
import { dbOf } from '../support/db-snapshot.js';
import { seedItem } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * Queries compiled once and run many times (src/storage/compiled-queries.ts): every run binds its
 * own values, lists of another length get their own SQL, and a query that would keep a value of
 * the call that compiled it is refused.
 */

for (const dialect of DIALECTS) {
  describe(`compiled queries on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      for (const sku of ['A', 'B', 'C', 'D']) await seedItem(store, sku);
    });

    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    const skusOf = async (name: string, skus: readonly string[]) => {
      const db = dbOf(store);
      const { rows } = await runCompiled(db, dialect, name, { skus: [...skus] }, (v) => db.selectFrom('items').select('sku').where('sku', 'in', v.skus).orderBy('sku'));
      return rows.map((r) => r.sku);
    };

    it('binds the values of each run, whatever the first run was', async () => {
      expect(await skusOf('by-sku', ['A'])).toEqual(['A']);
      expect(await skusOf('by-sku', ['C'])).toEqual(['C']);
      expect(await skusOf('by-sku', ['D', 'B', 'A'])).toEqual(['A', 'B', 'D']);
      expect(await skusOf('by-sku', ['C', 'C', 'D'])).toEqual(['C', 'D']);
      expect(await skusOf('by-sku', ['B', 'C'])).toEqual(['B', 'C']);
    });

    it('binds every column of every row of an insert', async () => {
      const db = dbOf(store);
      const item = (sku: string, price: number) => ({
        sku, name: `name ${sku}`, unit_price: price, unit_cost: 1, backorder_policy: 'deny', backorder_limit: null, low_stock_threshold: 0,
        lead_time_days: 14, substitutes: '[]', discontinued: 0, created_at: 't', updated_at: 't',
      });
      const insert = (rows: ReturnType<typeof item>[]) => runCompiled(db, dialect, 'insert-items', { rows }, (v) => db.insertInto('items').values(v.rows));
      await insert([item('E', 5), item('F', 6)]);
      await insert([item('G', 7), item('H', 8)]);
      const rows = await db.selectFrom('items').select(['sku', 'name', 'unit_price']).where('sku', 'in', ['E', 'F', 'G', 'H']).orderBy('sku').execute();
      expect(rows).toEqual([
        { sku: 'E', name: 'name E', unit_price: 5 },
        { sku: 'F', name: 'name F', unit_price: 6 },
        { sku: 'G', name: 'name G', unit_price: 7 },
        { sku: 'H', name: 'name H', unit_price: 8 },
      ]);
    });

    it('refuses a query holding a value that is not a placeholder', async () => {
      const db = dbOf(store);
      const captured = 'A';
      await expect(runCompiled(db, dialect, 'captured', { sku: 'B' }, () => db.selectFrom('items').select('sku').where('sku', '=', captured))).rejects.toThrow(
        /not a placeholder/,
      );
    });
  });
}
