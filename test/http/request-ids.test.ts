import type { LightMyRequestResponse } from 'fastify';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/http/app.js';
import { startServer } from '../../src/http/server.js';
import { startApi, type ApiHarness } from './support.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The request id a response carries in its X-Request-Id header. */
function idOf(response: LightMyRequestResponse): string {
  const id = response.headers['x-request-id'];
  expect(typeof id, `X-Request-Id of a ${response.statusCode}`).toBe('string');
  return id as string;
}

/**
 * Every answer names its request, so an operator can find a client's failed request in the log: a
 * well-formed X-Request-Id from the client (a proxy, a storefront) is kept, any other request gets a
 * random one (not a per-process counter that starts again at req-1 on every start).
 */
describe('request ids', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi('sqlite');
  });

  afterAll(async () => {
    await api.close();
  });

  it('gives every answer a random X-Request-Id, errors too, and puts it in error bodies', async () => {
    const responses = [
      await api.app.inject({ method: 'GET', url: '/healthz' }),
      await api.call('viewer', { method: 'GET', url: '/api/v1/items' }),
      await api.call(null, { method: 'GET', url: '/api/v1/items' }),
      await api.call('viewer', { method: 'POST', url: '/api/v1/locations', payload: { code: 'X', name: 'X' } }),
      await api.call('admin', { method: 'POST', url: '/api/v1/locations', payload: { code: 'X' } }),
      await api.call('admin', { method: 'GET', url: '/api/v1/items/NOPE' }),
      await api.call('admin', { method: 'GET', url: '/api/v1/no-such-route' }),
      await api.call('admin', { method: 'GET', url: '/api/v1/items/%E0%A4%A' }),
      await api.app.inject({ method: 'GET', url: '/' }),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 401, 403, 400, 404, 404, 400, expect.any(Number)]);
    const ids = responses.map(idOf);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
    for (const response of responses.filter((r) => r.statusCode >= 400)) {
      expect(response.json<{ error: { requestId: string } }>().error.requestId).toBe(idOf(response));
    }
  });

  it("keeps a well-formed X-Request-Id from the client, and replaces one that is not with its own", async () => {
    for (const given of ['shop-req-42', '0b3a5c1e-9f7d-4e2a-8c1b-7d6e5f4a3b2c', 'Root=1-67891233-abcdef012345678912345678', 'a'.repeat(128)]) {
      const response = await api.call(null, { method: 'GET', url: '/api/v1/items', headers: { 'x-request-id': given } });
      expect(idOf(response)).toBe(given);
      expect(response.json<{ error: { requestId: string } }>().error.requestId).toBe(given);
    }
    for (const given of ['', 'has space', 'a'.repeat(129), '<script>', 'line\u2028break', 'ünïcode']) {
      const response = await api.call('viewer', { method: 'GET', url: '/healthz', headers: { 'x-request-id': given } });
      expect(idOf(response), JSON.stringify(given)).toMatch(UUID);
    }
  });

  it('logs each request under the id it answers with', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk: Buffer, _encoding, done) => { lines.push(chunk.toString('utf8')); done(); } });
    const app = await buildApp({ store: api.store, rateLimit: false, logger: { level: 'info', stream } });
    try {
      const given = await app.inject({ method: 'GET', url: '/api/v1/items', headers: { 'x-request-id': 'edge-7f3a' } });
      const made = await app.inject({ method: 'GET', url: '/api/v1/items' });
      const logged = lines.map((line) => JSON.parse(line) as { reqId?: string }).map((entry) => entry.reqId);
      expect(logged).toContain('edge-7f3a');
      expect(logged).toContain(idOf(made));
      expect(idOf(given)).toBe('edge-7f3a');
    } finally {
      await app.close();
    }
  });

  it("names the answer to a request Node's HTTP parser refuses too", async () => {
    const server = await startServer({ store: api.store, port: 0, rateLimit: false, handleSignals: false });
    try {
      const { port } = new URL(server.url);
      const raw = await new Promise<string>((resolve, reject) => {
        let answer = '';
        const socket = connect(Number(port), '127.0.0.1', () => socket.end('NOT HTTP AT ALL\r\n\r\n'));
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')));
        socket.on('close', () => resolve(answer));
        socket.on('error', reject);
      });
      const [head = '', body = ''] = raw.split('\r\n\r\n');
      const id = /^x-request-id: (.*)$/im.exec(head)?.[1];
      expect(id).toMatch(UUID);
      expect((JSON.parse(body) as { error: { requestId: string } }).error.requestId).toBe(id);
    } finally {
      await server.app.close();
    }
  });
});
