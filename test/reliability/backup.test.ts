import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { dbOf } from '../support/db-snapshot.js';
import { order } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { builtCli, runCheck, runCli } from './support/built-cli.js';
import { apiClient } from './support/http-client.js';
import { Journal, runMixedLoad, seedLoadCatalogue, seededRandom } from './support/mixed-load.js';
import { startServed, type ServedProcess } from './support/served.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Rows per data table (Kysely's own tables left out), from a store opened on the database. */
async function rowCounts(store: Store): Promise<Record<string, number>> {
  const db = dbOf(store);
  const names = store.dialect === 'sqlite'
    ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)).rows
    : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)).rows;
  const counts: Record<string, number> = {};
  for (const { name } of names.filter((n) => !n.name.startsWith('kysely_')).sort((a, b) => a.name.localeCompare(b.name))) {
    counts[name] = Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(name)}`.execute(db)).rows[0]?.n);
  }
  return counts;
}

interface BackupReport {
  readonly format: string;
  readonly tables: Record<string, number>;
}

for (const dialect of DIALECTS) {
  describe(`backup and restore of a ${dialect} database`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'restock-backup-'));
    const file = join(dir, `restock-${dialect}.backup`);
    const databases: TestDatabase[] = [];
    let source: TestDatabase;
    let served: ServedProcess | undefined;
    let report: BackupReport;

    beforeAll(async () => {
      await builtCli();
    }, 300_000);

    afterAll(async () => {
      await served?.kill();
      for (const database of databases) await database.drop();
      rmSync(dir, { recursive: true, force: true });
    });

    it('backs up online, while a mixed load writes, into a consistent file', async () => {
      source = await createTestDatabase(dialect);
      databases.push(source);
      const adminKey = `rk_backup_${randomBytes(16).toString('hex')}`;
      served = await startServed({ ...source.env, RESTOCK_ADMIN_KEY: adminKey });
      const client = apiClient(served.url, adminKey);
      const catalogue = await seedLoadCatalogue(client, 'BK');
      const journal = new Journal(`backup-${dialect}`);
      const load = runMixedLoad(client, catalogue, journal, { workers: 6, random: seededRandom(7) });
      await sleep(1_500);
      const before = journal.requests;
      const backup = await runCli(source.env, '--json', 'backup', file);
      const during = journal.requests - before;
      await sleep(500);
      await load.stop();
      expect(backup.code, backup.stderr).toBe(0);
      report = JSON.parse(backup.stdout) as BackupReport;
      expect(report.format).toBe(dialect === 'sqlite' ? 'sqlite' : 'jsonl');
      expect(report.tables['orders']).toBeGreaterThan(0);
      // The load really ran across the backup, and never failed.
      expect(during).toBeGreaterThan(0);
      expect(journal.unexpected).toEqual([]);
      expect((await runCli(source.env, '--json', 'backup', file)).stderr).toMatch(/"code": "CONFLICT"/);
      console.log(JSON.stringify({ test: 'backup', dialect, requestsDuringBackup: during, rows: Object.values(report.tables).reduce((a, b) => a + b, 0) }));
    }, 120_000);

    for (const into of DIALECTS) {
      it(`restores into an empty ${into} database: same row counts, no violation, ids go on`, async () => {
        const target = await createTestDatabase(into);
        databases.push(target);
        const restored = await runCli(target.env, '--json', 'restore', file);
        expect(restored.code, restored.stderr).toBe(0);
        const check = await runCheck(target.env);
        expect({ code: check.code, violations: check.violations }, check.output).toEqual({ code: 0, violations: [] });
        const store = await target.open();
        try {
          const counts = await rowCounts(store);
          for (const [table, count] of Object.entries(report.tables)) expect(counts[table], table).toBe(count);
          // New rows get new ids: the sequences continue after the restored ones.
          const placed = await order(store, { 'BK-SKU-7': 1 }, { shortage: 'partial' });
          expect(placed.id).toBeGreaterThan(report.tables['orders'] ?? 0);
          // A restored API key still works: the keys table came back whole.
          expect(counts['api_keys']).toBe(report.tables['api_keys']);
        } finally {
          await store.close();
        }
        // Restoring again into the now non-empty database is refused, and changes nothing.
        const again = await runCli(target.env, '--json', 'restore', file);
        expect(again.code).toBe(1);
        expect(again.stderr).toMatch(/not empty/);
      }, 120_000);
    }

    it('refuses a damaged backup and restores nothing of it', async () => {
      const damaged = join(dir, 'damaged.backup');
      if (report.format === 'jsonl') {
        const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
        writeFileSync(damaged, `${lines.slice(0, -3).join('\n')}\n`); // the end line and two rows lost
      } else {
        writeFileSync(damaged, 'not a backup at all\n');
      }
      const target = await createTestDatabase(dialect);
      databases.push(target);
      const result = await runCli(target.env, '--json', 'restore', damaged);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/"field": "file"/);
      // What is there is what migrations write on their own, as in any new database.
      const fresh = await createTestDatabase(dialect);
      databases.push(fresh);
      const [store, freshStore] = [await target.open(), await fresh.open()];
      try {
        const counts = await rowCounts(store);
        expect(counts['orders']).toBe(0);
        expect(counts).toEqual(await rowCounts(freshStore));
      } finally {
        await store.close();
        await freshStore.close();
      }
    }, 60_000);
  });
}
