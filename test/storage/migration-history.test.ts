import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase } from '../../src/storage/backup.js';
import { migratorFor, openStore, type OpenedStore, type StoreOptions } from '../../src/storage/open-store.js';
import { restoreDatabase } from '../../src/storage/restore.js';
import { StorageUnavailable } from '../../src/storage/storage-errors.js';
import { ensureBuilt, restock } from '../cli/support/cli.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../support/stores.js';

/** How the store of `database` is opened; `migrate: false` leaves the migration table as a test wrote it. */
function optionsOf(database: TestDatabase, migrate = true): StoreOptions {
  return database.dialect === 'sqlite'
    ? { sqlitePath: database.sqlitePath, migrate }
    : { databaseUrl: POSTGRES_URL, schema: database.schema, migrate };
}

/** Migrates `database` as far as `last` (every migration when undefined), then lets `edit` change the migration table. */
async function migratedThen(database: TestDatabase, last: string | undefined, edit: (store: OpenedStore) => Promise<void>): Promise<void> {
  const store = await openStore(optionsOf(database, false));
  try {
    const migrator = await migratorFor(store.db, database.dialect);
    const { error } = last === undefined ? await migrator.migrateToLatest() : await migrator.migrateTo(last);
    if (error) throw error;
    await edit(store);
  } finally {
    await store.close();
  }
}

async function recordedNames(database: TestDatabase): Promise<string[]> {
  const store = await openStore(optionsOf(database, false));
  try {
    return (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(store.db)).rows.map((row) => row.name);
  } finally {
    await store.close();
  }
}

const FUTURE = '0099-from-a-newer-restock';

for (const dialect of DIALECTS) {
  describe(`the migration history of a database, on ${dialect}`, { timeout: 120_000 }, () => {
    let database: TestDatabase;

    afterEach(async () => {
      await database.drop();
    });

    it('upgrades a database made while 0021-planning-run-settings was named 0025-planning-run-settings', async () => {
      database = await createTestDatabase(dialect);
      await migratedThen(database, '0021-planning-run-settings', async (store) => {
        await sql`update kysely_migration set name = '0025-planning-run-settings' where name = '0021-planning-run-settings'`.execute(store.db);
      });
      const store = await openStore(optionsOf(database));
      await store.close();
      const names = await recordedNames(database);
      expect(names).toContain('0021-planning-run-settings');
      expect(names).not.toContain('0025-planning-run-settings');
      expect(names).toContain('0025-purchase-line-repairs');
      // Opening it again finds nothing to do.
      await (await openStore(optionsOf(database))).close();
    });

    it('refuses a database a newer Restock upgraded, naming the migration this version does not know', async () => {
      database = await createTestDatabase(dialect);
      await migratedThen(database, undefined, async (store) => {
        await sql`insert into kysely_migration (name, timestamp) values (${FUTURE}, ${new Date().toISOString()})`.execute(store.db);
      });
      const opening = openStore(optionsOf(database));
      await expect(opening).rejects.toBeInstanceOf(StorageUnavailable);
      await expect(opening).rejects.toThrow(`this database was upgraded by a newer Restock (it has migration ${FUTURE}, which this version does not know); run that version or newer`);
      expect(await recordedNames(database)).toContain(FUTURE);
    });

    it('restores a backup of a database made while the planning-run settings were 0025', async () => {
      database = await createTestDatabase(dialect);
      await migratedThen(database, '0021-planning-run-settings', async (store) => {
        await sql`update kysely_migration set name = '0025-planning-run-settings' where name = '0021-planning-run-settings'`.execute(store.db);
      });
      const file = join(mkdtempSync(join(tmpdir(), 'restock-window-')), 'window.backup');
      const backup = await backupDatabase(optionsOf(database), file);
      expect(backup).toMatchObject({ ok: true, value: { migrations: expect.arrayContaining(['0025-planning-run-settings']) } });
      const target = await createTestDatabase(dialect);
      try {
        const restored = await restoreDatabase(optionsOf(target), file);
        expect(restored).toMatchObject({ ok: true });
        expect(await recordedNames(target)).toContain('0025-purchase-line-repairs');
      } finally {
        await target.drop();
        rmSync(join(file, '..'), { recursive: true, force: true });
      }
    });
  });
}

describe('restock and a database a newer Restock upgraded', { timeout: 240_000 }, () => {
  beforeAll(async () => {
    await ensureBuilt();
  }, 300_000);

  it('stops with a message saying so and exit 3, for migrate and every other command', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      await migratedThen(database, undefined, async (store) => {
        await sql`insert into kysely_migration (name, timestamp) values (${FUTURE}, ${new Date().toISOString()})`.execute(store.db);
      });
      for (const args of [['migrate'], ['items', 'list'], ['check']]) {
        const refused = await restock(database.env, ...args);
        expect({ args, code: refused.code, stderr: refused.stderr }).toEqual({
          args, code: 3, stderr: `error UNAVAILABLE: this database was upgraded by a newer Restock (it has migration ${FUTURE}, which this version does not know); run that version or newer\n`,
        });
      }
    } finally {
      await database.drop();
    }
  });
});
