import { Type } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { BODY_LIMIT, buildApp } from '../../src/http/app.js';
import { CSV_BODY_LIMIT } from '../../src/http/csv-scope.js';
import { ERROR_STATUS, handleError } from '../../src/http/errors.js';
import { validatorCompiler } from '../../src/http/validator-compiler.js';
import { dumpDatabase, expectError, seedCatalogue, startApi, type ApiHarness } from './support.js';

// Error shaping does not depend on the dialect; the database is only checked to be untouched.
describe('error responses (SPEC §4)', () => {
  let api: ApiHarness;
  let before: Record<string, string[]>;
  const post = (url: string, payload: string, contentType = 'application/json') =>
    api.call('admin', { method: 'POST', url, payload, headers: { 'content-type': contentType } });

  beforeAll(async () => {
    api = await startApi('sqlite');
    await seedCatalogue(api);
    before = await dumpDatabase(api.store);
  });

  afterAll(async () => {
    expect(await dumpDatabase(api.store)).toEqual(before);
    await api.close();
  });

  it('has one registry with the documented statuses', () => {
    expect(ERROR_STATUS).toMatchObject({
      VALIDATION_FAILED: 400, NOT_FOUND: 404, OUT_OF_STOCK: 409, INSUFFICIENT_ALLOCATION: 409, CONFLICT: 409, IDEMPOTENCY_MISMATCH: 422,
      UNAUTHORIZED: 401, FORBIDDEN: 403, RATE_LIMITED: 429, PAYLOAD_TOO_LARGE: 413, UNSUPPORTED_MEDIA_TYPE: 415, HEADERS_TOO_LARGE: 431, UNAVAILABLE: 503, INTERNAL: 500,
    });
  });

  it('answers malformed JSON with 400 naming the body', async () => {
    for (const text of ['{"lines": [', '{lines: []}', "{'a': 1}", '[1,2', 'nul', '{"a":1}}']) {
      expect(expectError(await post('/api/v1/orders', text), 400, 'VALIDATION_FAILED').details).toEqual({ field: 'body' });
    }
    // An empty body is no body: refused, naming it, where one is needed.
    expect(expectError(await post('/api/v1/orders', ''), 400, 'VALIDATION_FAILED')).toEqual({ code: 'VALIDATION_FAILED', message: 'body: must be object', details: { field: 'body', in: 'body' } });
  });

  it('refuses prototype poisoning, saying so rather than calling the JSON invalid', async () => {
    expect(expectError(await post('/api/v1/items', '{"sku":"P1","name":"P","__proto__":{"admin":true}}'), 400, 'VALIDATION_FAILED')).toMatchObject({
      message: 'body: must not have a key __proto__ or constructor.prototype', details: { field: 'body' },
    });
    expect(expectError(await post('/api/v1/items', '{"sku":"P1","name":"P","constructor":{"prototype":{"x":1}}}'), 400, 'VALIDATION_FAILED').message).toBe(
      'body: must not have a key __proto__ or constructor.prototype',
    );
  });

  it('refuses a JSON body that is not UTF-8 instead of storing U+FFFD for its bad bytes', async () => {
    for (const bad of [0xff, 0xfe, 0xc3]) {
      const body = Buffer.concat([Buffer.from('{"sku":"P2","name":"Caf'), Buffer.from([bad]), Buffer.from('"}')]);
      const refused = expectError(await api.call('admin', { method: 'POST', url: '/api/v1/items', payload: body, headers: { 'content-type': 'application/json; charset=utf-8' } }), 400, 'VALIDATION_FAILED');
      expect(refused).toMatchObject({ message: 'body: is not UTF-8 text; send JSON encoded as UTF-8', details: { field: 'body' } });
    }
    // Text beyond ASCII, properly encoded, is read as sent (a simulation writes nothing and says its policies' names back).
    const simulated = await post('/api/v1/simulations', JSON.stringify({ demand: { kind: 'series', values: [1, 2] }, leadTime: 1, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 3, name: 'Café Ölfilter 🛢' }] }));
    expect(simulated.statusCode).toBe(200);
    expect((simulated.json() as { results: { name: string }[] }).results[0]?.name).toBe('Café Ölfilter 🛢');
  });

  it('says a query parameter was given twice, or a whole number written unusually, rather than that it has the wrong type', async () => {
    const get = (url: string) => api.call('admin', { method: 'GET', url });
    expect(expectError(await get('/api/v1/stock?sku=WIDGET&sku=GADGET'), 400, 'VALIDATION_FAILED')).toMatchObject({
      message: 'sku: is given more than once; give it once', details: { field: 'sku', in: 'query' },
    });
    expect(expectError(await get('/api/v1/items?limit=5&limit=6'), 400, 'VALIDATION_FAILED').message).toBe('limit: is given more than once; give it once');
    for (const limit of ['0005', '+5', '5.0', '5e0']) {
      expect(expectError(await get(`/api/v1/items?limit=${encodeURIComponent(limit)}`), 400, 'VALIDATION_FAILED').message).toBe('limit: must be a whole number written plainly, such as 7 (not 07, +7, 7.0 or 7e0)');
    }
    for (const limit of ['many', '5.5', '99999999999999999999', '1e400']) {
      expect(expectError(await get(`/api/v1/items?limit=${limit}`), 400, 'VALIDATION_FAILED').message).toBe('limit: must be integer');
    }
  });

  it('answers bodies over 1 MiB with 413, and a large but allowed body with a 400 naming the field', async () => {
    const lines = Array.from({ length: 60_000 }, () => ({ sku: 'WIDGET', quantity: 1 }));
    const huge = JSON.stringify({ lines });
    expect(huge.length).toBeGreaterThan(BODY_LIMIT);
    expect(expectError(await post('/api/v1/orders', huge), 413, 'PAYLOAD_TOO_LARGE').message).toBe('the request body is larger than 1 MiB');
    const large = JSON.stringify({ lines: lines.slice(0, 30_000) });
    expect(large.length).toBeLessThan(BODY_LIMIT);
    expect(expectError(await post('/api/v1/orders', large), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'lines' });
  });

  it('says the limit of the route a body was too large for: a CSV import takes far more than JSON', async () => {
    const header = 'sku,location,count\n';
    const row = 'WIDGET,MAIN,5\n';
    const overCsvLimit = header + row.repeat(Math.ceil((CSV_BODY_LIMIT + 1) / row.length));
    expect(expectError(await post('/api/v1/stock/import', overCsvLimit, 'text/csv'), 413, 'PAYLOAD_TOO_LARGE').message).toBe('the request body is larger than 64 MiB');
    // Over the JSON limit, a stock count is still well within the CSV one: its problem is the repeated row.
    const longRow = `WIDGET,MAIN,5,${'counted by the night shift '.repeat(4)}\n`;
    const overJsonLimit = 'sku,location,count,reason\n' + longRow.repeat(Math.ceil((BODY_LIMIT + 1) / longRow.length));
    expect(expectError(await post('/api/v1/stock/import', overJsonLimit, 'text/csv'), 400, 'VALIDATION_FAILED').message).toMatch(/rows are invalid/);
  });

  it('refuses unknown fields anywhere in a body, naming them', async () => {
    const cases: [string, unknown, string][] = [
      ['/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1 }], coupon: 'FREE' }, 'coupon'],
      ['/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1, price: 0 }] }, 'lines[0].price'],
      ['/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1 }], customer: { phone: '1' } }, 'customer.phone'],
      ['/api/v1/items', { sku: 'N1', name: 'N', colour: 'red' }, 'colour'],
      ['/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'x', by: 'me' }, 'by'],
    ];
    for (const [url, payload, field] of cases) {
      const error = expectError(await post(url, JSON.stringify(payload)), 400, 'VALIDATION_FAILED');
      expect(error).toMatchObject({ message: `${field}: is not a known field`, details: { field, in: 'body' } });
    }
  });

  it('names missing, mistyped, fractional and out-of-range fields the way the use cases do', async () => {
    const cases: [unknown, string][] = [
      [{ lines: [{ sku: 'WIDGET' }] }, 'lines[0].quantity'],
      [{ lines: [{ sku: 'WIDGET', quantity: 1.5 }] }, 'lines[0].quantity'],
      [{ lines: [{ sku: 'WIDGET', quantity: '1' }] }, 'lines[0].quantity'],
      [{ lines: [{ sku: 'WIDGET', quantity: 1e12 }] }, 'lines[0].quantity'],
      [{ lines: [{ sku: 'WID GET', quantity: 1 }] }, 'lines[0].sku'],
      [{ lines: [{ sku: 'WIDGET', quantity: 1 }], priority: true }, 'priority'],
      [{ lines: [{ sku: 'WIDGET', quantity: 1 }], externalId: 'bad\u0000id' }, 'externalId'],
      // Half an emoji (text cut inside it): no database stores it as sent, so it is refused, not altered.
      [{ lines: [{ sku: 'WIDGET', quantity: 1 }], externalId: 'cut-\ud83d' }, 'externalId'],
      [{ customer: { name: 'Zo\udc00e' }, lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'customer.name'],
      [{ lines: [{ sku: 'WIDGET', quantity: 1, ['n\ud83dte']: 1 }] }, 'lines[0].n\ud83dte'],
      [{ lines: {} }, 'lines'],
      [[], 'body'],
      ['text', 'body'],
      [null, 'body'],
    ];
    // Nested far past any body's shape (as raw text: JSON.stringify itself overflows on it): refused by name, not a 500.
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const raw: [string, string][] = [
      ...cases.map(([payload, field]): [string, string] => [JSON.stringify(payload), field]),
      [`{"lines":[{"sku":"WIDGET","quantity":1}],"externalId":${deep}}`, 'externalId'],
      [`{"customer":{"name":${deep}},"lines":[{"sku":"WIDGET","quantity":1}]}`, 'customer'],
      [deep, 'body'],
    ];
    for (const [payload, field] of raw) {
      const error = expectError(await post('/api/v1/orders', payload), 400, 'VALIDATION_FAILED');
      expect(error.details).toMatchObject({ field });
      expect(error.message.startsWith(`${field}: `)).toBe(true);
    }
    expect(expectError(await post('/api/v1/orders', JSON.stringify({ lines: [{ sku: 'WIDGET', quantity: 1 }], externalId: 'cut-\ud83d' })), 400, 'VALIDATION_FAILED').message)
      .toBe('externalId: must be whole characters: it holds half of one (a lone UTF-16 surrogate, as text cut inside an emoji leaves)');
  });

  it('says the values a field of a fixed list may take', async () => {
    const shortage = expectError(await post('/api/v1/orders', JSON.stringify({ shortage: 'wait', lines: [{ sku: 'WIDGET', quantity: 1 }] })), 400, 'VALIDATION_FAILED');
    expect(shortage).toMatchObject({ message: 'shortage: must be one of backorder, partial, in_stock_only', details: { field: 'shortage' } });
    const format = expectError(await api.call('admin', { url: '/api/v1/kpis?format=xml' }), 400, 'VALIDATION_FAILED');
    expect(format).toMatchObject({ message: 'format: must be one of json, csv', details: { field: 'format' } });
  });

  it('names a field sent by a wrong name before the required one it stands for', async () => {
    const patch = (payload: object) => api.call('admin', { method: 'PATCH', url: '/api/v1/orders/1', payload });
    expect(expectError(await patch({ status: 'cancelled' }), 400, 'VALIDATION_FAILED')).toMatchObject({ message: 'status: is not a known field', details: { field: 'status' } });
    expect(expectError(await patch({}), 400, 'VALIDATION_FAILED')).toMatchObject({ message: 'priority: is required', details: { field: 'priority' } });
  });

  it('lists no values for a field whose union also takes another kind of value (a number, null)', async () => {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setErrorHandler(handleError);
    const fields = {
      limit: Type.Union([Type.Literal('all'), Type.Integer({ minimum: 1 })]),
      mode: Type.Union([Type.Enum(['a', 'b']), Type.Null()]),
      side: Type.Union([Type.Literal('x'), Type.Literal('y'), Type.Null()]),
      flag: Type.Literal(true),
      kind: Type.Union([Type.Literal('x'), Type.Literal('y')]),
    };
    app.post('/x', { schema: { body: Type.Object(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Type.Optional(v)])), { additionalProperties: false }) } }, async () => ({}));
    const message = async (payload: object) => (JSON.parse((await app.inject({ method: 'POST', url: '/x', payload })).body) as { error: { message: string } }).error.message;
    for (const payload of [{ limit: 'some' }, { mode: 'c' }, { side: 'z' }, { flag: false }]) expect(await message(payload)).not.toMatch(/must be one of/);
    expect(await message({ kind: 'z' })).toBe('kind: must be one of x, y');
    await app.close();
  });

  it('answers a body that is not JSON with 415, and text with a 400', async () => {
    expect(expectError(await post('/api/v1/orders', '<order/>', 'application/xml'), 415, 'UNSUPPORTED_MEDIA_TYPE').details).toEqual({ field: 'content-type' });
    expect(expectError(await post('/api/v1/orders', 'lines=1', 'text/plain'), 400, 'VALIDATION_FAILED')).toMatchObject({
      message: 'body: must be JSON sent with content-type application/json (it came as text)', details: { field: 'body' },
    });
  });

  it('answers a URL that is not valid percent-encoding with 400 naming the url', async () => {
    for (const url of ['/api/v1/items/%E0%A4%A', '/api/v1/items/%', '/%c0']) {
      expect(expectError(await api.call('admin', { url }), 400, 'VALIDATION_FAILED').details).toEqual({ field: 'url' });
    }
  });

  it('answers unknown routes and methods with 404 in the same shape', async () => {
    expect(expectError(await api.call('admin', { url: '/api/v1/widgets' }), 404, 'NOT_FOUND').message).toBe('no route GET /api/v1/widgets');
    expectError(await api.call(null, { url: '/api/v2/items' }), 404, 'NOT_FOUND');
    expectError(await api.call('admin', { method: 'DELETE', url: '/api/v1/items/WIDGET' }), 404, 'NOT_FOUND');
    expectError(await api.call('admin', { method: 'PUT', url: '/api/v1/orders' }), 404, 'NOT_FOUND');
  });
});

describe('unexpected failures', () => {
  it('answer 500 INTERNAL with a generic message that reveals nothing', async () => {
    const broken: Store = {
      dialect: 'sqlite',
      transaction: () => Promise.reject(new Error('relation "secret_table" password=hunter2')),
      read: () => Promise.reject(new TypeError('cannot read x of undefined at /srv/restock/src/app.js:12')),
      snapshot: () => Promise.reject(new TypeError('cannot read x of undefined at /srv/restock/src/app.js:12')),
      close: async () => undefined,
    };
    const app = await buildApp({ store: broken, rateLimit: false });
    const response = await app.inject({ url: '/readyz' });
    expect(response.statusCode).toBe(503);
    const internal = await app.inject({ url: '/api/v1/items', headers: { authorization: 'Bearer rk_0123456789abcdefghijklmnopqrstuvwxyz' } });
    expect(internal.statusCode).toBe(500);
    expect(internal.json()).toEqual({ error: { code: 'INTERNAL', message: 'an internal error occurred; it has been logged', details: null, requestId: internal.headers['x-request-id'] } });
    expect(internal.body).not.toMatch(/secret|hunter2|undefined|srv/);
    await app.close();
  });
});
