import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listMovements, type MovementQuery } from '../../src/app/list-movements.js';
import type { Store } from '../../src/app/ports.js';
import { must, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { planOf, recordStatements } from '../support/query-plans.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/** Periods in the newer half of the ledger (four days of movements). */
const QUERIES: readonly MovementQuery[] = [
  { kind: 'adjustment', since: '2026-03-03' },
  { kind: 'adjustment', since: '2026-03-03', until: '2026-03-04', order: 'newest' },
];
/** A period that takes most of the ledger, read without the bound. */
const LONG_PERIOD: MovementQuery = { kind: 'adjustment', since: '2026-03-02', until: '2026-03-04', order: 'newest' };

for (const dialect of DIALECTS) {
  describe(`the movements list over a period on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let now = new Date('2026-03-01T08:00:00.000Z');

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open({ clock: () => now });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'A');
      for (let day = 0; day < 4; day += 1) {
        now = new Date(Date.UTC(2026, 2, 1 + day, 8));
        for (let i = 0; i < 4; i += 1) await receive(store, 'A', 'MAIN', 1 + i);
      }
    });

    afterAll(async () => {
      await store.close();
      await database.drop();
    });

    for (const query of QUERIES) {
      it(`starts ${JSON.stringify(query)} at the period's first id, not at the ledger's`, async () => {
        const ran = await recordStatements(database, async () => must(await listMovements(store, { ...query, limit: 2 })));
        const [page] = ran.filter((s) => /from "movements" as "m"/.test(s.sql));
        expect(page, JSON.stringify(ran.map((s) => s.sql))).toBeDefined();
        // At scale PostgreSQL reads a page of the ledger in id order up to its limit (the review's plan
        // walked movements_pkey from the first id past 968k older rows), not sorted from the time index.
        const plan = (await planOf(database, page!, ['sort', 'bitmapscan'])).join('\n');
        // The ledger is read by id from the period's bounds; the bounds from the time index.
        if (dialect === 'sqlite') {
          expect(plan, page!.sql).toContain(query.until === undefined ? 'SEARCH m USING INTEGER PRIMARY KEY (rowid>?)' : 'SEARCH m USING INTEGER PRIMARY KEY (rowid>? AND rowid<?)');
          expect(plan, page!.sql).toMatch(/USING COVERING INDEX movements_time/);
        } else {
          const bounds = query.until === undefined ? /Index Cond: \(id >= \$\d+\)/ : /Index Cond: \(\(id >= \$\d+\) AND \(id <= \$\d+\)\)/;
          expect(plan, page!.sql).toMatch(/Index Scan (Backward )?using movements_pkey on movements m\n/);
          expect(plan, page!.sql).toMatch(bounds);
          expect(plan, page!.sql).toMatch(/movements_time/);
        }
      });
    }

    it('lists exactly the period\'s movements of the kind, in either order, page by page', async () => {
      for (const query of [...QUERIES, LONG_PERIOD]) {
        const seen: number[] = [];
        let cursor: string | undefined;
        do {
          const page = must(await listMovements(store, { ...query, limit: 3, cursor }));
          seen.push(...page.items.map((m) => m.id));
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        const all = must(await listMovements(store, { kind: query.kind, limit: 100 })).items;
        const expected = all.filter((m) => m.createdAt >= `${query.since}T00:00:00.000Z` && (query.until === undefined || m.createdAt < `${query.until}T00:00:00.000Z`)).map((m) => m.id);
        expect(seen).toEqual(query.order === 'newest' ? expected.reverse() : expected);
        expect(seen.length).toBeGreaterThan(0);
      }
    });
  });
}
