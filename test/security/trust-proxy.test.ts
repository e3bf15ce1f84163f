import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtCli, serveRefusal } from '../reliability/support/built-cli.js';
import { startServed, type ServedProcess } from '../reliability/support/served.js';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';
import { waitFor } from '../worker/support/wait-for.js';

/**
 * RESTOCK_TRUST_PROXY: the client address that rate limits count and the log shows comes from
 * X-Forwarded-For only when the peer is a proxy the setting names; otherwise it is the
 * connection's, so a client cannot pick a fresh address per request to escape its limit.
 */
describe('restock serve behind a proxy', { timeout: 240_000 }, () => {
  let database: TestDatabase;
  const served: ServedProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const server = await startServed({ ...database.env, RESTOCK_RATE_LIMIT: '3', RESTOCK_LOG_LEVEL: 'info', RESTOCK_WORKER: 'off', ...env });
    served.push(server);
    return server;
  };
  /** The OpenAPI document needs no key: the limit counts it per client address. */
  const ask = (server: ServedProcess, forwardedFor: string) => fetch(`${server.url}/api/v1/openapi.json`, { headers: { 'x-forwarded-for': forwardedFor } }).then((r) => r.status);

  beforeAll(async () => {
    await builtCli();
    database = await createTestDatabase('sqlite');
  }, 300_000);

  afterAll(async () => {
    for (const server of served) await server.kill();
    await database?.drop();
  });

  it('counts and logs the forwarded address when the proxy is trusted', async () => {
    const server = await start({ RESTOCK_TRUST_PROXY: '127.0.0.1' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await ask(server, '203.0.113.5'));
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await ask(server, '203.0.113.6')).toBe(200);
    // The log line of a request may follow its answer.
    await waitFor('both forwarded addresses in the log', () => ['203.0.113.5', '203.0.113.6'].every((ip) => server.output().includes(`"remoteAddress":"${ip}"`)), 10_000);
  });

  it('ignores X-Forwarded-For by default: every request counts for the connection\'s address', async () => {
    const server = await start({});
    const statuses = [];
    for (let i = 0; i < 5; i += 1) statuses.push(await ask(server, `203.0.113.${10 + i}`));
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await waitFor('the fifth request in the log', () => server.output().split('"remoteAddress":"127.0.0.1"').length > 5, 10_000);
    expect(server.output()).not.toContain('203.0.113.');
  });

  it('ignores X-Forwarded-For from a peer that is not one of the named proxies', async () => {
    const server = await start({ RESTOCK_TRUST_PROXY: '10.0.0.0/8' });
    const statuses = [];
    for (let i = 0; i < 4; i += 1) statuses.push(await ask(server, `203.0.113.${20 + i}`));
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it('refuses a value it cannot use at start, naming the variable', async () => {
    for (const value of ['yes', '2', '10.0.0.0/33']) {
      expect(await serveRefusal({ ...database.env, RESTOCK_TRUST_PROXY: value }), value)
        .toEqual({ code: 2, stdout: '', stderr: expect.stringMatching(/^error VALIDATION_FAILED: RESTOCK_TRUST_PROXY: /) });
    }
  });
});
