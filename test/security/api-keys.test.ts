import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey, createApiKey, ensureApiKey } from '../../src/app/api-keys.js';
import { dbOf } from '../support/db-snapshot.js';
import { must } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { expectError, startApi, type ApiHarness } from '../http/support.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** Every way a secret could sit in a row: as given, without its prefix, and as the bytes it encodes. */
function plaintextForms(secret: string): string[] {
  const body = secret.replace(/^rk_/, '');
  const bytes = Buffer.from(body, 'base64url');
  return [secret, body, bytes.toString('hex'), bytes.toString('base64'), body.slice(0, 16), body.slice(-16)];
}

/**
 * API keys (SPEC §9, RELIABILITY.md): random 256-bit secrets, stored only as SHA-256 hashes, checked
 * by comparing hashes in constant time (timingSafeEqual in app/api-keys.ts). The role matrix, 401s for
 * missing, malformed and revoked keys and the per-key rate limit are in test/http/access.test.ts.
 */
for (const dialect of DIALECTS) {
  describe(`API keys on ${dialect}`, () => {
    let api: ApiHarness;

    beforeAll(async () => {
      api = await startApi(dialect);
    });

    afterAll(async () => {
      await api.close();
    });

    it('are 256-bit random secrets, each different', async () => {
      const secrets = new Set<string>();
      for (let i = 0; i < 50; i += 1) secrets.add(must(await createApiKey(api.store, { name: `bulk ${i}`, role: 'viewer' }, 'test')).secret);
      expect(secrets.size).toBe(50);
      for (const secret of secrets) {
        expect(secret).toMatch(/^rk_[A-Za-z0-9_-]{43}$/);
        expect(Buffer.from(secret.slice(3), 'base64url')).toHaveLength(32);
      }
      // 50 × 256 random bits: every bit position takes both values somewhere.
      const bits = [...secrets].map((s) => Buffer.from(s.slice(3), 'base64url'));
      for (let bit = 0; bit < 256; bit += 1) {
        const ones = bits.filter((b) => ((b[bit >> 3] as number) >> (bit & 7)) & 1).length;
        expect(ones, `bit ${bit}`).toBeGreaterThan(0);
        expect(ones, `bit ${bit}`).toBeLessThan(50);
      }
    });

    it('are stored only as SHA-256 hashes: no row holds a secret in any form', async () => {
      const adminKey = 'operator-chosen-admin-secret-0042';
      must(await ensureApiKey(api.store, adminKey, 'from the environment', 'admin'));
      const created = must(await createApiKey(api.store, { name: 'shop', role: 'storefront' }, 'test'));
      const secrets = [...Object.values(api.keys), created.secret, adminKey];
      const rows = await dbOf(api.store).selectFrom('api_keys').selectAll().execute();
      const text = JSON.stringify(rows);
      for (const secret of secrets) {
        for (const form of plaintextForms(secret)) expect(text, `a form of ${secret.slice(0, 6)}…`).not.toContain(form);
        const row = rows.find((r) => r.key_hash === sha256(secret));
        expect(row, 'the row holding its hash').toBeDefined();
        expect(row?.lookup).toBe(sha256(secret).slice(0, 16));
      }
    });

    it('refuse a wrong key of the same length, and keys that differ from a real one in one character', async () => {
      const real = api.keys.operator;
      const flipped = (index: number) => `${real.slice(0, index)}${real[index] === 'A' ? 'B' : 'A'}${real.slice(index + 1)}`;
      const url = '/api/v1/locations';
      for (const wrong of [flipped(real.length - 1), flipped(3), flipped(20), `rk_${'A'.repeat(43)}`, real.toUpperCase() === real ? real.toLowerCase() : real.toUpperCase()]) {
        expect(wrong).toHaveLength(real.length);
        expect(wrong).not.toBe(real);
        expectError(await api.app.inject({ url, headers: { authorization: `Bearer ${wrong}` } }), 401, 'UNAUTHORIZED');
        expect(await authenticateApiKey(api.store, wrong)).toMatchObject({ ok: false, code: 'UNAUTHORIZED' });
      }
      expect((await api.app.inject({ url, headers: { authorization: `Bearer ${real}` } })).statusCode).toBe(200);
    });

    it('never come back from the API after creation', async () => {
      const created = await api.call('admin', { method: 'POST', url: '/api/v1/keys', payload: { name: 'once', role: 'viewer' } });
      const secret = created.json<{ key: string }>().key;
      for (const url of ['/api/v1/keys', '/api/v1/events?limit=200', '/api/v1/openapi.json']) {
        const body = (await api.call('admin', { url })).body;
        for (const form of plaintextForms(secret)) expect(body).not.toContain(form);
      }
    });
  });
}
