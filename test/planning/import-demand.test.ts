import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDemandHistory } from '../../src/app/planning/get-demand-history.js';
import { DemandRows } from '../../src/app/planning/demand-rows.js';
import { importDemand } from '../../src/app/planning/import-demand.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { dumpDatabase } from '../http/support.js';
import { DIALECTS } from '../support/stores.js';
import { openPlanningWorld, type PlanningWorld } from './planning-fixtures.js';

/** CSV rows as the CLI and the API read them: the header is line 1. */
function csv(columns: readonly string[], lines: readonly (readonly string[])[]): DemandRows {
  const rows = new DemandRows(columns);
  lines.forEach((cells, index) => rows.add(index + 2, cells));
  return rows;
}

const options = { actor: 'test' };

for (const dialect of DIALECTS) {
  describe(`demand import on ${dialect}`, () => {
    let world: PlanningWorld;

    beforeEach(async () => {
      world = await openPlanningWorld(dialect);
      await seedLocation(world.store, 'MAIN');
      await seedItem(world.store, 'WIDGET');
      await seedItem(world.store, 'GADGET');
    });

    afterEach(async () => {
      await world.store.close();
      await world.database.drop();
    });

    it('checks a file naming 70,000 skus and locations it does not know without passing a driver\'s parameter limit', async () => {
      // SQLite binds at most 32,766 parameters per statement and PostgreSQL 65,535: lookups go in chunks.
      const lines = Array.from({ length: 70_000 }, (_, i) => [i % 2 === 0 ? `NO-SUCH-${i}` : 'WIDGET', '2026-01-05', '1', i % 2 === 0 ? 'MAIN' : `L${i}`]);
      const report = await importDemand(world.store, csv(['sku', 'date', 'quantity', 'location'], lines), { ...options, dryRun: true });
      expect(report).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(report)).toMatch(/NO-SUCH-0/);
      expect(await world.store.read((tx) => tx.planning.forecastsOf(Array.from({ length: 70_000 }, (_, i) => i + 1)))).toEqual([]);
    });

    it('imports long-format history; same-day rows add up; a second import of the same file changes nothing', async () => {
      const file = csv(['sku', 'date', 'quantity'], [['WIDGET', '2026-02-27', '3'], ['WIDGET', '2026-02-27', '2'], ['WIDGET', '2026-02-28', '0'], ['GADGET', '2026-03-01', '7']]);
      expect(must(await importDemand(world.store, file, options))).toEqual({ rows: 4, created: 3, updated: 0, unchanged: 0, skipped: [], skippedRows: 0, dryRun: false });
      expect(must(await importDemand(world.store, file, options))).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
      const history = must(await getDemandHistory(world.store, { sku: 'WIDGET', from: '2026-02-27', to: '2026-02-28' }));
      expect(history.buckets.map((b) => [b.start, b.imported, b.total])).toEqual([['2026-02-27', 5, 5], ['2026-02-28', 0, 0]]);
      const corrected = csv(['sku', 'date', 'quantity', 'location'], [['WIDGET', '2026-02-27', '4', ''], ['WIDGET', '2026-02-27', '1', 'MAIN']]);
      expect(must(await importDemand(world.store, corrected, options))).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
      const located = must(await getDemandHistory(world.store, { sku: 'WIDGET', location: 'MAIN', from: '2026-02-27', to: '2026-02-27' }));
      expect(located.buckets[0]?.imported).toBe(1);
      const network = must(await getDemandHistory(world.store, { sku: 'WIDGET', from: '2026-02-27', to: '2026-02-27' }));
      expect(network.buckets[0]?.imported).toBe(5);
    });

    it('refuses days from an item\'s first order on, which Restock already counts', async () => {
      // From an item's first order on, Restock counts its demand itself: those days would count twice.
      await seedItem(world.store, 'BOLT', { backorderPolicy: 'allow' });
      await order(world.store, { BOLT: 1 });
      const firstOrder = world.clock.today();
      world.clock.advanceDays(3);
      const overlap = csv(['sku', 'date', 'quantity'], [['BOLT', '2026-03-01', '4'], ['BOLT', firstOrder, '2'], ['GADGET', firstOrder, '2']]);
      const refused = await importDemand(world.store, overlap, options);
      expect(refused).toMatchObject({ ok: false, details: { problems: [{ line: 3, field: 'date', message: expect.stringMatching(new RegExp(`on or after ${firstOrder}, when Restock began counting the demand of BOLT`)) }] } });
    });

    it('refuses a file with bad rows, naming each line and field, and imports nothing', async () => {
      const before = await dumpDatabase(world.store);
      const file = csv(['sku', 'date', 'quantity'], [
        ['WIDGET', '2026-02-27', '3'],
        ['WIDGET', '2026-02-30', '1'],
        ['WIDGET', '27/02/2026', '1'],
        ['GADGET', '2026-02-27', '-4'],
        ['GADGET', '2026-02-27', '1.5'],
        ['NOPE', '2026-02-27', '1'],
        ['GADGET', '2026-03-09', '1'],
        ['GADGET', '2026-02-27'],
        ['GADGET', '0000-01-01', '1'],
      ]);
      const result = await importDemand(world.store, file, options);
      expect(result).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', message: '8 rows are invalid (of 9); nothing was imported' });
      const problems = (result as { details: { problems: { line: number; field: string | null; message: string }[] } }).details.problems;
      expect(problems.map((p) => [p.line, p.field])).toEqual([[3, 'date'], [4, 'date'], [5, 'quantity'], [6, 'quantity'], [7, 'sku'], [8, 'date'], [9, null], [10, 'date']]);
      expect(problems[2]?.message).toBe('quantity: must not be negative');
      expect(problems[4]?.message).toBe('sku: no item with sku NOPE');
      expect(problems[5]?.message).toMatch(/in the future/);
      expect(problems[7]?.message).toBe('date: 0000-01-01 is before 1900-01-01');
      const today = csv(['sku', 'date', 'quantity'], [['GADGET', world.clock.today(), '1']]);
      const counted = await importDemand(world.store, today, options);
      expect(counted).toMatchObject({ ok: false, details: { problems: [{ line: 2, field: 'date', message: expect.stringMatching(/is today; only days that have ended/) }] } });
      expect(await dumpDatabase(world.store)).toEqual(before);
      // With --skip-invalid the good row goes in and the others are reported.
      const partial = must(await importDemand(world.store, file, { ...options, skipInvalid: true }));
      expect(partial).toMatchObject({ rows: 9, created: 1, skippedRows: 8 });
      expect(partial.skipped.map((p) => p.line)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    });

    it('counts every bad row of a file of thousands but lists the first thousand, so the answer stays small', async () => {
      const before = await dumpDatabase(world.store);
      const lines = Array.from({ length: 5_000 }, (_, i) => (i === 2_500 ? ['WIDGET', '2026-01-05', '2'] : ['WIDGET', '2026-01-05', `${i}.5`]));
      const refused = await importDemand(world.store, csv(['sku', 'date', 'quantity'], lines), options);
      expect(refused).toMatchObject({ ok: false, message: '4999 rows are invalid (of 5000); nothing was imported; the first 1000 are listed', details: { invalidRows: 4_999 } });
      const listed = (refused as { details: { problems: { line: number }[] } }).details.problems;
      expect(listed).toHaveLength(1_000);
      expect([listed[0]?.line, listed[999]?.line]).toEqual([2, 1_001]);
      expect(await dumpDatabase(world.store)).toEqual(before);
      const partial = must(await importDemand(world.store, csv(['sku', 'date', 'quantity'], lines), { ...options, skipInvalid: true }));
      expect(partial).toMatchObject({ rows: 5_000, created: 1, skippedRows: 4_999 });
      expect(partial.skipped).toHaveLength(1_000);
    });

    it('refuses a file without the required columns at line 1, and a dry run writes nothing', async () => {
      expect(await importDemand(world.store, csv(['sku', 'day', 'quantity'], []), options)).toMatchObject({ ok: false, details: { problems: [{ line: 1, field: 'date' }] } });
      const before = await dumpDatabase(world.store);
      const file = csv(['sku', 'date', 'quantity'], [['WIDGET', '2026-02-27', '3']]);
      expect(must(await importDemand(world.store, file, { ...options, dryRun: true }))).toMatchObject({ created: 1, dryRun: true });
      expect(await dumpDatabase(world.store)).toEqual(before);
    });
  });
}
