import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/storage/backup.js';
import { restoreDatabase } from '../../src/storage/restore.js';
import { dbOf } from '../support/db-snapshot.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS } from '../support/stores.js';

describe.runIf(DIALECTS.includes('postgres'))('a restore into PostgreSQL', () => {
  it('leaves the planner statistics of every table it filled', async () => {
    const source = await createTestDatabase('sqlite');
    const target = await createTestDatabase('postgres');
    const dir = mkdtempSync(join(tmpdir(), 'restock-restore-'));
    try {
      const file = join(dir, 'backup.db');
      let store = await source.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'A', { backorderPolicy: 'allow' });
      await receive(store, 'A', 'MAIN', 3);
      for (let i = 0; i < 5; i += 1) await order(store, { A: 1 });
      await store.close();
      must(await backupDatabase({ sqlitePath: source.sqlitePath }, file));
      const restored = must(await restoreDatabase({ databaseUrl: target.databaseUrl, schema: target.schema }, file));
      const filled = Object.entries(restored.tables).filter(([, rows]) => rows > 0).map(([table]) => table).sort();
      expect(filled).toEqual(expect.arrayContaining(['items', 'movements', 'order_lines', 'orders']));
      store = await target.open();
      try {
        const analyzed = await sql<{ name: string }>`select distinct tablename as name from pg_stats where schemaname = current_schema()`.execute(dbOf(store));
        expect(filled.filter((table) => !analyzed.rows.some((r) => r.name === table))).toEqual([]);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await source.drop();
      await target.drop();
    }
  });
});
