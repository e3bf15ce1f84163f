import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { order, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

for (const dialect of DIALECTS) {
  describe(`every waiting line, page by page, on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      for (const sku of ['A', 'B', 'C']) await seedItem(store, sku, { backorderPolicy: 'allow' });
    });

    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    it("numbers each line over its item's whole queue, whichever page it falls on", async () => {
      // Lines of three items interleaved, with priorities that put later lines ahead of earlier ones.
      const plan: [string, number, number][] = [['A', 2, 0], ['B', 1, 0], ['A', 3, 5], ['C', 4, 0], ['B', 2, 9], ['A', 1, 0], ['C', 1, 5], ['B', 5, 0], ['A', 2, 9]];
      for (const [sku, quantity, priority] of plan) await order(store, { [sku]: quantity }, { priority });
      const pages: { lineId: number; position: number; unitsAhead: number }[][] = [];
      let after: number | undefined;
      for (;;) {
        const page = await store.read((tx) => tx.listBackorders({ limit: 2, ...(after === undefined ? {} : { afterLineId: after }) }));
        if (page.length === 0) break;
        pages.push(page.map((r) => ({ lineId: r.lineId, position: r.position, unitsAhead: r.unitsAhead })));
        after = page.at(-1)?.lineId;
      }
      expect(pages.map((p) => p.length)).toEqual([2, 2, 2, 2, 1]);
      // The same places as each item's own queue gives.
      const expected = new Map<number, { position: number; unitsAhead: number }>();
      const items = await store.read((tx) => tx.findItems(['A', 'B', 'C']));
      for (const item of items) {
        let ahead = 0;
        (await store.read((tx) => tx.queueOf(item.id))).forEach((row, index) => {
          expected.set(row.lineId, { position: index + 1, unitsAhead: ahead });
          ahead += row.backordered;
        });
      }
      const listed = pages.flat();
      expect(listed.map((r) => r.lineId)).toEqual([...listed.map((r) => r.lineId)].sort((a, b) => a - b));
      expect(listed.map((r) => ({ lineId: r.lineId, position: r.position, unitsAhead: r.unitsAhead })))
        .toEqual(listed.map((r) => ({ lineId: r.lineId, ...expected.get(r.lineId) })));
      expect(listed.find((r) => r.position === 1 && r.unitsAhead === 0)).toBeDefined();
      expect(new Set(listed.map((r) => r.position)).size).toBeGreaterThan(2);
    });
  });
}
