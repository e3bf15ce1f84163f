import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.js';
import { backupDatabase } from '../../src/storage/backup.js';
import { ensureBuilt, spawnRestock } from '../cli/support/cli.js';
import { createTestDatabase, DIALECTS } from '../support/stores.js';

/** Permission bits of a path, as `ls -l` shows them in octal (0o600). */
const mode = (path: string) => statSync(path).mode & 0o777;

/** Runs the built CLI in `cwd` with only `env` describing the database; its exit code and stderr. */
function restockIn(cwd: string, env: Record<string, string>, ...args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnRestock(env, args, cwd);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

/**
 * The database and its backups hold webhook signing secrets and the unsubscribe secret in clear:
 * what Restock creates for them is its owner's only, under the usual umask 022 (which would make
 * them world-readable), while a file or folder the operator made keeps its mode.
 */
describe('files Restock creates for its data', { timeout: 240_000 }, () => {
  let dir: string;
  let umask: number;

  beforeAll(async () => {
    umask = process.umask(0o022);
    dir = mkdtempSync(join(tmpdir(), 'restock-modes-'));
    await ensureBuilt();
  });

  afterAll(() => {
    process.umask(umask);
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes the default data folder 0700 and the database in it 0600, and backs up into a 0600 file', async () => {
    const cwd = mkdtempSync(join(dir, 'default-'));
    expect(await restockIn(cwd, {}, 'migrate')).toMatchObject({ code: 0 });
    expect(mode(join(cwd, 'data'))).toBe(0o700);
    for (const name of readdirSync(join(cwd, 'data'))) expect([name, mode(join(cwd, 'data', name))]).toEqual([name, 0o600]);
    expect(readdirSync(join(cwd, 'data'))).toContain('restock.db');
    expect(await restockIn(cwd, {}, 'backup', 'restock.backup')).toMatchObject({ code: 0 });
    expect(mode(join(cwd, 'restock.backup'))).toBe(0o600);
  });

  it('creates a new database file at RESTOCK_SQLITE_PATH with 0600, and leaves the mode of one the operator made', async () => {
    const fresh = join(dir, 'fresh.db');
    const store = await openStore({ sqlitePath: fresh });
    // SQLite gives the write-ahead log and its index the database file's mode.
    expect([fresh, `${fresh}-wal`, `${fresh}-shm`].map(mode)).toEqual([0o600, 0o600, 0o600]);
    await store.close();

    const made = join(dir, 'made-by-the-operator.db');
    writeFileSync(made, '', { mode: 0o640 });
    const theirs = await openStore({ sqlitePath: made });
    await theirs.close();
    expect(mode(made)).toBe(0o640);
  });

  for (const dialect of DIALECTS) {
    it(`writes a ${dialect} backup readable by its owner only`, async () => {
      const database = await createTestDatabase(dialect);
      try {
        await (await database.open()).close();
        const file = join(dir, `${dialect}.backup`);
        const report = await backupDatabase({ sqlitePath: database.sqlitePath, databaseUrl: database.databaseUrl, schema: database.schema }, file);
        expect(report.ok).toBe(true);
        expect(mode(file)).toBe(0o600);
        expect(readdirSync(dir).filter((name) => name.includes('.partial-'))).toEqual([]);
      } finally {
        await database.drop();
      }
    });
  }
});
