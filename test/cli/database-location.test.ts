import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { ensureBuilt, spawnRestock, type CliResult } from './support/cli.js';

/** Runs the built CLI in `cwd`, with only `env` naming its database (none: the default ./data/restock.db). */
function restockIn(cwd: string, env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnRestock(env, args, cwd);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T }));
  });
}

const WHAT_TO_DO = 'Run restock from the folder the service runs in (the default database, ./data/restock.db, is relative to it), '
  + 'set RESTOCK_SQLITE_PATH to the database file, or run `restock migrate` to create a new database there.';

/**
 * The default SQLite file, ./data/restock.db, is relative to the folder restock runs in: run from
 * another folder, a command used to make a new, empty database there and report on it ("all
 * invariants hold", a backup of nothing). Only the commands meant to make a database may.
 */
describe('a SQLite database that is not there', { timeout: 240_000 }, () => {
  let dir: string;

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'restock-where-')));
    await ensureBuilt();
  }, 300_000);

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('is refused by every command that only uses one, naming the absolute path and what to do, and nothing is made', async () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    const expected = join(elsewhere, 'data', 'restock.db');
    for (const args of [['check'], ['backup', 'x.db'], ['items', 'list'], ['keys', 'create', '--name', 'admin', '--role', 'admin'], ['worker'], ['kpis']]) {
      const refused = await restockIn(elsewhere, {}, ...args);
      expect({ args, code: refused.code, stdout: refused.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(refused.stderr).toBe(`error VALIDATION_FAILED: RESTOCK_SQLITE_PATH: there is no database at ${expected}. ${WHAT_TO_DO}\n`);
    }
    expect(existsSync(join(elsewhere, 'data'))).toBe(false);
    expect(existsSync(join(elsewhere, 'x.db'))).toBe(false);

    const named = join(dir, 'named.db');
    const refused = await restockIn(elsewhere, { RESTOCK_SQLITE_PATH: named }, '--json', 'check');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr)).toMatchObject({ error: { code: 'VALIDATION_FAILED', message: expect.stringContaining(`there is no database at ${named}.`), details: { field: 'RESTOCK_SQLITE_PATH', path: named } } });
    expect(existsSync(named)).toBe(false);
  });

  it('is made by migrate (and serve, demo, restore); check and backup then say which database they read', async () => {
    const home = join(dir, 'home');
    mkdirSync(home);
    const database = join(home, 'data', 'restock.db');
    expect((await restockIn(home, {}, 'migrate')).code).toBe(0);
    expect(existsSync(database)).toBe(true);
    const check = await restockIn(home, {}, 'check');
    expect(check.code).toBe(0);
    expect(check.stdout.split('\n')[0]).toBe(`checked the SQLite database ${database}`);
    expect(check.stdout.trim().split('\n').at(-1)).toBe('all invariants hold');
    const backup = await restockIn(home, {}, 'backup', 'shop.backup');
    expect(backup.code).toBe(0);
    expect(backup.stdout.split('\n')[0]).toBe(`backed up the SQLite database ${database} to ${join(home, 'shop.backup')} (sqlite, ${backup.stdout.match(/(\d+) bytes/)?.[1]} bytes)`);

    const restored = join(dir, 'restored.db');
    const restore = await restockIn(home, { RESTOCK_SQLITE_PATH: restored }, 'restore', 'shop.backup');
    expect(restore.code, restore.stderr).toBe(0);
    expect(restore.stdout.split('\n')[0]).toBe(`restored ${join(home, 'shop.backup')} (sqlite) into the SQLite database ${restored}`);
  });

  if (DIALECTS.includes('postgres')) {
    it('names a PostgreSQL database by its URL without the password', async () => {
      const postgres: TestDatabase = await createTestDatabase('postgres');
      try {
        // The test server trusts local connections: any password is taken, and none may be printed.
        const url = new URL(postgres.databaseUrl as string);
        url.password = 'not-to-be-printed';
        const env = { DATABASE_URL: url.toString() };
        const shown = `postgres://root@${url.host}${url.pathname}${url.search}`;
        const check = await restockIn(dir, env, 'check');
        expect(check.code, check.stderr).toBe(0);
        expect(check.stdout.split('\n')[0]).toBe(`checked the PostgreSQL database ${shown}`);
        const backup = await restockIn(dir, env, 'backup', 'pg.backup');
        expect(backup.code, backup.stderr).toBe(0);
        expect(backup.stdout.split('\n')[0]).toMatch(new RegExp(`^backed up the PostgreSQL database ${shown.replace(/[.?+*()[\]\\^$|{}]/g, '\\$&')} to `));
        expect(check.stdout + backup.stdout).not.toContain('not-to-be-printed');
      } finally {
        await postgres.drop();
      }
    });
  }
});
