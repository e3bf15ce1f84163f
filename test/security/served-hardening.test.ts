import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';
import { builtCli, serveRefusal } from '../reliability/support/built-cli.js';
import { apiClient, expectAnswer } from '../reliability/support/http-client.js';
import { startServed, type ServedProcess } from '../reliability/support/served.js';

/**
 * What `restock serve` does with its environment, over real HTTP: RESTOCK_RATE_LIMIT per key and
 * failed authentications per address, the 1 MiB body limit, CORS only for RESTOCK_CORS_ORIGINS,
 * security headers on the dashboard, and a weak RESTOCK_ADMIN_KEY refused.
 * (The same behaviours in-process, route by route: test/http/access, errors and server tests.)
 */
describe('restock serve as configured by its environment', () => {
  let database: TestDatabase;
  let served: ServedProcess;
  const adminKey = `rk_hardening_${randomBytes(16).toString('hex')}`;
  /** Every key may make 8 requests a minute here: each test after the first uses a spare admin key of its own. */
  const spares: string[] = [];
  const spareKey = () => spares.shift() ?? adminKey;

  beforeAll(async () => {
    await builtCli();
    database = await createTestDatabase('sqlite');
    served = await startServed({ ...database.env, RESTOCK_ADMIN_KEY: adminKey, RESTOCK_RATE_LIMIT: '8', RESTOCK_CORS_ORIGINS: 'https://shop.example', RESTOCK_WORKER: 'off' });
    for (let i = 0; i < 3; i += 1) {
      const made = await fetch(`${served.url}/api/v1/keys`, {
        method: 'POST', body: JSON.stringify({ name: `spare ${i}`, role: 'admin' }), headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
      });
      spares.push(((await made.json()) as { key: string }).key);
    }
  }, 300_000);

  afterAll(async () => {
    await served?.kill();
    await database?.drop();
  });

  it('limits each key to RESTOCK_RATE_LIMIT requests a minute with 429 RATE_LIMITED, other keys unaffected', async () => {
    const admin = apiClient(served.url, adminKey);
    const viewer = String(expectAnswer<{ key: string }>(await admin.send('POST', '/keys', { name: 'viewer', role: 'viewer' }), 201, 'key').key);
    const limited = apiClient(served.url, viewer);
    const statuses: number[] = [];
    for (let i = 0; i < 10; i += 1) {
      const outcome = await limited.send('GET', '/locations');
      statuses.push(outcome.kind === 'answered' ? outcome.status : 0);
    }
    expect(statuses.slice(0, 8)).toEqual(Array.from({ length: 8 }, () => 200));
    expect(statuses.slice(8)).toEqual([429, 429]);
    const refused = await fetch(`${served.url}/api/v1/locations`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(refused.headers.get('retry-after')).not.toBeNull();
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    const other = await fetch(`${served.url}/api/v1/locations`, { headers: { authorization: `Bearer ${adminKey}` } });
    expect(other.status).toBe(200);
  });

  it('answers a body over 1 MiB with 413 PAYLOAD_TOO_LARGE', async () => {
    const body = JSON.stringify({ lines: Array.from({ length: 60_000 }, () => ({ sku: 'WIDGET', quantity: 1 })) });
    const response = await fetch(`${served.url}/api/v1/orders`, {
      method: 'POST', body, headers: { 'content-type': 'application/json', authorization: `Bearer ${spareKey()}` },
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('sends CORS headers to the configured origin only', async () => {
    const key = spareKey();
    const ask = (origin: string) => fetch(`${served.url}/api/v1/availability?sku=X`, { headers: { origin, authorization: `Bearer ${key}` } });
    expect((await ask('https://shop.example')).headers.get('access-control-allow-origin')).toBe('https://shop.example');
    expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${served.url}/api/v1/orders`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
  });

  it('serves the dashboard with a CSP, no sniffing, no framing and no referrer', async () => {
    const page = await fetch(`${served.url}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  // Last: it holds this client's address back for the rest of the minute.
  it('answers 429 with Retry-After to an address past 30 failed authentications, even with a good key', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1) {
      const guess = `rk_${randomBytes(32).toString('base64url')}`;
      statuses.push((await fetch(`${served.url}/api/v1/locations`, { headers: { authorization: `Bearer ${guess}` } })).status);
    }
    expect(statuses.slice(0, 30)).toEqual(Array.from({ length: 30 }, () => 401));
    expect(statuses.slice(30)).toEqual([429, 429]);
    const refused = await fetch(`${served.url}/api/v1/locations`, { headers: { authorization: `Bearer ${spareKey()}` } });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('RATE_LIMITED');
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
  });
});

describe('restock serve with a weak RESTOCK_ADMIN_KEY', () => {
  it('refuses to start, naming the variable', async () => {
    const database = await createTestDatabase('sqlite');
    try {
      expect(await serveRefusal({ ...database.env, RESTOCK_ADMIN_KEY: 'x'.repeat(31) })).toEqual({
        code: 2,
        stdout: '',
        stderr: expect.stringMatching(/^error VALIDATION_FAILED: RESTOCK_ADMIN_KEY: must be 32 characters or more; the one given has 31\. .*openssl rand -base64 32/),
      });
    } finally {
      await database.drop();
    }
  }, 60_000);
});
