import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY_NAME, earlierAdminKeys } from '../../src/app/api-keys.js';
import type { Store } from '../../src/app/ports.js';
import { buildApp } from '../../src/http/app.js';
import { cliDatabase, restock, spawnRestock } from '../cli/support/cli.js';
import { DIALECTS } from '../support/stores.js';
import { expectError, startApi, type ApiHarness } from '../http/support.js';

/** What an earlier version stored for a RESTOCK_ADMIN_KEY of 16 to 31 characters: the key's hash, as today. */
async function storeKeyOfEarlierVersion(store: Store, secret: string): Promise<number> {
  const keyHash = createHash('sha256').update(secret, 'utf8').digest('hex');
  const key = await store.transaction((tx) => tx.apiKeys.insert({ name: ADMIN_KEY_NAME, role: 'admin', lookup: keyHash.slice(0, 16), keyHash }));
  return key.id;
}

const OLD_ADMIN_KEY = 'sixteen-plus-chars-old'; // 22 characters: taken before the minimum became 32

/**
 * Upgrading from a version that took a RESTOCK_ADMIN_KEY of 16 to 31 characters: `restock serve`
 * refuses that value saying what to do (src/cli/serve-settings.test.ts), the key it made answers
 * 401 saying why, and once a new value is set, serve names the earlier key still active to revoke.
 */
for (const dialect of DIALECTS) {
  describe(`an admin key made by an earlier version on ${dialect}`, () => {
    let api: ApiHarness;

    beforeAll(async () => {
      api = await startApi(dialect);
    });

    afterAll(async () => {
      await api.close();
    });

    it('is refused with the reason, and named as an earlier admin key beside a new RESTOCK_ADMIN_KEY until revoked', async () => {
      const oldId = await storeKeyOfEarlierVersion(api.store, OLD_ADMIN_KEY);
      const refused = expectError(await api.app.inject({ url: '/api/v1/items', headers: { authorization: `Bearer ${OLD_ADMIN_KEY}` } }), 401, 'UNAUTHORIZED');
      expect(refused.message).toBe('the API key is not valid: keys have 32 characters or more (a shorter RESTOCK_ADMIN_KEY, which earlier versions of Restock took, no longer works; the server\'s operator sets a new one)');
      // A key of full length that is wrong says only that.
      expect(expectError(await api.app.inject({ url: '/api/v1/items', headers: { authorization: `Bearer rk_${'x'.repeat(43)}` } }), 401, 'UNAUTHORIZED').message).toBe('the API key is not valid');

      const newKey = 'a-new-admin-key-of-32-characters-or-more';
      const app = await buildApp({ store: api.store, adminKey: newKey, rateLimit: false });
      try {
        expect((await app.inject({ url: '/api/v1/items', headers: { authorization: `Bearer ${newKey}` } })).statusCode).toBe(200);
        expect((await earlierAdminKeys(api.store, newKey)).map((k) => k.id)).toEqual([oldId]);
        expect((await app.inject({ method: 'DELETE', url: `/api/v1/keys/${oldId}`, headers: { authorization: `Bearer ${newKey}` } })).statusCode).toBe(200);
        expect(await earlierAdminKeys(api.store, newKey)).toEqual([]);
      } finally {
        await app.close();
      }
    });
  });
}

describe('restock serve after an upgrade (SQLite)', { timeout: 180_000 }, () => {
  const cli = cliDatabase('sqlite');

  it('refuses the old value saying what to do, and names the key it made once a new one is set', async () => {
    // A database an earlier version served with a 22-character RESTOCK_ADMIN_KEY.
    const store = await cli.database.open();
    const oldId = await storeKeyOfEarlierVersion(store, OLD_ADMIN_KEY);
    await store.close();

    const refused = await restock({ ...cli.database.env, RESTOCK_ADMIN_KEY: OLD_ADMIN_KEY }, 'serve', '--port', '0');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error VALIDATION_FAILED: RESTOCK_ADMIN_KEY: must be 32 characters or more; the one given has 22\. .*`restock keys revoke <id>`\n$/);

    const server = spawnRestock({ ...cli.database.env, RESTOCK_ADMIN_KEY: 'a-new-admin-key-of-32-characters-or-more', RESTOCK_LOG_LEVEL: 'silent' }, ['serve', '--port', '0']);
    let output = '';
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      const deadline = Date.now() + 120_000;
      while (!output.includes('restock keys revoke') && Date.now() < deadline && server.exitCode === null) await new Promise((r) => setTimeout(r, 200));
      expect(output).toContain(`An earlier RESTOCK_ADMIN_KEY made key ${oldId}, still active: each works for whoever has it, except one under 32 characters, which no longer works.`);
      expect(output).toContain(`Revoke it once nothing uses it: restock keys revoke ${oldId}`);
    } finally {
      server.kill('SIGTERM');
    }
    await once(server, 'exit');
  });
});
