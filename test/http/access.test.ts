import type { HTTPMethods } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureBootstrapKey, ROLES, type Role } from '../../src/app/api-keys.js';
import { buildApp } from '../../src/http/app.js';
import { createTestDatabase, DIALECTS } from '../support/stores.js';
import { dumpDatabase, expectError, json, seedCatalogue, startApi, type ApiHarness } from './support.js';

type Route = readonly [method: HTTPMethods, template: string, url: string, allowed: readonly Role[], payload?: object];

const STAFF: readonly Role[] = ['admin', 'operator'];
const READERS: readonly Role[] = ['admin', 'operator', 'viewer'];
const EVERYONE: readonly Role[] = ['admin', 'operator', 'storefront', 'viewer'];

/** The role matrix of SPEC §9, route by route: who may call it (everyone else gets 403). Add new routes here. */
const MATRIX: readonly Route[] = [
  ['POST', '/api/v1/locations', '/api/v1/locations', STAFF, { code: 'SHOP', name: 'Shop' }],
  ['GET', '/api/v1/locations', '/api/v1/locations', READERS],
  ['PATCH', '/api/v1/locations/{code}', '/api/v1/locations/MAIN', STAFF, { name: 'Main' }],
  ['POST', '/api/v1/items', '/api/v1/items', STAFF, { sku: 'NEW', name: 'New' }],
  ['GET', '/api/v1/items', '/api/v1/items', READERS],
  ['GET', '/api/v1/items/{sku}', '/api/v1/items/WIDGET', READERS],
  ['PATCH', '/api/v1/items/{sku}', '/api/v1/items/WIDGET', STAFF, { name: 'Widget' }],
  ['POST', '/api/v1/items/{sku}/backorders/cancel', '/api/v1/items/GIZMO/backorders/cancel', STAFF, { reason: 'no longer made' }],
  ['POST', '/api/v1/stock/adjustments', '/api/v1/stock/adjustments', STAFF, { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'count' }],
  ['POST', '/api/v1/stock/transfers', '/api/v1/stock/transfers', STAFF, { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 1 }],
  ['GET', '/api/v1/stock', '/api/v1/stock', READERS],
  ['GET', '/api/v1/stock/movements', '/api/v1/stock/movements', READERS],
  ['GET', '/api/v1/availability', '/api/v1/availability?sku=WIDGET', EVERYONE],
  ['POST', '/api/v1/orders', '/api/v1/orders', ['admin', 'operator', 'storefront'], { lines: [{ sku: 'GIZMO', quantity: 1 }] }],
  ['GET', '/api/v1/orders', '/api/v1/orders', EVERYONE],
  ['GET', '/api/v1/orders/{id}', '/api/v1/orders/1', EVERYONE],
  ['POST', '/api/v1/orders/{id}/shipments', '/api/v1/orders/1/shipments', STAFF, { lines: [{ sku: 'WIDGET', quantity: 1 }] }],
  ['POST', '/api/v1/orders/{id}/cancel', '/api/v1/orders/2/cancel', ['admin', 'operator', 'storefront'], { lines: [{ sku: 'GIZMO', quantity: 1 }] }],
  ['PATCH', '/api/v1/orders/{id}', '/api/v1/orders/1', STAFF, { priority: 3 }],
  ['GET', '/api/v1/backorders', '/api/v1/backorders', READERS],
  ['GET', '/api/v1/events', '/api/v1/events', READERS],
  ['POST', '/api/v1/keys', '/api/v1/keys', ['admin'], { name: 'new key', role: 'viewer' }],
  ['GET', '/api/v1/keys', '/api/v1/keys', ['admin']],
  ['DELETE', '/api/v1/keys/{id}', '/api/v1/keys/999', ['admin']],
  ['GET', '/api/v1/audit', '/api/v1/audit', ['admin']],
  ['GET', '/api/v1/me', '/api/v1/me', EVERYONE],
];

for (const dialect of DIALECTS) {
  describe(`access control on ${dialect}`, () => {
    let api: ApiHarness;

    beforeEach(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
      json(await api.call('admin', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'WIDGET', quantity: 2 }] } }), 201);
      json(await api.call('admin', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'GIZMO', quantity: 4 }] } }), 201);
    });

    afterEach(async () => {
      await api.close();
    });

    const apiOperations = (): [HTTPMethods, string][] => {
      const spec = api.app.swagger() as { paths: Record<string, Record<string, unknown>> };
      return Object.entries(spec.paths)
        .filter(([path]) => path.startsWith('/api/v1/'))
        .flatMap(([path, methods]) => Object.keys(methods).map((method): [HTTPMethods, string] => [method.toUpperCase() as HTTPMethods, path]));
    };

    it('the matrix rows are real operations', () => {
      const operations = apiOperations().map(([method, path]) => `${method} ${path}`);
      for (const [method, template] of MATRIX) expect(operations).toContain(`${method} ${template}`);
    });

    it('every API operation, including ones added later, needs a key', async () => {
      for (const [method, template] of apiOperations()) {
        const url = template.replace(/\{[^}]+\}/g, '1');
        expectError(await api.call(null, { method, url }), 401, 'UNAUTHORIZED');
      }
    });

    const rows = MATRIX.map(([method, template, url, allowed, payload]) => ({ method, template, url, allowed, payload }));
    it.each(rows)('$method $template: 401 without a key, allowed or 403 by role', async ({ method, url, allowed, payload }) => {
      const request = { method, url, ...(payload ? { payload } : {}) };
      expectError(await api.call(null, request), 401, 'UNAUTHORIZED');
      for (const role of ROLES) {
        const response = await api.call(role, request);
        if (allowed.includes(role)) {
          const refused = response.statusCode === 401 || response.statusCode === 403 || response.statusCode >= 500;
          expect(refused, `${role}: ${response.statusCode} ${response.body}`).toBe(false);
        } else {
          expect(expectError(response, 403, 'FORBIDDEN').details).toMatchObject({ role });
        }
      }
    });

    it('tells each key who it is, so clients need not probe routes to learn their role', async () => {
      for (const role of ROLES) {
        const me = json<{ keyId: number; name: string; role: string; actor: string }>(await api.call(role, { url: '/api/v1/me' }), 200);
        expect(me).toMatchObject({ name: `${role} key`, role, actor: `key:${me.keyId}` });
      }
    });

    it('refuses missing, malformed, unknown and revoked keys with 401', async () => {
      const url = '/api/v1/items';
      expectError(await api.app.inject({ url, headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` } }), 401, 'UNAUTHORIZED');
      expectError(await api.app.inject({ url, headers: { authorization: 'Bearer' } }), 401, 'UNAUTHORIZED');
      expectError(await api.app.inject({ url, headers: { authorization: 'Bearer rk_this-is-not-a-key-of-ours' } }), 401, 'UNAUTHORIZED');
      expectError(await api.app.inject({ url, headers: { authorization: `Bearer ${api.keys.viewer}x` } }), 401, 'UNAUTHORIZED');
      expect((await api.app.inject({ url, headers: { authorization: `bearer ${api.keys.viewer}` } })).statusCode).toBe(200);
      const listed = json<{ items: { id: number; role: string }[] }>(await api.call('admin', { url: '/api/v1/keys' }), 200);
      const viewer = listed.items.find((k) => k.role === 'viewer');
      json(await api.call('admin', { method: 'DELETE', url: `/api/v1/keys/${viewer?.id}` }), 200);
      expectError(await api.call('viewer', { url }), 401, 'UNAUTHORIZED');
    });

    it('creates a key shown once, lists keys without secrets, and revokes them', async () => {
      const created = json<{ id: number; key: string; role: string; revokedAt: null }>(await api.call('admin', { method: 'POST', url: '/api/v1/keys', payload: { name: 'shop', role: 'storefront' } }), 201);
      expect(created).toMatchObject({ name: 'shop', role: 'storefront', revokedAt: null, key: expect.stringMatching(/^rk_[A-Za-z0-9_-]{43}$/) });
      expect((await api.app.inject({ url: '/api/v1/availability?sku=WIDGET', headers: { authorization: `Bearer ${created.key}` } })).statusCode).toBe(200);
      const listed = await api.call('admin', { url: '/api/v1/keys' });
      expect(listed.body).not.toContain(created.key);
      expect(json<{ items: object[] }>(listed, 200).items.every((k) => Object.keys(k).sort().join() === 'createdAt,id,name,revokedAt,role')).toBe(true);
      const dump = JSON.stringify(await dumpDatabase(api.store));
      expect(dump).not.toContain(created.key);
      expect(dump).not.toContain(created.key.slice(3));
      const revoked = json<{ revokedAt: string | null }>(await api.call('admin', { method: 'DELETE', url: `/api/v1/keys/${created.id}` }), 200);
      expect(revoked.revokedAt).toEqual(expect.any(String));
      expect(json(await api.call('admin', { method: 'DELETE', url: `/api/v1/keys/${created.id}` }), 200)).toEqual(revoked);
      expectError(await api.app.inject({ url: '/api/v1/orders', headers: { authorization: `Bearer ${created.key}` } }), 401, 'UNAUTHORIZED');
      expectError(await api.call('admin', { method: 'DELETE', url: '/api/v1/keys/999' }), 404, 'NOT_FOUND');
      expect(expectError(await api.call('admin', { method: 'POST', url: '/api/v1/keys', payload: { name: 'x', role: 'root' } }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'role' });
    });

    it('never revokes the last active admin key', async () => {
      const keys = json<{ items: { id: number; role: string }[] }>(await api.call('admin', { url: '/api/v1/keys' }), 200).items;
      const admin = keys.find((k) => k.role === 'admin');
      expectError(await api.call('admin', { method: 'DELETE', url: `/api/v1/keys/${admin?.id}` }), 409, 'CONFLICT');
      const second = json<{ id: number; key: string }>(await api.call('admin', { method: 'POST', url: '/api/v1/keys', payload: { name: 'second admin', role: 'admin' } }), 201);
      json(await api.call('admin', { method: 'DELETE', url: `/api/v1/keys/${admin?.id}` }), 200);
      expectError(await api.app.inject({ method: 'DELETE', url: `/api/v1/keys/${second.id}`, headers: { authorization: `Bearer ${second.key}` } }), 409, 'CONFLICT');
    });

    it('makes RESTOCK_ADMIN_KEY work as an admin key, once, and refuses a weak one', async () => {
      const adminKey = 'operator-chosen-secret-0000000001';
      const app = await buildApp({ store: api.store, adminKey, rateLimit: false });
      await app.ready();
      expect((await app.inject({ url: '/api/v1/keys', headers: { authorization: `Bearer ${adminKey}` } })).statusCode).toBe(200);
      const again = await buildApp({ store: api.store, adminKey, rateLimit: false });
      const keys = json<{ items: { name: string }[] }>(await again.inject({ url: '/api/v1/keys', headers: { authorization: `Bearer ${adminKey}` } }), 200);
      expect(keys.items.filter((k) => k.name === 'admin (RESTOCK_ADMIN_KEY)')).toHaveLength(1);
      await Promise.all([app.close(), again.close()]);
      await expect(buildApp({ store: api.store, adminKey: 'short', rateLimit: false })).rejects.toThrow(/RESTOCK_ADMIN_KEY must be 32/);
      await expect(buildApp({ store: api.store, adminKey: 'x'.repeat(31), rateLimit: false })).rejects.toThrow(/RESTOCK_ADMIN_KEY must be 32/);
    });

    it('limits requests per key', async () => {
      const limited = await buildApp({ store: api.store, rateLimit: { max: 3, timeWindowMs: 60_000 } });
      const as = (role: Role) => limited.inject({ url: '/api/v1/locations', headers: { authorization: `Bearer ${api.keys[role]}` } });
      for (let i = 0; i < 3; i += 1) expect((await as('viewer')).statusCode).toBe(200);
      const refused = await as('viewer');
      expectError(refused, 429, 'RATE_LIMITED');
      expect(refused.headers['retry-after']).toBeDefined();
      expect((await as('operator')).statusCode).toBe(200);
      for (let i = 0; i < 5; i += 1) expect((await limited.inject({ url: '/healthz' })).statusCode).toBe(200);
      await limited.close();
    });

    it('limits failed authentications per client address, before looking the key up, and never counts successful ones', async () => {
      const limited = await buildApp({ store: api.store, rateLimit: { max: 1000, timeWindowMs: 60_000, failedAuthentications: 4 } });
      const from = (remoteAddress: string, key: string | null) =>
        limited.inject({ url: '/api/v1/locations', remoteAddress, headers: key === null ? {} : { authorization: `Bearer ${key}` } });
      const guess = (i: number) => `rk_${String(i).padStart(43, 'x')}`;
      for (let i = 0; i < 20; i += 1) expect((await from('198.51.100.1', api.keys.viewer)).statusCode).toBe(200);
      for (let i = 0; i < 3; i += 1) expectError(await from('198.51.100.7', guess(i)), 401, 'UNAUTHORIZED');
      expectError(await from('198.51.100.7', null), 401, 'UNAUTHORIZED');
      let lookups = 0;
      const lookup = api.store.read.bind(api.store);
      (api.store as { read: typeof api.store.read }).read = (work) => ((lookups += 1), lookup(work));
      try {
        for (const key of [guess(4), null, api.keys.viewer]) {
          const refused = await from('198.51.100.7', key);
          expectError(refused, 429, 'RATE_LIMITED');
          expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
          expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
        }
        expect(lookups).toBe(0);
        expectError(await from('198.51.100.9', guess(6)), 401, 'UNAUTHORIZED');
        expect(lookups).toBe(1);
      } finally {
        (api.store as { read: typeof api.store.read }).read = lookup;
      }
      // Other addresses, and keys that work, are not held back.
      expectError(await from('198.51.100.8', guess(5)), 401, 'UNAUTHORIZED');
      expect((await from('198.51.100.1', api.keys.viewer)).statusCode).toBe(200);
      await limited.close();
    });
  });
}

describe('the bootstrap key', () => {
  it('is created once, on an installation without keys', async () => {
    const database = await createTestDatabase('sqlite');
    const store = await database.open();
    const first = await ensureBootstrapKey(store);
    expect(first).toMatchObject({ key: { role: 'admin', name: 'bootstrap admin' }, secret: expect.stringMatching(/^rk_/) });
    expect(await ensureBootstrapKey(store)).toBeNull();
    const app = await buildApp({ store, rateLimit: false });
    expect((await app.inject({ url: '/api/v1/keys', headers: { authorization: `Bearer ${first?.secret}` } })).statusCode).toBe(200);
    await app.close();
    await store.close();
    await database.drop();
  });
});
