import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getItem } from '../../src/app/get-item.js';
import { importItems } from '../../src/app/import-items.js';
import { updateItem } from '../../src/app/manage-items.js';
import { importRowsFromCsv } from '../../src/app/import-rows-from-csv.js';
import type { Store, UnitOfWork } from '../../src/app/ports.js';
import { dumpDatabase } from '../http/support.js';
import { orderedPo, seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * An items import that discontinues an item customers still wait for (or that is still on order)
 * warns as PATCH /items/{sku} does, per row with its line, and counts what waits only for the
 * rows that discontinue something.
 */
for (const dialect of DIALECTS) {
  describe(`an items import that discontinues what customers wait for on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
    const importCsv = async (text: string, options: { dryRun?: boolean; skipInvalid?: boolean } = {}, into: Store = store) => {
      const csv = must(importRowsFromCsv(text));
      return importItems(into, csv.columns, csv.rows, { actor: 'test', ...options });
    };

    beforeEach(async () => {
      tick = 0;
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
      await seedLocation(store, 'MAIN');
      for (const sku of ['WIDGET', 'GADGET', 'BOLT', 'NUT']) await seedItem(store, sku, { backorderPolicy: 'allow' });
      await receive(store, 'WIDGET', 'MAIN', 5);
      // WIDGET: 6 units wait on 3 lines of 3 orders, 4 are on order. GADGET: only on order. BOLT: 1 waits, none on order.
      await order(store, { WIDGET: 7 });
      await order(store, { WIDGET: 3, BOLT: 1 });
      await order(store, { WIDGET: 1 });
      await seedSupplier(store, 'ACME');
      await seedLink(store, 'WIDGET', 'ACME');
      await seedLink(store, 'GADGET', 'ACME');
      await orderedPo(store, 'ACME', [['WIDGET', 4, '2026-01-20'], ['GADGET', 2, '2026-01-20']]);
    });

    afterEach(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    const file = [
      'sku,name,discontinued',
      'WIDGET,Widget,true',
      'NUT,Nut,true',
      'BOLT,Bolt M6,false',
      'NEW-1,New,true',
      'GADGET,Gadget,yes',
    ].join('\n');

    it('reports updateItem\'s warning for each row that discontinues such an item, with its line and sku', async () => {
      const report = must(await importCsv(file));
      expect(report).toMatchObject({ rows: 5, created: 1, updated: 4, unchanged: 0, skipped: [], dryRun: false });
      expect(report.warnings).toEqual([
        {
          line: 2, sku: 'WIDGET', code: 'DISCONTINUED_WITH_BACKORDERS',
          message: 'WIDGET is discontinued, but 6 units on 3 lines of 3 orders still wait for it: 4 units are still on open purchase orders, which fill them in queue order; any beyond those wait until more is ordered. Cancel the waiting backorders (each customer is told) or let them wait.',
          waitingLines: 3, waitingUnits: 6, waitingOrders: 3, incomingUnits: 4,
        },
        {
          line: 6, sku: 'GADGET', code: 'DISCONTINUED_WITH_INCOMING',
          message: 'GADGET is discontinued, but 2 units are still on open purchase orders: cancel them with the supplier if they should not come.',
          waitingLines: 0, waitingUnits: 0, waitingOrders: 0, incomingUnits: 2,
        },
      ]);
      expect(must(await getItem(store, 'WIDGET')).discontinued).toBe(true);
      // Already discontinued: nothing is changed and nothing said.
      expect(must(await importCsv(file))).toMatchObject({ unchanged: 5, warnings: [] });
      // What PATCH answers for the same change, word for word.
      const bolt = 'sku,discontinued\nBOLT,true';
      const dry = must(await importCsv(bolt, { dryRun: true }));
      const patched = must(await updateItem(store, 'BOLT', { discontinued: true }, 'test'));
      expect(dry.warnings).toEqual(patched.warnings.map((w) => ({ line: 2, sku: 'BOLT', ...w })));
      expect(patched.warnings).toHaveLength(1);
    });

    it('warns in a dry run, which writes nothing, and under --skip-invalid keeps only the imported rows\' warnings', async () => {
      const before = await dumpDatabase(store);
      const dry = must(await importCsv(file, { dryRun: true }));
      expect(dry).toMatchObject({ dryRun: true, updated: 4 });
      expect(dry.warnings.map((w) => [w.line, w.sku, w.code])).toEqual([[2, 'WIDGET', 'DISCONTINUED_WITH_BACKORDERS'], [6, 'GADGET', 'DISCONTINUED_WITH_INCOMING']]);
      expect(await dumpDatabase(store)).toEqual(before);

      // WIDGET's row fails (a bad lead time), so its discontinuation is neither made nor warned of.
      const withBadRow = 'sku,leadTimeDays,discontinued\nWIDGET,-1,true\nBOLT,,true';
      const refused = await importCsv(withBadRow);
      expect(refused).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      const skipped = must(await importCsv(withBadRow, { skipInvalid: true }));
      expect(skipped.skipped.map((p) => p.line)).toEqual([2]);
      expect(skipped.warnings.map((w) => [w.line, w.sku, w.waitingUnits])).toEqual([[3, 'BOLT', 1]]);
      expect(must(await getItem(store, 'WIDGET')).discontinued).toBe(false);
    });

    it('reads what waits for an item only for a row that discontinues it: no more than PATCH /items/{sku} would, row by row', async () => {
      const calls = new Map<string, number>();
      const watched = watching(store, calls);
      const waitingReads = async (work: () => Promise<unknown>) => {
        calls.clear();
        await work();
        return { reads: (calls.get('waitingLinesOf') ?? 0) + (calls.get('incomingSupplyOf') ?? 0), transactions: calls.get('transaction') ?? 0 };
      };
      const skus = ['WIDGET', 'GADGET', 'BOLT', 'NUT'];
      // Renaming warns of nothing, so costs no read for a warning: as many as the PATCHes' own (settling the queue).
      const patchedRenames = await waitingReads(async () => {
        for (const sku of skus) must(await updateItem(watched, sku, { name: `${sku} renamed` }, 'test'));
      });
      const importedRenames = await waitingReads(async () => {
        expect(must(await importCsv(['sku,name', ...skus.map((sku) => `${sku},${sku} renamed again`)].join('\n'), {}, watched))).toMatchObject({ updated: 4, warnings: [] });
      });
      expect(importedRenames.reads).toBeLessThanOrEqual(patchedRenames.reads);
      expect(importedRenames.transactions).toBe(1);
      const discontinuing = ['sku,discontinued', ...skus.map((sku) => `${sku},true`)].join('\n');
      const importedDiscontinuations = await waitingReads(async () => {
        expect(must(await importCsv(discontinuing, { dryRun: true }, watched)).warnings).toHaveLength(3);
      });
      const patchedDiscontinuations = await waitingReads(async () => {
        for (const sku of skus) must(await updateItem(watched, sku, { discontinued: true }, 'test'));
      });
      expect(importedDiscontinuations.reads).toBeLessThanOrEqual(patchedDiscontinuations.reads);
      expect(importedDiscontinuations.transactions).toBe(1);
    });
  });
}

/** The store with every call of a unit-of-work method (and each transaction) counted by name. */
function watching(store: Store, calls: Map<string, number>): Store {
  const count = (name: string) => calls.set(name, (calls.get(name) ?? 0) + 1);
  const watch = (tx: UnitOfWork): UnitOfWork => new Proxy(tx, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof name !== 'string' || typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        count(name);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    dialect: store.dialect,
    transaction: (work) => {
      count('transaction');
      return store.transaction((tx) => work(watch(tx)));
    },
    read: (work) => store.read((tx) => work(watch(tx))),
    snapshot: (work) => store.snapshot((tx) => work(watch(tx))),
    close: () => store.close(),
  };
}
