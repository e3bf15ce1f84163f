import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/app/check-invariants.js';
import { DIALECTS } from '../support/stores.js';
import { dumpDatabase, expectError, json, seedCatalogue, startApi, type ApiHarness } from './support.js';

interface Warning { code: string; message: string; waitingLines: number; waitingUnits: number; waitingOrders: number; incomingUnits: number }
interface Cancelled { sku: string; reason: string; cancelled: { lines: number; units: number; orders: number }; orders: { orderId: number; externalId: string | null; units: number }[] }

for (const dialect of DIALECTS) {
  describe(`discontinuing and cancelling an item's backorders over HTTP on ${dialect}`, () => {
    let api: ApiHarness;
    const as = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers?: Record<string, string>) =>
      api.call('admin', { method, url, ...(payload === undefined ? {} : { payload: payload as object }), ...(headers ? { headers } : {}) });
    const place = async (lines: Record<string, number>, extra: Record<string, unknown> = {}) =>
      json<{ id: number }>(await as('POST', '/api/v1/orders', { ...extra, lines: Object.entries(lines).map(([sku, quantity]) => ({ sku, quantity })) }), 201);
    const cancelUrl = '/api/v1/items/WIDGET/backorders/cancel';

    beforeEach(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
    });

    afterEach(async () => {
      expect(await checkInvariants(api.store)).toEqual([]);
      await api.close();
    });

    it('answers a PATCH that discontinues a waited-for item with a warning counting what waits', async () => {
      // WIDGET has 5 on hand: 5 allocated and 3 waiting for the first order, 2 for the second.
      await place({ WIDGET: 8 });
      await place({ WIDGET: 2 }, { externalId: 'WEB-2' });
      const patched = json<{ discontinued: boolean; status: string; warnings: Warning[] }>(await as('PATCH', '/api/v1/items/WIDGET', { discontinued: true }), 200);
      expect(patched).toMatchObject({ discontinued: true, status: 'out_of_stock' });
      expect(patched.warnings).toEqual([{
        code: 'DISCONTINUED_WITH_BACKORDERS', message: expect.stringContaining('5 units on 2 lines of 2 orders still wait for it'),
        waitingLines: 2, waitingUnits: 5, waitingOrders: 2, incomingUnits: 0,
      }]);
      expect(json<{ warnings: Warning[] }>(await as('PATCH', '/api/v1/items/GADGET', { discontinued: true }), 200).warnings).toEqual([]);
      // A read of the item has no warnings: they belong to the change.
      expect(json(await as('GET', '/api/v1/items/WIDGET'), 200)).not.toHaveProperty('warnings');
    });

    it('cancels every waiting backorder of an item once per Idempotency-Key, telling each order', async () => {
      const first = await place({ WIDGET: 8 });
      const second = await place({ WIDGET: 2 }, { externalId: 'WEB-2' });
      const headers = { 'idempotency-key': 'bulk-widget-1' };
      const answered = await as('POST', cancelUrl, { reason: 'discontinued by the maker' }, headers);
      expect(answered.headers['idempotent-replayed']).toBeUndefined();
      const done = json<Cancelled>(answered, 200);
      expect(done).toEqual({
        sku: 'WIDGET', reason: 'discontinued by the maker', cancelled: { lines: 2, units: 5, orders: 2 },
        orders: [{ orderId: first.id, externalId: null, units: 3 }, { orderId: second.id, externalId: 'WEB-2', units: 2 }],
      });
      expect(json<{ items: unknown[] }>(await as('GET', '/api/v1/backorders?sku=WIDGET'), 200).items).toEqual([]);
      expect(json(await as('GET', `/api/v1/orders/${first.id}`), 200)).toMatchObject({ status: 'open', lines: [{ allocated: 5, backordered: 0, cancelled: 3 }] });
      expect(json(await as('GET', `/api/v1/orders/${second.id}`), 200)).toMatchObject({ status: 'cancelled', lines: [{ backordered: 0, cancelled: 2 }] });

      const eventsAfter = async () => json<{ items: { type: string; subjectId: string }[] }>(await as('GET', '/api/v1/events?limit=500'), 200).items.filter((e) => e.type === 'order.cancelled');
      expect((await eventsAfter()).map((e) => e.subjectId)).toEqual([String(first.id), String(second.id)]);
      // The retry answers the same and writes nothing; another request under the key is refused.
      const before = await dumpDatabase(api.store);
      const retried = await as('POST', cancelUrl, { reason: 'discontinued by the maker' }, headers);
      expect(json<Cancelled>(retried, 200)).toEqual(done);
      expect(retried.headers['idempotent-replayed']).toBe('true');
      expect(await dumpDatabase(api.store)).toEqual(before);
      expect(expectError(await as('POST', cancelUrl, { reason: 'other' }, headers), 422, 'IDEMPOTENCY_MISMATCH').details).toMatchObject({ field: 'Idempotency-Key' });
      // Without a key, nothing is left to cancel.
      expectError(await as('POST', cancelUrl, { reason: 'again' }), 409, 'CONFLICT');

      const audit = json<{ items: { action: string; subjectKey: string; actor: string }[] }>(await as('GET', '/api/v1/audit?subjectType=item&subject=WIDGET'), 200).items;
      expect(audit[0]).toMatchObject({ action: 'backorders_cancelled', subjectKey: 'WIDGET', actor: expect.stringMatching(/^key:/) });
    });

    it('refuses bad input with a 4xx naming the field, writing nothing', async () => {
      await place({ WIDGET: 8 });
      const before = await dumpDatabase(api.store);
      const field = async (response: Awaited<ReturnType<typeof as>>, status = 400) => (expectError(response, status, status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED').details as { field?: string }).field;
      expect(await field(await as('POST', cancelUrl, {}))).toBe('reason');
      expect(await field(await as('POST', cancelUrl, { reason: '   ' }))).toBe('reason');
      expect(await field(await as('POST', cancelUrl, { reason: 'x'.repeat(501) }))).toBe('reason');
      expect(await field(await as('POST', cancelUrl, { reason: 'ok', location: 'MAIN' }))).toBe('location');
      expect(await field(await as('POST', cancelUrl, { reason: 'ok' }, { 'idempotency-key': '' }))).toBe('idempotency-key');
      expect(await field(await as('POST', '/api/v1/items/NOPE/backorders/cancel', { reason: 'ok' }), 404)).toBe('sku');
      expect(await field(await as('POST', '/api/v1/items/B%20AD/backorders/cancel', { reason: 'ok' }))).toBe('sku');
      const malformed = await api.call('admin', { method: 'POST', url: cancelUrl, payload: '{"reason":', headers: { 'content-type': 'application/json' } });
      expectError(malformed, 400, 'VALIDATION_FAILED');
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('is for staff: storefront and viewer keys may not cancel a whole queue', async () => {
      await place({ WIDGET: 8 });
      for (const role of ['storefront', 'viewer'] as const) {
        expectError(await api.call(role, { method: 'POST', url: cancelUrl, payload: { reason: 'no' } }), 403, 'FORBIDDEN');
      }
      expect(json<Cancelled>(await api.call('operator', { method: 'POST', url: cancelUrl, payload: { reason: 'yes' } }), 200).cancelled.units).toBe(3);
    });
  });
}
