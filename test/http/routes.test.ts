import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashRequest } from '../../src/app/request-hash.js';
import type { Store } from '../../src/app/ports.js';
import { buildApp } from '../../src/http/app.js';
import type { OpenedStore } from '../../src/storage/open-store.js';
import { StorageUnavailable } from '../../src/storage/storage-errors.js';
import { expectInvariants } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { expectError, json, seedCatalogue, startApi, type ApiHarness } from './support.js';

type Page<T = Record<string, unknown>> = { items: T[]; nextCursor: string | null };
type OrderBody = { id: number; status: string; lines: { sku: string; allocated: number; backordered: number; shipped: number; cancelled: number; eta: string | null; allocations: { location: string; quantity: number }[] }[] };

for (const dialect of DIALECTS) {
  describe(`HTTP routes on ${dialect}`, () => {
    let api: ApiHarness;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
    const as = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>) =>
      api.call('admin', { method, url, ...(payload === undefined ? {} : { payload: payload as object }), ...(headers ? { headers } : {}) });
    const placeOrder = async (lines: Record<string, number>, extra: Record<string, unknown> = {}) =>
      json<OrderBody>(await as('POST', '/api/v1/orders', { ...extra, lines: Object.entries(lines).map(([sku, quantity]) => ({ sku, quantity })) }), 201);

    beforeEach(async () => {
      tick = 0;
      api = await startApi(dialect, { clock });
      await seedCatalogue(api);
    });

    afterEach(async () => {
      await expectInvariants(api.store);
      await api.close();
    });

    describe('locations', () => {
      it('creates, lists by preference and changes locations', async () => {
        expect(json(await as('POST', '/api/v1/locations', { code: 'STORE-2', name: 'Shop', priority: 3, active: false }), 201))
          .toEqual({ code: 'STORE-2', name: 'Shop', priority: 3, active: false });
        const list = json<{ items: { code: string }[] }>(await as('GET', '/api/v1/locations'), 200);
        expect(list.items.map((l) => l.code)).toEqual(['MAIN', 'STORE-2', 'BACKUP']);
        expect(json(await as('PATCH', '/api/v1/locations/STORE-2', { name: 'Shop floor', active: true }), 200))
          .toEqual({ code: 'STORE-2', name: 'Shop floor', priority: 3, active: true, movedAllocations: 0, warnings: [] });
      });

      it('refuses a duplicate code, a bad code, an unknown location and unknown fields', async () => {
        expect(expectError(await as('POST', '/api/v1/locations', { code: 'MAIN', name: 'Again' }), 409, 'CONFLICT').details).toEqual({ field: 'code' });
        const twin = expectError(await as('POST', '/api/v1/locations', { code: 'main', name: 'Again, in lower case' }), 409, 'CONFLICT');
        expect([twin.message, twin.details]).toEqual(['code: location MAIN already exists; codes that differ only in case would be read as one place', { field: 'code' }]);
        expect(expectError(await as('POST', '/api/v1/locations', { code: 'has space', name: 'X' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'code' });
        expectError(await as('PATCH', '/api/v1/locations/NOWHERE', { name: 'X' }), 404, 'NOT_FOUND');
        expect(expectError(await as('PATCH', '/api/v1/locations/MAIN', { code: 'NEW' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'code' });
      });
    });

    describe('items', () => {
      it('creates an item with defaults and shows its stock figures and status', async () => {
        const created = json(await as('POST', '/api/v1/items', { sku: 'NEW-1', name: 'New thing' }), 201);
        expect(created).toEqual({
          sku: 'NEW-1', name: 'New thing', unitPrice: 0, unitCost: 0, backorderPolicy: 'deny', backorderLimit: null, lowStockThreshold: 0,
          leadTimeDays: 14, substitutes: [], discontinued: false, status: 'out_of_stock', onHand: 0, allocated: 0, available: 0, incoming: 0, backordered: 0, projected: 0,
        });
        expect(json(await as('GET', '/api/v1/items/WIDGET'), 200)).toMatchObject({ sku: 'WIDGET', status: 'in_stock', onHand: 5, available: 5 });
        expect(json(await as('GET', '/api/v1/items/GADGET'), 200)).toMatchObject({ status: 'in_stock', available: 10 });
      });

      it('lists by sku with search, status filter and cursor pagination', async () => {
        const first = json<Page<{ sku: string }>>(await as('GET', '/api/v1/items?limit=2'), 200);
        expect(first.items.map((i) => i.sku)).toEqual(['GADGET', 'GIZMO']);
        expect(first.nextCursor).toEqual(expect.any(String));
        const second = json<Page<{ sku: string }>>(await as('GET', `/api/v1/items?limit=2&cursor=${first.nextCursor}`), 200);
        expect(second).toEqual({ items: [expect.objectContaining({ sku: 'WIDGET' })], nextCursor: null });
        const searched = json<Page<{ sku: string }>>(await as('GET', '/api/v1/items?search=gi'), 200);
        expect(searched.items.map((i) => i.sku)).toEqual(['GIZMO']);
        const backorderable = json<Page<{ sku: string; status: string }>>(await as('GET', '/api/v1/items?status=backorder'), 200);
        expect(backorderable.items.map((i) => [i.sku, i.status])).toEqual([['GIZMO', 'backorder']]);
        expect(json<Page>(await as('GET', '/api/v1/items?status=out_of_stock'), 200).items).toEqual([]);
        // Case is ignored beyond ASCII too: a name typed in capitals is found in small letters.
        json(await as('POST', '/api/v1/items', { sku: 'OEL-1', name: 'ÖLFILTER ÉCONOMIQUE' }), 201);
        for (const search of ['ölfilter', 'Économique', 'ÖLFILTER']) {
          expect({ search, found: json<Page<{ sku: string }>>(await as('GET', `/api/v1/items?search=${encodeURIComponent(search)}`), 200).items.map((i) => i.sku) }).toEqual({ search, found: ['OEL-1'] });
        }
      });

      it('pages through a status filter that skips items', async () => {
        for (const n of [1, 2, 3, 4, 5]) json(await as('POST', '/api/v1/items', { sku: `Z-${n}`, name: `Zed ${n}`, backorderPolicy: n % 2 ? 'allow' : 'deny' }), 201);
        const skus: string[] = [];
        let cursor: string | null = null;
        do {
          const page: Page<{ sku: string }> = json(await as('GET', `/api/v1/items?status=backorder&limit=1${cursor ? `&cursor=${cursor}` : ''}`), 200);
          skus.push(...page.items.map((i) => i.sku));
          cursor = page.nextCursor;
        } while (cursor);
        expect(skus).toEqual(['GIZMO', 'Z-1', 'Z-3', 'Z-5']);
      });

      it('changes an item, and a policy change serves the queue at once', async () => {
        const patched = json(await as('PATCH', '/api/v1/items/GADGET', { name: 'Gadget II', backorderLimit: 4, substitutes: ['GIZMO'] }), 200);
        expect(patched).toMatchObject({ sku: 'GADGET', name: 'Gadget II', backorderLimit: 4, substitutes: ['GIZMO'] });
        expect(json(await as('PATCH', '/api/v1/items/WIDGET', { sku: 'WIDGET', lowStockThreshold: 5 }), 200)).toMatchObject({ status: 'low_stock' });
      });

      it('refuses duplicates, unknown substitutes, unknown items, sku changes and bad values', async () => {
        expectError(await as('POST', '/api/v1/items', { sku: 'WIDGET', name: 'Again' }), 409, 'CONFLICT');
        expect(expectError(await as('POST', '/api/v1/items', { sku: 'X1', name: 'X', substitutes: ['NOPE'] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'substitutes' });
        expect(expectError(await as('POST', '/api/v1/items', { sku: 'X1', name: 'X', unitPrice: -1 }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'unitPrice' });
        expect(expectError(await as('POST', '/api/v1/items', { sku: 'X1', name: '   ' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'name' });
        expectError(await as('GET', '/api/v1/items/NOPE'), 404, 'NOT_FOUND');
        expectError(await as('PATCH', '/api/v1/items/NOPE', { name: 'X' }), 404, 'NOT_FOUND');
        expect(expectError(await as('PATCH', '/api/v1/items/WIDGET', { sku: 'OTHER' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'sku' });
        expect(expectError(await as('GET', '/api/v1/items?cursor=bm9wZQ'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'cursor' });
        expect(expectError(await as('GET', '/api/v1/items?status=sold_out'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'status', in: 'query' });
      });
    });

    describe('stock', () => {
      it('adjusts by a delta and to a count, writing movements', async () => {
        expect(json(await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'BACKUP', delta: 4, reason: 'found' }), 201))
          .toEqual({ sku: 'WIDGET', location: 'BACKUP', onHand: 4, allocated: 0, delta: 4, returnedToQueue: 0, movedToOtherLocations: 0, backordersFilled: 0 });
        expect(json(await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', count: 2, reason: 'cycle count' }), 201))
          .toMatchObject({ onHand: 2, delta: -3 });
        const moves = json<Page<{ kind: string; onHandDelta: number; actor: string }>>(await as('GET', '/api/v1/stock/movements?sku=WIDGET&kind=adjustment'), 200);
        expect(moves.items.map((m) => m.onHandDelta)).toEqual([5, 4, -3]);
        expect(moves.items[1]?.actor).toMatch(/^key:\d+$/);
      });

      it('refuses delta with count, unknown items or locations and overdraws', async () => {
        expect(expectError(await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', delta: 1, count: 1, reason: 'x' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'count' });
        expect(expectError(await as('POST', '/api/v1/stock/adjustments', { sku: 'NOPE', location: 'MAIN', delta: 1, reason: 'x' }), 404, 'NOT_FOUND').details).toEqual({ field: 'sku' });
        expect(expectError(await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'NOWHERE', delta: 1, reason: 'x' }), 404, 'NOT_FOUND').details).toEqual({ field: 'location' });
        expectError(await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', delta: -6, reason: 'x' }), 409, 'CONFLICT');
        expect(expectError(await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', delta: 1.5, reason: 'x' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'delta' });
      });

      it('transfers available units and refuses more than are available', async () => {
        expect(json(await as('POST', '/api/v1/stock/transfers', { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 2 }), 201))
          .toMatchObject({ sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 2 });
        const levels = json<Page<{ location: string; onHand: number }>>(await as('GET', '/api/v1/stock?sku=WIDGET'), 200);
        expect(levels.items.map((l) => [l.location, l.onHand])).toEqual([['BACKUP', 2], ['MAIN', 3]]);
        expect(expectError(await as('POST', '/api/v1/stock/transfers', { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 4 }), 409, 'CONFLICT').details).toMatchObject({ field: 'quantity', available: 3 });
        expect(expectError(await as('POST', '/api/v1/stock/transfers', { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 0 }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'quantity' });
      });

      it('lists stock levels by item and location with pagination', async () => {
        const all = json<Page<{ sku: string; location: string; available: number }>>(await as('GET', '/api/v1/stock'), 200);
        expect(all.items.map((l) => `${l.sku}@${l.location}`)).toEqual(['GADGET@BACKUP', 'WIDGET@MAIN']);
        const first = json<Page<{ sku: string }>>(await as('GET', '/api/v1/stock?limit=1'), 200);
        const second = json<Page<{ sku: string }>>(await as('GET', `/api/v1/stock?limit=1&cursor=${first.nextCursor}`), 200);
        expect([first.items[0]?.sku, second.items[0]?.sku, second.nextCursor]).toEqual(['GADGET', 'WIDGET', null]);
        expect(json<Page>(await as('GET', '/api/v1/stock?location=BACKUP'), 200).items).toEqual([
          { sku: 'GADGET', location: 'BACKUP', locationActive: true, onHand: 10, allocated: 0, available: 10 },
        ]);
        expect(expectError(await as('GET', '/api/v1/stock?sku=NOPE'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'sku' });
        expect(expectError(await as('GET', '/api/v1/stock?location=NOWHERE'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'location' });
      });

      it('filters movements by location, kind and time, with pagination', async () => {
        await placeOrder({ WIDGET: 2 });
        const allocations = json<Page<{ kind: string; allocatedDelta: number; orderId: number }>>(await as('GET', '/api/v1/stock/movements?kind=allocation'), 200);
        expect(allocations.items).toEqual([expect.objectContaining({ kind: 'allocation', allocatedDelta: 2, orderId: 1 })]);
        expect(json<Page>(await as('GET', '/api/v1/stock/movements?location=BACKUP'), 200).items).toHaveLength(1);
        expect(json<Page>(await as('GET', '/api/v1/stock/movements?since=2099-01-01'), 200).items).toEqual([]);
        expect(json<Page>(await as('GET', '/api/v1/stock/movements?until=2026-01-01T00:00:00Z'), 200).items).toEqual([]);
        const page = json<Page>(await as('GET', '/api/v1/stock/movements?limit=2'), 200);
        const rest = json<Page>(await as('GET', `/api/v1/stock/movements?limit=2&cursor=${page.nextCursor}`), 200);
        expect(page.items.length + rest.items.length).toBe(3);
        expect(expectError(await as('GET', '/api/v1/stock/movements?since=yesterday'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'since' });
        // A day the calendar does not have is refused, not read as the 2nd of March.
        expect(expectError(await as('GET', '/api/v1/stock/movements?until=2026-02-30'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'until' });
        expect(expectError(await as('GET', '/api/v1/stock/movements?since=2026-02-30T10:00:00Z'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'since' });
        expect(expectError(await as('GET', '/api/v1/stock/movements?kind=theft'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'kind' });
      });
    });

    describe('availability', () => {
      it('answers for many items with status, backorderable units, ETA and substitutes', async () => {
        const answer = json<{ items: Record<string, unknown>[] }>(await as('GET', '/api/v1/availability?sku=WIDGET&sku=GIZMO&sku=GADGET'), 200);
        expect(answer.items).toEqual([
          expect.objectContaining({ sku: 'WIDGET', status: 'in_stock', available: 5, backorderable: null, eta: null }),
          expect.objectContaining({ sku: 'GIZMO', status: 'backorder', available: 0, backorderable: null, eta: '2026-01-15', substitutes: [{ sku: 'WIDGET', status: 'in_stock', available: 5 }] }),
          expect.objectContaining({ sku: 'GADGET', status: 'in_stock', backorderable: 0 }),
        ]);
        expect(json<{ items: unknown[] }>(await as('GET', '/api/v1/availability?sku=WIDGET'), 200).items).toHaveLength(1);
      });

      it('refuses unknown and missing skus', async () => {
        expect(expectError(await as('GET', '/api/v1/availability?sku=WIDGET&sku=NOPE'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'sku[1]' });
        expect(expectError(await as('GET', '/api/v1/availability'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'sku', in: 'query' });
      });
    });

    describe('orders', () => {
      it('places an order, allocating from stock and backordering the rest with an ETA', async () => {
        const order = await placeOrder({ WIDGET: 7 }, { externalId: 'SHOP-1', customer: { email: 'a@example.com' }, priority: 2 });
        expect(order).toMatchObject({ status: 'backordered', lines: [{ sku: 'WIDGET', allocated: 5, backordered: 2, eta: '2026-01-11', allocations: [{ location: 'MAIN', quantity: 5 }] }] });
        // Read back, the waiting line also says where it stands in the queue: first, nobody ahead.
        const read = json<typeof order>(await as('GET', `/api/v1/orders/${order.id}`), 200);
        expect(read).toEqual({ ...order, lines: order.lines.map((line) => ({ ...line, queue: { position: 1, unitsAhead: 0 } })) });
      });

      it('rejects the whole order when a line cannot be covered (OUT_OF_STOCK with per-line availability)', async () => {
        const error = expectError(await as('POST', '/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'GADGET', quantity: 11 }] }), 409, 'OUT_OF_STOCK');
        expect(error.details).toMatchObject({ lines: expect.arrayContaining([expect.objectContaining({ sku: 'GADGET', requested: 11, available: 10 })]) });
        expect(error.message).toBe('not enough stock for GADGET (11 asked for, 10 available, none may wait on backorder); nothing was reserved');
        const twoShort = { shortage: 'in_stock_only', lines: [{ sku: 'WIDGET', quantity: 4 }, { sku: 'GADGET', quantity: 11 }, { sku: 'WIDGET', quantity: 2 }] };
        expect(expectError(await as('POST', '/api/v1/orders', twoShort), 409, 'OUT_OF_STOCK').message).toBe(
          'not enough stock for WIDGET (6 asked for, 5 available) and GADGET (11 asked for, 10 available); nothing was reserved',
        );
        expect(json<{ available: number }>(await as('GET', '/api/v1/items/WIDGET'), 200).available).toBe(5);
      });

      it('is idempotent by key and by externalId, and refuses a different body under the same key', async () => {
        const headers = { 'idempotency-key': 'checkout-42' };
        const first = json(await as('POST', '/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1 }] }, headers), 201);
        expect(json(await as('POST', '/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1 }] }, headers), 201)).toEqual(first);
        expect(expectError(await as('POST', '/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 2 }] }, headers), 422, 'IDEMPOTENCY_MISMATCH').details).toMatchObject({ field: 'Idempotency-Key' });
        const byExternal = await placeOrder({ GADGET: 1 }, { externalId: 'ERP-7' });
        expect(await placeOrder({ GADGET: 1 }, { externalId: 'ERP-7' })).toEqual(byExternal);
        expectError(await as('POST', '/api/v1/orders', { externalId: 'ERP-7', lines: [{ sku: 'GADGET', quantity: 3 }] }), 422, 'IDEMPOTENCY_MISMATCH');
        expect(expectError(await as('POST', '/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { 'idempotency-key': '' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'idempotency-key', in: 'headers' });
      });

      it('takes a retry that spells out a default, or leaves it out, as the same request', async () => {
        const headers = { 'idempotency-key': 'checkout-defaults' };
        const first = json<{ id: number }>(await as('POST', '/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 1 }], priority: 0, shortage: 'backorder' }, headers), 201);
        const retry = await as('POST', '/api/v1/orders', { lines: [{ quantity: 1, sku: 'WIDGET' }] }, headers);
        expect(json(retry, 201)).toEqual(first);
        expect(retry.headers['idempotent-replayed']).toBe('true');
        // An order placed by an earlier release kept the hash of its body as sent: its retry still replays.
        const sent = { externalId: 'ERP-OLD', lines: [{ sku: 'GADGET', quantity: 1 }], priority: 0 };
        const old = json<{ id: number }>(await as('POST', '/api/v1/orders', sent), 201);
        await (api.store as OpenedStore).db.updateTable('orders').set({ request_hash: hashRequest(sent) }).where('id', '=', old.id).execute();
        expect(json<{ id: number }>(await as('POST', '/api/v1/orders', sent), 201).id).toBe(old.id);
        expectError(await as('POST', '/api/v1/orders', { ...sent, priority: 3 }), 422, 'IDEMPOTENCY_MISMATCH');
      });

      it('names the offending field of a bad order', async () => {
        const bad = async (payload: unknown) => expectError(await as('POST', '/api/v1/orders', payload), 400, 'VALIDATION_FAILED').details;
        expect(await bad({ lines: [{ sku: 'NOPE', quantity: 1 }] })).toMatchObject({ field: 'lines[0].sku' });
        expect(await bad({ lines: [{ sku: 'WIDGET', quantity: 0 }] })).toMatchObject({ field: 'lines[0].quantity' });
        expect(await bad({ lines: [{ sku: 'WIDGET', quantity: 1 }, { sku: 'WIDGET', quantity: -2 }] })).toMatchObject({ field: 'lines[1].quantity' });
        expect(await bad({ lines: [] })).toMatchObject({ field: 'lines' });
        expect(await bad({})).toMatchObject({ field: 'lines' });
        expect(await bad({ lines: [{ sku: 'WIDGET', quantity: 1 }], customer: { email: 'not-an-address' } })).toMatchObject({ field: 'customer.email' });
        expect(await bad({ lines: [{ sku: 'WIDGET', quantity: 1 }], customer: { email: 'a@b' } })).toMatchObject({ field: 'customer.email' });
        // Said in words, never as the regular expression the schema checks with.
        const message = async (payload: unknown) => expectError(await as('POST', '/api/v1/orders', payload), 400, 'VALIDATION_FAILED').message;
        expect(await message({ lines: [{ sku: 'WIDGET', quantity: 1 }], customer: { email: 'not-an-address' } })).toBe('customer.email: must be an e-mail address, such as name@example.com');
        expect(await message({ lines: [{ sku: 'a widget', quantity: 1 }] })).toBe('lines[0].sku: must be 1–64 characters of A–Z, a–z, 0–9, ".", "_" or "-"');
        expect(await message({ lines: [{ sku: 'WIDGET', quantity: 1, location: 'MAIN' }] })).toBe('lines[0].location: is not a known field');
        expect(await bad({ lines: [{ sku: 'WIDGET', quantity: 1 }], shortage: 'whatever' })).toMatchObject({ field: 'shortage' });
      });

      it('lists orders newest first, by status and by item, with pagination', async () => {
        const a = await placeOrder({ WIDGET: 1 });
        const b = await placeOrder({ GADGET: 1 });
        const c = await placeOrder({ GIZMO: 1 });
        expect(json<Page<{ id: number }>>(await as('GET', '/api/v1/orders'), 200).items.map((o) => o.id)).toEqual([c.id, b.id, a.id]);
        expect(json<Page<{ id: number }>>(await as('GET', '/api/v1/orders?status=backordered'), 200).items.map((o) => o.id)).toEqual([c.id]);
        expect(json<Page<{ id: number }>>(await as('GET', '/api/v1/orders?sku=GADGET'), 200).items.map((o) => o.id)).toEqual([b.id]);
        // A location's pick list: the orders with units allocated there now.
        expect(json<Page<{ id: number }>>(await as('GET', '/api/v1/orders?location=MAIN'), 200).items.map((o) => o.id)).toEqual([a.id]);
        expect(json<Page<{ id: number }>>(await as('GET', '/api/v1/orders?location=BACKUP'), 200).items.map((o) => o.id)).toEqual([b.id]);
        json(await as('POST', `/api/v1/orders/${a.id}/shipments`, { lines: [{ sku: 'WIDGET', quantity: 1 }] }), 200);
        expect(json<Page<{ id: number }>>(await as('GET', '/api/v1/orders?location=MAIN'), 200).items).toEqual([]);
        expect(expectError(await as('GET', '/api/v1/orders?location=NOPE'), 400, 'VALIDATION_FAILED')).toMatchObject({ message: 'location: no location with code NOPE', details: { field: 'location' } });
        const first = json<Page<{ id: number }>>(await as('GET', '/api/v1/orders?limit=2'), 200);
        const second = json<Page<{ id: number }>>(await as('GET', `/api/v1/orders?limit=2&cursor=${first.nextCursor}`), 200);
        expect([...first.items, ...second.items].map((o) => o.id)).toEqual([c.id, b.id, a.id]);
        expect(second.nextCursor).toBeNull();
        expectError(await as('GET', '/api/v1/orders/999'), 404, 'NOT_FOUND');
        expect(expectError(await as('GET', '/api/v1/orders/abc'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'id', in: 'params' });
        // A path parameter longer than the router's default 100 characters still reaches its route's validation.
        expect(expectError(await as('GET', `/api/v1/orders/${'9'.repeat(150)}`), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'id', in: 'params' });
        expect(expectError(await as('GET', `/api/v1/items/${'A'.repeat(150)}`), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'sku', in: 'params' });
        expect(expectError(await as('GET', '/api/v1/orders?sku=NOPE'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'sku' });
      });

      it('finds every order with units waiting under status=backordered, a partially shipped one too', async () => {
        const partly = await placeOrder({ WIDGET: 7 });
        json(await as('POST', `/api/v1/orders/${partly.id}/shipments`, { lines: [{ sku: 'WIDGET', quantity: 3 }] }), 200);
        const waiting = await placeOrder({ GIZMO: 1 });
        const shippedRestReady = await placeOrder({ GADGET: 2 });
        json(await as('POST', `/api/v1/orders/${shippedRestReady.id}/shipments`, { lines: [{ sku: 'GADGET', quantity: 1 }] }), 200);
        const list = async (status: string) =>
          json<Page<OrderBody>>(await as('GET', `/api/v1/orders?status=${status}`), 200).items.map((o) => [o.id, o.status, o.lines.reduce((sum, l) => sum + l.backordered, 0)]);
        expect(await list('backordered')).toEqual([[waiting.id, 'backordered', 1], [partly.id, 'partially_shipped', 2]]);
        expect(await list('partially_shipped')).toEqual([[shippedRestReady.id, 'partially_shipped', 0], [partly.id, 'partially_shipped', 2]]);
        const page = json<Page<OrderBody>>(await as('GET', '/api/v1/orders?status=backordered&limit=1'), 200);
        const rest = json<Page<OrderBody>>(await as('GET', `/api/v1/orders?status=backordered&limit=1&cursor=${page.nextCursor}`), 200);
        expect([...page.items, ...rest.items].map((o) => o.id)).toEqual([waiting.id, partly.id]);
      });

      it('finds orders by the reference a customer quotes and by customer, a rejected one too', async () => {
        const post = (body: object) => as('POST', '/api/v1/orders', body);
        const dan = json<{ id: number }>(await post({ externalId: 'WEB-6', customer: { email: 'Dan@Example.com', id: 'c-42' }, lines: [{ sku: 'WIDGET', quantity: 1 }] }), 201);
        const other = json<{ id: number }>(await post({ externalId: 'WEB-7', customer: { email: 'eve@example.com' }, lines: [{ sku: 'GADGET', quantity: 1 }] }), 201);
        const rejected = expectError(await post({ externalId: 'WEB-8', shortage: 'in_stock_only', customer: { email: 'dan@example.com' }, lines: [{ sku: 'WIDGET', quantity: 100_000 }] }), 409, 'OUT_OF_STOCK');
        const rejectedId = (rejected.details as { orderId: number }).orderId;
        const ids = async (query: string) => json<Page<{ id: number }>>(await as('GET', `/api/v1/orders?${query}`), 200).items.map((o) => o.id);
        expect(await ids('externalId=WEB-6')).toEqual([dan.id]);
        expect(await ids('externalId=WEB-8')).toEqual([rejectedId]);
        expect(await ids('externalId=NOPE')).toEqual([]);
        expect(await ids('customerEmail=dan%40example.com')).toEqual([rejectedId, dan.id]);
        expect(await ids('customerId=c-42')).toEqual([dan.id]);
        expect(await ids('customerEmail=EVE%40EXAMPLE.COM&status=open')).toEqual([other.id]);
        expect(expectError(await as('GET', `/api/v1/orders?externalId=${'x'.repeat(129)}`), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'externalId' });
      });

      it('finds the orders changed since a time: a fill from the queue moves updatedAt', async () => {
        const waiting = await placeOrder({ WIDGET: 7 });
        const untouched = await placeOrder({ GADGET: 1 });
        expect(json(await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', delta: 1, reason: 'found one' }), 201)).toMatchObject({ backordersFilled: 1 });
        const filled = json<OrderBody & { updatedAt: string }>(await as('GET', `/api/v1/orders/${waiting.id}`), 200);
        expect(filled).toMatchObject({ status: 'backordered', lines: [{ allocated: 6, backordered: 1 }] });
        const ids = async (since: string) => json<Page<{ id: number }>>(await as('GET', `/api/v1/orders?updatedSince=${encodeURIComponent(since)}`), 200).items.map((o) => o.id);
        expect(await ids(filled.updatedAt)).toEqual([waiting.id]);
        expect(await ids('2026-01-01')).toEqual([untouched.id, waiting.id]);
        const error = expectError(await as('GET', '/api/v1/orders?updatedSince=yesterday'), 400, 'VALIDATION_FAILED');
        expect(error).toMatchObject({ details: { field: 'updatedSince' }, message: expect.stringMatching(/^updatedSince: must be a date/) });
      });

      it('ships and cancels once per Idempotency-Key: a retry answers the first outcome and changes nothing', async () => {
        const order = await placeOrder({ WIDGET: 4 });
        const ship = (key: string, quantity: number, id = order.id) =>
          as('POST', `/api/v1/orders/${id}/shipments`, { lines: [{ sku: 'WIDGET', quantity }] }, { 'idempotency-key': key });
        const first = json<OrderBody>(await ship('ship-a', 1), 200);
        const again = json<OrderBody>(await ship('ship-a', 1), 200);
        expect(again).toEqual(first);
        expect(first.lines[0]).toMatchObject({ shipped: 1, allocated: 3 });
        expect(json<OrderBody>(await as('GET', `/api/v1/orders/${order.id}`), 200).lines[0]).toMatchObject({ shipped: 1, allocated: 3 });
        expect(expectError(await ship('ship-a', 2), 422, 'IDEMPOTENCY_MISMATCH').details).toMatchObject({ field: 'Idempotency-Key' });
        const other = await placeOrder({ WIDGET: 1 });
        expectError(await ship('ship-a', 1, other.id), 422, 'IDEMPOTENCY_MISMATCH');
        expect(json<OrderBody>(await ship('ship-b', 1), 200).lines[0]).toMatchObject({ shipped: 2 });

        const cancel = () => as('POST', `/api/v1/orders/${order.id}/cancel`, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { 'idempotency-key': 'cancel-a' });
        const cancelled = json<OrderBody>(await cancel(), 200);
        expect(json<OrderBody>(await cancel(), 200)).toEqual(cancelled);
        expect(json<OrderBody>(await as('GET', `/api/v1/orders/${order.id}`), 200).lines[0]).toMatchObject({ shipped: 2, cancelled: 1, allocated: 1 });
        // A refusal is not kept: once it can be done, the same key does it.
        expectError(await ship('ship-c', 5), 409, 'INSUFFICIENT_ALLOCATION');
        expect(json<OrderBody>(await ship('ship-c', 1), 200).lines[0]).toMatchObject({ shipped: 3 });
      });

      it('ships allocated units and refuses to ship more (INSUFFICIENT_ALLOCATION)', async () => {
        const order = await placeOrder({ WIDGET: 3 });
        const shipped = json<OrderBody>(await as('POST', `/api/v1/orders/${order.id}/shipments`, { lines: [{ sku: 'WIDGET', quantity: 2, location: 'MAIN' }] }), 200);
        expect(shipped).toMatchObject({ status: 'partially_shipped', lines: [{ shipped: 2, allocated: 1 }] });
        const short = expectError(await as('POST', `/api/v1/orders/${order.id}/shipments`, { lines: [{ sku: 'WIDGET', quantity: 2 }] }), 409, 'INSUFFICIENT_ALLOCATION');
        expect(short).toMatchObject({ message: 'lines[0].quantity: 2 units of WIDGET asked to ship, but only 1 is allocated', details: { field: 'lines[0].quantity', allocated: 1 } });
        const elsewhere = expectError(await as('POST', `/api/v1/orders/${order.id}/shipments`, { lines: [{ sku: 'WIDGET', quantity: 1, location: 'BACKUP' }] }), 409, 'INSUFFICIENT_ALLOCATION');
        expect(elsewhere.message).toBe('lines[0].quantity: 1 unit of WIDGET asked to ship, but none is allocated at BACKUP');
        expectError(await as('POST', '/api/v1/orders/999/shipments', { lines: [{ sku: 'WIDGET', quantity: 1 }] }), 404, 'NOT_FOUND');
        expect(expectError(await as('POST', `/api/v1/orders/${order.id}/shipments`, { lines: [{ sku: 'GADGET', quantity: 1 }] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'lines[0].sku' });
      });

      it('cancels some units or the whole order (with or without a body), releasing stock to the queue', async () => {
        const waiting = await placeOrder({ WIDGET: 7 });
        const other = await placeOrder({ WIDGET: 2 });
        expect(other.lines[0]).toMatchObject({ allocated: 0, backordered: 2 });
        const partly = json<OrderBody>(await as('POST', `/api/v1/orders/${waiting.id}/cancel`, { lines: [{ sku: 'WIDGET', quantity: 3 }], reason: 'customer asked' }), 200);
        expect(partly.lines[0]).toMatchObject({ cancelled: 3, backordered: 0, allocated: 4 });
        const whole = json<OrderBody>(await api.call('admin', { method: 'POST', url: `/api/v1/orders/${waiting.id}/cancel` }), 200);
        expect(whole).toMatchObject({ status: 'cancelled', lines: [{ cancelled: 7, allocated: 0 }] });
        expect(json<OrderBody>(await as('GET', `/api/v1/orders/${other.id}`), 200).lines[0]).toMatchObject({ allocated: 2, backordered: 0 });
        json(await as('POST', `/api/v1/orders/${other.id}/cancel`, {}), 200);
        // Cancelling it again says why there is nothing to cancel, and in what state the order is.
        expect(expectError(await as('POST', `/api/v1/orders/${other.id}/cancel`, {}), 409, 'CONFLICT')).toEqual({
          code: 'CONFLICT', message: `order ${other.id} has no open units to cancel (it is cancelled)`, details: { status: 'cancelled' },
        });
        expectError(await as('POST', '/api/v1/orders/999/cancel', {}), 404, 'NOT_FOUND');
      });

      it('changes priority, moving the order in its queue', async () => {
        await placeOrder({ WIDGET: 5 });
        const early = await placeOrder({ WIDGET: 1 });
        const late = await placeOrder({ WIDGET: 1 });
        json(await as('PATCH', `/api/v1/orders/${late.id}`, { priority: 9 }), 200);
        const queue = json<Page<{ orderId: number; position: number }>>(await as('GET', '/api/v1/backorders?sku=WIDGET'), 200);
        expect(queue.items.map((p) => p.orderId)).toEqual([late.id, early.id]);
        expectError(await as('PATCH', '/api/v1/orders/999', { priority: 1 }), 404, 'NOT_FOUND');
        expect(expectError(await as('PATCH', `/api/v1/orders/${late.id}`, { priority: 'high' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'priority' });
      });

      it('refuses to change the priority of a cancelled or shipped order, naming its status', async () => {
        const cancelled = await placeOrder({ WIDGET: 1 });
        json(await as('POST', `/api/v1/orders/${cancelled.id}/cancel`, {}), 200);
        const refused = expectError(await as('PATCH', `/api/v1/orders/${cancelled.id}`, { priority: 3 }), 409, 'CONFLICT');
        expect(refused).toMatchObject({ message: `order ${cancelled.id} is cancelled; priority can change only while some of its units wait or are still to ship`, details: { status: 'cancelled' } });
        const shipped = await placeOrder({ WIDGET: 1 });
        json(await as('POST', `/api/v1/orders/${shipped.id}/shipments`, { lines: [{ sku: 'WIDGET', quantity: 1 }] }), 200);
        expect(expectError(await as('PATCH', `/api/v1/orders/${shipped.id}`, { priority: 0 }), 409, 'CONFLICT').details).toEqual({ status: 'shipped' });
        expect(json<{ priority: number }>(await as('GET', `/api/v1/orders/${cancelled.id}`), 200).priority).toBe(0);
      });
    });

    describe('backorders', () => {
      it('shows an item\'s queue with positions, reasons and ETAs, and every backorder across items by age', async () => {
        const a = await placeOrder({ WIDGET: 6 });
        const b = await placeOrder({ GIZMO: 2, WIDGET: 1 }, { priority: 1 });
        const queue = json<Page<Record<string, unknown>>>(await as('GET', '/api/v1/backorders?sku=WIDGET'), 200);
        expect(queue).toEqual({
          items: [
            expect.objectContaining({ position: 1, orderId: b.id, backordered: 1, priority: 1, unitsAhead: 0, eta: '2026-01-11' }),
            expect.objectContaining({ position: 2, orderId: a.id, backordered: 1, priority: 0, unitsAhead: 1 }),
          ],
          nextCursor: null,
        });
        const all = json<Page<{ sku: string; orderId: number; position: number; ageDays: number; unitsAhead: number }>>(await as('GET', '/api/v1/backorders'), 200);
        expect(all.items.map((r) => [r.sku, r.orderId, r.position, r.unitsAhead])).toEqual([['WIDGET', a.id, 2, 1], ['GIZMO', b.id, 1, 0], ['WIDGET', b.id, 1, 0]]);
        expect(all.items.every((r) => r.ageDays === 0)).toBe(true);
        const first = json<Page>(await as('GET', '/api/v1/backorders?limit=2'), 200);
        expect(json<Page>(await as('GET', `/api/v1/backorders?limit=2&cursor=${first.nextCursor}`), 200).items).toHaveLength(1);
        // One item's queue pages too, in serving order.
        const head = json<Page<{ position: number }>>(await as('GET', '/api/v1/backorders?sku=WIDGET&limit=1'), 200);
        expect(head.items.map((r) => r.position)).toEqual([1]);
        const rest = json<Page<{ position: number }>>(await as('GET', `/api/v1/backorders?sku=WIDGET&limit=1&cursor=${head.nextCursor}`), 200);
        expect(rest).toEqual({ items: [expect.objectContaining({ position: 2, orderId: a.id })], nextCursor: null });
        expect(expectError(await as('GET', '/api/v1/backorders?sku=WIDGET&cursor=nope!'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'cursor' });
        expect(expectError(await as('GET', '/api/v1/backorders?sku=NOPE'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'sku' });
      });
    });

    describe('events', () => {
      it('feeds events in order after a sequence number', async () => {
        await placeOrder({ WIDGET: 1 });
        const all = json<{ items: { seq: number; type: string }[]; nextAfter: number }>(await as('GET', '/api/v1/events?limit=1000'), 200);
        expect(all.items.map((e) => e.type)).toContain('order.placed');
        expect(all.nextAfter).toBe(all.items[all.items.length - 1]?.seq);
        const firstTwo = json<{ items: { seq: number }[]; nextAfter: number }>(await as('GET', '/api/v1/events?limit=2'), 200);
        const next = json<{ items: { seq: number }[] }>(await as('GET', `/api/v1/events?after=${firstTwo.nextAfter}&limit=1000`), 200);
        expect([...firstTwo.items, ...next.items].map((e) => e.seq)).toEqual(all.items.map((e) => e.seq));
        expect(json(await as('GET', `/api/v1/events?after=${all.nextAfter}`), 200)).toEqual({ items: [], nextAfter: all.nextAfter });
        expect(expectError(await as('GET', '/api/v1/events?after=-1'), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'after' });
      });
    });

    describe('health', () => {
      it('answers the probes without a key', async () => {
        expect(json(await api.call(null, { url: '/healthz' }), 200)).toEqual({ status: 'ok' });
        expect(json(await api.call(null, { url: '/readyz' }), 200)).toEqual({ status: 'ready' });
      });
    });
  });
}

describe('when the database is down', () => {
  const down = new StorageUnavailable('connection refused');
  const failing: Store = {
    dialect: 'sqlite',
    transaction: () => Promise.reject(down),
    read: () => Promise.reject(down),
    snapshot: () => Promise.reject(down),
    close: async () => undefined,
  };

  it('readyz and the API answer 503 UNAVAILABLE, healthz still 200', async () => {
    const app = await buildApp({ store: failing, rateLimit: false });
    expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
    expectError(await app.inject({ url: '/readyz' }), 503, 'UNAVAILABLE');
    expectError(await app.inject({ url: '/api/v1/items', headers: { authorization: 'Bearer rk_0123456789abcdefghijklmnopqrstuvwxyz' } }), 503, 'UNAVAILABLE');
    await app.close();
  });
});
