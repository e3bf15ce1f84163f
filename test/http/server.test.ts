import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { startServer } from '../../src/http/server.js';
import { expectError, startApi, type ApiHarness } from './support.js';

describe('startServer', () => {
  it('listens, and on close lets an in-flight request finish before closing the store', async () => {
    const api = await startApi('sqlite');
    let closed = false;
    const slowStore = {
      ...api.store,
      dialect: api.store.dialect,
      transaction: api.store.transaction.bind(api.store),
      read: async <T>(work: Parameters<typeof api.store.read<T>>[0]) => {
        await new Promise((resolve) => setTimeout(resolve, 300));
        return api.store.read(work);
      },
      close: async () => {
        closed = true;
      },
    };
    const server = await startServer({ store: slowStore, port: 0, rateLimit: false, handleSignals: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const inFlight = fetch(`${server.url}/api/v1/locations`, { headers: { authorization: `Bearer ${api.keys.viewer}` } });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.close();
    const response = await inFlight;
    expect(response.status).toBe(200);
    await closing;
    expect(closed).toBe(true);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    await api.close();
  });

  it('answers a request that arrives while it shuts down with 503 UNAVAILABLE in the error shape, naming the request', async () => {
    const api = await startApi('sqlite');
    const slowStore: typeof api.store = {
      ...api.store,
      dialect: api.store.dialect,
      transaction: api.store.transaction.bind(api.store),
      snapshot: api.store.snapshot.bind(api.store),
      read: async (work) => {
        await new Promise((resolve) => setTimeout(resolve, 400));
        return api.store.read(work);
      },
      close: async () => undefined,
    };
    const server = await startServer({ store: slowStore, port: 0, rateLimit: false, handleSignals: false });
    const inFlight = fetch(`${server.url}/api/v1/locations`, { headers: { authorization: `Bearer ${api.keys.viewer}` } });
    // A second client has begun sending its request when the shutdown starts, and finishes after.
    const { port } = new URL(server.url);
    let answer = '';
    const socket = connect(Number(port), '127.0.0.1');
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write('GET /api/v1/locations HTTP/1.1\r\nHost: x\r\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = server.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    socket.write(`Authorization: Bearer ${api.keys.viewer}\r\nX-Request-Id: late-1\r\n\r\n`);
    await ended;
    const [head = '', body = ''] = answer.split('\r\n\r\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 503 Service Unavailable');
    expect(head).toMatch(/^x-request-id: late-1$/im);
    expect(head).toMatch(/^connection: close$/im);
    expect(JSON.parse(body)).toEqual({ error: { code: 'UNAVAILABLE', message: 'Restock is shutting down; send the request again in a moment', details: null, requestId: 'late-1' } });
    expect((await inFlight).status).toBe(200);
    await closing;
    await api.close();
  });

  it("answers a request Node's HTTP parser refuses in the error shape, naming what was wrong", async () => {
    const api = await startApi('sqlite');
    const server = await startServer({ store: api.store, port: 0, rateLimit: false, handleSignals: false });
    const { port } = new URL(server.url);
    const rawly = (request: string) => new Promise<string>((resolve, reject) => {
      let answer = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.end(request));
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
    });
    const answered = (raw: string) => {
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      return { status: head.split('\r\n')[0], type: /content-type: (.*)/i.exec(head)?.[1], body: JSON.parse(body) as unknown };
    };
    const post = (headers: string) => `POST /api/v1/orders HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.keys.admin}\r\nContent-Type: application/json\r\n${headers}Content-Length: 2\r\n\r\n{}`;
    expect(answered(await rawly(post('Idempotency-Key: order\x7f1\r\n')))).toEqual({
      status: 'HTTP/1.1 400 Bad Request',
      type: 'application/json; charset=utf-8',
      body: { error: { code: 'VALIDATION_FAILED', message: expect.stringMatching(/^headers: a header name or value holds a character HTTP does not allow/), details: { field: 'headers' }, requestId: expect.any(String) } },
    });
    expect(answered(await rawly(post(`X-Padding: ${'p'.repeat(20_000)}\r\n`)))).toMatchObject({
      status: 'HTTP/1.1 431 Request Header Fields Too Large',
      body: { error: { code: 'HEADERS_TOO_LARGE', message: 'headers: are larger than the server accepts (16 KiB in all)', details: { field: 'headers' } } },
    });
    expect(answered(await rawly('NOT HTTP AT ALL\r\n\r\n'))).toMatchObject({ status: 'HTTP/1.1 400 Bad Request', body: { error: { code: 'VALIDATION_FAILED' } } });
    // Nothing was written, and the server goes on answering.
    const orders = await fetch(`${server.url}/api/v1/orders`, { headers: { authorization: `Bearer ${api.keys.admin}` } });
    expect(((await orders.json()) as { items: unknown[] }).items).toEqual([]);
    // Behind a request still being answered on the same connection, a refusal is not written: its
    // client would read it as the first request's answer, though that one did its work.
    const location = JSON.stringify({ code: 'PIPE', name: 'Pipelined' });
    const pipelined = await rawly(
      `POST /api/v1/locations HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${api.keys.admin}\r\nContent-Type: application/json\r\nContent-Length: ${location.length}\r\n\r\n${location}`
      + `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Bad: a\x7fb\r\n\r\n`,
    );
    expect(pipelined).not.toContain('VALIDATION_FAILED');
    const locations = await fetch(`${server.url}/api/v1/locations`, { headers: { authorization: `Bearer ${api.keys.admin}` } });
    expect(((await locations.json()) as { items: { code: string }[] }).items.map((l) => l.code)).toContain('PIPE');
    await server.close();
    await api.close();
  });

  it('shuts down gracefully on SIGTERM: the request in flight completes, then the store closes and the process exits 0', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restock-serve-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/http/fixtures/serve-slowly.ts'], {
      env: { ...process.env, RESTOCK_SQLITE_PATH: join(dir, 'restock.db'), RESTOCK_TEST_SLOW_MS: '500' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const lines = createInterface({ input: child.stdout });
    const output: string[] = [];
    const first = new Promise<string>((resolve) => lines.once('line', resolve));
    const { url, key } = JSON.parse(await first) as { url: string; key: string };
    lines.on('line', (line) => output.push(line));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const inFlight = fetch(`${url}/api/v1/items`, { headers: { authorization: `Bearer ${key}` } });
    await new Promise((resolve) => setTimeout(resolve, 150));
    child.kill('SIGTERM');
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await exited).toBe(0);
    expect(output).toContain('store closed');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the dashboard at /', () => {
  let api: ApiHarness;
  let webRoot: string;

  beforeAll(async () => {
    api = await startApi('sqlite');
    webRoot = mkdtempSync(join(tmpdir(), 'restock-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Restock dashboard</title><script type="module" src="/app.js"></script>');
    writeFileSync(join(webRoot, 'app.js'), 'console.log("dashboard")');
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'assets', 'orders-new.js'), 'export const page = "orders"');
  });

  afterAll(async () => {
    await api.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves the built dashboard with security headers, and index.html for its own routes', async () => {
    const app = await buildApp({ store: api.store, rateLimit: false, webRoot });
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Restock dashboard');
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await app.inject({ url: '/app.js' })).body).toContain('dashboard');
    const deepLink = await app.inject({ url: '/orders/42' });
    expect(deepLink.statusCode).toBe(200);
    expect(deepLink.body).toContain('Restock dashboard');
    expectError(await app.inject({ url: '/api/v1/nothing-here' }), 404, 'NOT_FOUND');
    await app.close();
  });

  it('answers 404 for a page file the build does not have, so a tab opened before an upgrade sees the failure instead of running HTML', async () => {
    const app = await buildApp({ store: api.store, rateLimit: false, webRoot });
    const current = await app.inject({ url: '/assets/orders-new.js' });
    expect(current.statusCode).toBe(200);
    expect(current.headers['content-type']).toMatch(/javascript/);
    const older = await app.inject({ url: '/assets/orders-old.js' });
    expect(older.statusCode).toBe(404);
    expect(older.body).not.toContain('Restock dashboard');
    await app.close();
  });

  it('shows a page pointing to the API docs when the dashboard is not built', async () => {
    const app = await buildApp({ store: api.store, rateLimit: false, webRoot: join(webRoot, 'missing') });
    const page = await app.inject({ url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('href="/api/docs"');
    expect(page.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    await app.close();
  });

  it('sends no CORS headers unless an origin is configured', async () => {
    const closed = await buildApp({ store: api.store, rateLimit: false, webRoot });
    const response = await closed.inject({ url: '/api/v1/locations', headers: { origin: 'https://shop.example', authorization: `Bearer ${api.keys.viewer}` } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    await closed.close();

    const open = await buildApp({ store: api.store, rateLimit: false, webRoot, corsOrigins: ['https://shop.example'] });
    const allowed = await open.inject({ url: '/api/v1/locations', headers: { origin: 'https://shop.example', authorization: `Bearer ${api.keys.viewer}` } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://shop.example');
    const preflight = await open.inject({ method: 'OPTIONS', url: '/api/v1/orders', headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('idempotency-key');
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, POST, PATCH, DELETE');
    expect(preflight.headers['access-control-allow-origin']).toBe('https://shop.example');
    expect(preflight.headers['access-control-max-age']).toBe('600');
    expect(allowed.headers['access-control-expose-headers']).toContain('retry-after');
    expect(allowed.headers['vary']).toMatch(/origin/i);
    // A refusal carries the headers too, so the browser lets the client read why.
    const keyless = await open.inject({ url: '/api/v1/locations', headers: { origin: 'https://shop.example' } });
    expect(keyless.statusCode).toBe(401);
    expect(keyless.headers['access-control-allow-origin']).toBe('https://shop.example');
    const stranger = await open.inject({ url: '/api/v1/locations', headers: { origin: 'https://evil.example', authorization: `Bearer ${api.keys.viewer}` } });
    expect(stranger.statusCode).toBe(200);
    expect(stranger.headers['access-control-allow-origin']).toBeUndefined();
    const strangerPreflight = await open.inject({ method: 'OPTIONS', url: '/api/v1/orders', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(strangerPreflight.statusCode).toBe(404);
    expect(strangerPreflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(strangerPreflight.headers['access-control-allow-methods']).toBeUndefined();
    expect(strangerPreflight.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await open.close();
  });
});
