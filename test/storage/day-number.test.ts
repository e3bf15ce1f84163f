import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { dayNumber } from '../../src/storage/kpi-queries.js';
import { dbOf } from '../support/db-snapshot.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

for (const dialect of DIALECTS) {
  describe(`day numbers in SQL on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
    });
    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    it('counts the days since 1970-01-01 as JavaScript does, across month ends, leap years and centuries', async () => {
      const days = ['1970-01-01', '1999-12-31', '2000-02-28', '2000-02-29', '2000-03-01', '2024-02-29', '2026-01-01', '2026-03-01', '2100-03-01', '2400-02-29', '0001-01-01'];
      // Every day of 2027–2028 too, a leap year among them.
      for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2029, 0, 1); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
      const rows: { day: string; n: number | string }[] = [];
      // SQLite allows 500 terms in one compound select.
      for (let start = 0; start < days.length; start += 200) {
        const values = sql.join(days.slice(start, start + 200).map((day) => sql`select ${day} as day`), sql` union all `);
        rows.push(...(await sql<{ day: string; n: number | string }>`select day, ${dayNumber()} as n from (${values}) as d`.execute(dbOf(store))).rows);
      }
      const expected = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
      expect(rows.map((r) => [r.day, Number(r.n)])).toEqual(days.map((day) => [day, expected(day)]));
    });
  });
}
