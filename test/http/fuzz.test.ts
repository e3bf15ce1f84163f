import fc from 'fast-check';
import type { HTTPMethods, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectInvariants } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dumpDatabase, json, seedCatalogue, startApi, type ApiHarness } from './support.js';

/** How a field may be broken: every generated value is one the API must refuse. */
type Kind = 'sku' | 'text' | 'int' | 'positive' | 'bool' | 'enum' | 'lines' | 'object' | 'skus';

interface BodyRoute {
  readonly method: HTTPMethods;
  readonly url: string;
  /** A valid body, and the kind of each of its fields. */
  readonly body: Record<string, unknown>;
  readonly kinds: Record<string, Kind>;
}

interface QueryRoute {
  readonly url: string;
  readonly kinds: Record<string, Kind | 'cursor' | 'time'>;
}

const BODY_ROUTES: readonly BodyRoute[] = [
  { method: 'POST', url: '/api/v1/locations', body: { code: 'SHOP', name: 'Shop', priority: 1, active: true }, kinds: { code: 'sku', name: 'text', priority: 'int', active: 'bool' } },
  { method: 'PATCH', url: '/api/v1/locations/MAIN', body: { name: 'Main', priority: 1, active: true }, kinds: { name: 'text', priority: 'int', active: 'bool' } },
  {
    method: 'POST', url: '/api/v1/items',
    body: { sku: 'NEW', name: 'New', unitPrice: 1, unitCost: 1, backorderPolicy: 'allow', backorderLimit: 3, lowStockThreshold: 1, leadTimeDays: 3, substitutes: ['WIDGET'], discontinued: false },
    kinds: { sku: 'sku', name: 'text', unitPrice: 'int', unitCost: 'int', backorderPolicy: 'enum', backorderLimit: 'int', lowStockThreshold: 'int', leadTimeDays: 'int', substitutes: 'skus', discontinued: 'bool' },
  },
  { method: 'PATCH', url: '/api/v1/items/WIDGET', body: { name: 'W', unitPrice: 2, backorderPolicy: 'deny' }, kinds: { name: 'text', unitPrice: 'int', backorderPolicy: 'enum' } },
  { method: 'POST', url: '/api/v1/stock/adjustments', body: { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'x' }, kinds: { sku: 'sku', location: 'sku', delta: 'int', reason: 'text' } },
  { method: 'POST', url: '/api/v1/stock/transfers', body: { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 1, reason: 'x' }, kinds: { sku: 'sku', from: 'sku', to: 'sku', quantity: 'positive', reason: 'text' } },
  {
    method: 'POST', url: '/api/v1/orders',
    body: { externalId: 'E-1', customer: { id: 'c', email: 'a@b.c', name: 'n' }, priority: 1, shortage: 'partial', lines: [{ sku: 'WIDGET', quantity: 1 }] },
    kinds: { externalId: 'text', customer: 'object', priority: 'int', shortage: 'enum', lines: 'lines' },
  },
  { method: 'POST', url: '/api/v1/orders/1/shipments', body: { lines: [{ sku: 'WIDGET', quantity: 1 }] }, kinds: { lines: 'lines' } },
  { method: 'POST', url: '/api/v1/orders/1/cancel', body: { lines: [{ sku: 'WIDGET', quantity: 1 }], reason: 'x' }, kinds: { lines: 'lines', reason: 'text' } },
  { method: 'PATCH', url: '/api/v1/orders/1', body: { priority: 2 }, kinds: { priority: 'int' } },
  { method: 'POST', url: '/api/v1/keys', body: { name: 'k', role: 'viewer' }, kinds: { name: 'text', role: 'enum' } },
];

const QUERY_ROUTES: readonly QueryRoute[] = [
  { url: '/api/v1/locations', kinds: {} },
  { url: '/api/v1/items', kinds: { search: 'text', status: 'enum', cursor: 'cursor', limit: 'positive' } },
  { url: '/api/v1/stock', kinds: { sku: 'sku', location: 'sku', cursor: 'cursor', limit: 'positive' } },
  { url: '/api/v1/stock/movements', kinds: { sku: 'sku', location: 'sku', kind: 'enum', since: 'time', until: 'time', cursor: 'cursor', limit: 'positive' } },
  { url: '/api/v1/availability', kinds: { sku: 'sku' } },
  { url: '/api/v1/orders', kinds: { status: 'enum', sku: 'sku', cursor: 'cursor', limit: 'positive' } },
  { url: '/api/v1/backorders', kinds: { sku: 'sku', cursor: 'cursor', limit: 'positive' } },
  { url: '/api/v1/events', kinds: { after: 'int', limit: 'positive' } },
  { url: '/api/v1/keys', kinds: {} },
];

const PATH_ROUTES: readonly { method: HTTPMethods; url: (param: string) => string; kind: 'sku' | 'id' }[] = [
  { method: 'GET', url: (p) => `/api/v1/items/${p}`, kind: 'sku' },
  { method: 'PATCH', url: (p) => `/api/v1/items/${p}`, kind: 'sku' },
  { method: 'PATCH', url: (p) => `/api/v1/locations/${p}`, kind: 'sku' },
  { method: 'GET', url: (p) => `/api/v1/orders/${p}`, kind: 'id' },
  { method: 'POST', url: (p) => `/api/v1/orders/${p}/shipments`, kind: 'id' },
  { method: 'POST', url: (p) => `/api/v1/orders/${p}/cancel`, kind: 'id' },
  { method: 'PATCH', url: (p) => `/api/v1/orders/${p}`, kind: 'id' },
  { method: 'DELETE', url: (p) => `/api/v1/keys/${p}`, kind: 'id' },
];

const anyText = fc.string({ unit: 'binary', maxLength: 30 });
const notString = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.jsonValue(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }));
const badSkuText = fc.oneof(
  fc.tuple(anyText, fc.constantFrom(' ', '!', '/', '%', 'ä', '\u0000', '?', '#', '*', '\n'), anyText).map(([a, bad, b]) => `${a}${bad}${b}`),
  fc.string({ minLength: 65, maxLength: 90 }).map((s) => `${s}x`.padEnd(65, 'x')),
  fc.constant(''),
);
const badInt = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Number.isInteger(d)),
  fc.integer({ min: 2_000_000_001, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: -2_000_000_001 }),
  fc.string({ maxLength: 6 }),
  fc.boolean(),
  fc.array(fc.integer(), { maxLength: 2 }),
);
const badQueryNumber = fc.constantFrom('abc', '1.5', '-1', '1e3', '', '99999999999', '0x10', ' 5', 'true', '5abc', '+3', '00');
const badCursor = fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom('!', '=', '.', '+', '/', ' ', '*'), fc.string({ maxLength: 10 })).map(([a, bad, b]) => `${a}${bad}${b}`);

function invalidBodyValue(kind: Kind): fc.Arbitrary<unknown> {
  switch (kind) {
    case 'sku':
      return fc.oneof(badSkuText, notString);
    case 'text':
      return fc.oneof(fc.constant(''), anyText.map((s) => `${s}\u0000`), fc.string({ minLength: 501, maxLength: 600 }), notString.filter((v) => v !== null));
    case 'int':
      return badInt;
    case 'positive':
      return fc.oneof(badInt, fc.integer({ min: -1000, max: 0 }));
    case 'bool':
      return fc.oneof(fc.constantFrom('true', 'false', 0, 1, null), fc.array(fc.boolean(), { maxLength: 2 }));
    case 'enum':
      return fc.oneof(fc.string({ maxLength: 12 }).map((s) => `${s}~`), fc.integer(), fc.constant(null));
    case 'lines':
      return fc.oneof(
        fc.constant([]),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 })),
        fc.array(fc.oneof(fc.constant({}), fc.record({ sku: badSkuText, quantity: fc.integer({ min: 1, max: 5 }) }), fc.record({ sku: fc.constant('WIDGET'), quantity: fc.oneof(badInt, fc.integer({ min: -5, max: 0 })) }), fc.integer()), { minLength: 1, maxLength: 3 }),
      );
    case 'object':
      return fc.oneof(fc.array(fc.jsonValue(), { maxLength: 2 }), fc.string(), fc.integer(), fc.record({ phone: fc.string() }));
    case 'skus':
      return fc.oneof(fc.string(), fc.integer(), fc.array(badSkuText, { minLength: 1, maxLength: 2 }), fc.constant(Array.from({ length: 21 }, (_, i) => `S${i}`)));
  }
}

function invalidQueryValue(kind: QueryRoute['kinds'][string]): fc.Arbitrary<string> {
  switch (kind) {
    case 'sku':
      return badSkuText;
    case 'int':
    case 'positive':
      return kind === 'positive' ? fc.oneof(badQueryNumber, fc.constant('0')) : badQueryNumber;
    case 'cursor':
      return badCursor;
    case 'time':
      return fc.oneof(fc.string({ maxLength: 8 }).map((s) => `x${s}`), fc.constantFrom('2026-13-45', '2026-02-30T25:00:00Z', '1/1/2026', 'yesterday'));
    case 'text':
      return fc.string({ minLength: 101, maxLength: 130 });
    default:
      return fc.string({ maxLength: 10 }).map((s) => `${s}~`);
  }
}

const withBody = (route: BodyRoute, body: unknown): InjectOptions => ({ method: route.method, url: route.url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });

/** One request the API must refuse with a 4xx, whatever route it aims at. */
const malformedRequest: fc.Arbitrary<InjectOptions & { authorized: boolean }> = fc.oneof(
  // A field of a valid body broken in a way its schema forbids.
  fc.constantFrom(...BODY_ROUTES).chain((route) =>
    fc.constantFrom(...Object.keys(route.kinds)).chain((field) =>
      invalidBodyValue(route.kinds[field] as Kind).map((value) => ({ ...withBody(route, { ...route.body, [field]: value }), authorized: true })),
    ),
  ),
  // A field no route knows.
  fc.tuple(fc.constantFrom(...BODY_ROUTES), fc.string({ minLength: 1, maxLength: 12 }), fc.jsonValue()).filter(([route, key]) => !(key in route.kinds)).map(([route, key, value]) => {
    const body: Record<string, unknown> = { ...route.body };
    Object.defineProperty(body, key, { value, enumerable: true });
    return { ...withBody(route, body), authorized: true };
  }),
  // A body that is not an object, or not JSON at all.
  fc.tuple(fc.constantFrom(...BODY_ROUTES), fc.oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.integer(), fc.string(), fc.constant(null), fc.boolean()))
    .map(([route, body]) => ({ ...withBody(route, body), authorized: true })),
  fc.tuple(fc.constantFrom(...BODY_ROUTES), fc.string({ unit: 'binary', maxLength: 60 })).map(([route, text]) => ({
    method: route.method, url: route.url, payload: `${JSON.stringify(route.body).slice(0, -1)}${text.replace(/}/g, '')},`, headers: { 'content-type': 'application/json' }, authorized: true,
  })),
  // A body in another media type.
  fc.tuple(fc.constantFrom(...BODY_ROUTES), fc.constantFrom('text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/octet-stream'), fc.string())
    .map(([route, type, text]) => ({ method: route.method, url: route.url, payload: text, headers: { 'content-type': type }, authorized: true })),
  // A broken query parameter, or one the route does not know.
  fc.constantFrom(...QUERY_ROUTES).chain((route) =>
    fc.oneof(
      ...(Object.keys(route.kinds).length > 0
        ? [fc.constantFrom(...Object.keys(route.kinds)).chain((name) => invalidQueryValue(route.kinds[name] as QueryRoute['kinds'][string]).map((value) => [name, value] as const))]
        : []),
      fc.tuple(fc.string({ minLength: 1, maxLength: 8 }).filter((n) => !(n in route.kinds) && !n.includes('[')), fc.string({ maxLength: 8 })),
    ).map(([name, value]) => ({ method: 'GET' as const, url: `${route.url}?${encodeURIComponent(name)}=${encodeURIComponent(value)}`, authorized: true })),
  ),
  // A broken path parameter.
  fc.constantFrom(...PATH_ROUTES).chain((route) =>
    (route.kind === 'sku' ? badSkuText.filter((s) => s !== '') : fc.oneof(badQueryNumber.filter((s) => s !== '' && s.trim() === s), fc.constant('0'))).map((param) => ({
      method: route.method, url: route.url(encodeURIComponent(param)), payload: '{}', headers: { 'content-type': 'application/json' }, authorized: true,
    })),
  ),
  // A path that is not valid percent-encoding.
  fc.tuple(fc.constantFrom(...PATH_ROUTES), fc.constantFrom('%', '%Z', '%E0%A4%A', '%c0', '%%', 'a%2'), fc.string({ maxLength: 4 }))
    .map(([route, bad, tail]) => ({ method: route.method, url: route.url(`${bad}${encodeURIComponent(tail)}`), authorized: true })),
  // A missing or wrong key on any route, with a valid body.
  fc.tuple(fc.constantFrom(...BODY_ROUTES), fc.option(fc.string({ maxLength: 40 }), { nil: undefined })).map(([route, token]) => ({
    ...withBody(route, route.body), headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) }, authorized: false,
  })),
);

const RUNS = 2_500;

for (const dialect of DIALECTS) {
  describe(`fuzzing the API with malformed requests on ${dialect}`, () => {
    let api: ApiHarness;

    beforeAll(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
      json(await api.call('admin', { method: 'POST', url: '/api/v1/orders', payload: { lines: [{ sku: 'WIDGET', quantity: 2 }, { sku: 'GIZMO', quantity: 1 }] } }), 201);
    });

    afterAll(async () => {
      await api.close();
    });

    it(`refuses ${RUNS} generated malformed requests with a 4xx in the error shape and writes nothing`, async () => {
      const before = await dumpDatabase(api.store);
      let sent = 0;
      await fc.assert(
        fc.asyncProperty(malformedRequest, async ({ authorized, ...request }) => {
          sent += 1;
          const response = authorized ? await api.call('admin', request) : await api.app.inject(request);
          expect(response.statusCode, `${request.method} ${request.url} ${String(request.payload)} → ${response.body}`).toBeGreaterThanOrEqual(400);
          expect(response.statusCode, `${request.method} ${request.url} ${String(request.payload)} → ${response.body}`).toBeLessThan(500);
          expect(Object.keys(response.json<{ error: object }>().error).sort()).toEqual(['code', 'details', 'message', 'requestId']);
        }),
        { numRuns: RUNS },
      );
      expect(sent).toBe(RUNS);
      expect(await dumpDatabase(api.store)).toEqual(before);
      await expectInvariants(api.store);
    });

    it('refuses a NUL character anywhere in a request, naming where, and writes nothing', async () => {
      const before = await dumpDatabase(api.store);
      const refusals: [InjectOptions, string][] = [
        [{ method: 'POST', url: '/api/v1/webhooks/endpoints', payload: { url: 'https://example.com/h', secret: '0123456789abcdef\u0000' } }, 'secret'],
        [{ method: 'POST', url: '/api/v1/orders', payload: { customer: { email: 'a\u0000@b.io' }, lines: [{ sku: 'WIDGET', quantity: 1 }] } }, 'customer.email'],
        [{ method: 'GET', url: '/api/v1/items?search=a%00b' }, 'search'],
        [{ method: 'POST', url: '/api/v1/purchase-orders/import', headers: { 'content-type': 'text/csv' }, payload: 'supplier,sku,quantity,reference\nSUP,WIDGET,1,a\u0000b\n' }, 'line 2'],
        [{ method: 'POST', url: '/api/v1/demand/import', headers: { 'content-type': 'text/csv' }, payload: 'sku,date,quantity,location\nWIDGET,2025-01-01,1,M\u0000\n' }, 'line 2'],
        [{ method: 'POST', url: '/api/v1/items/import', headers: { 'content-type': 'text/csv' }, payload: 'sku,name\nWIDGET,Widget\nGADGET,Gad\u0000get\n' }, 'line 3'],
        [{ method: 'POST', url: '/api/v1/stock/import', headers: { 'content-type': 'text/csv' }, payload: 'sku,location,count,reason\nWIDGET,MAIN,1,a\u0000\n' }, 'line 2'],
      ];
      for (const [request, field] of refusals) {
        const response = await api.call('admin', request);
        expect(response.statusCode, `${request.url} → ${response.body}`).toBe(400);
        expect(response.json()).toMatchObject({ error: { code: 'VALIDATION_FAILED', details: { field } } });
      }
      expect(await dumpDatabase(api.store)).toEqual(before);
    });
  });
}
