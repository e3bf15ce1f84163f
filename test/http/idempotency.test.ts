import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dumpDatabase, expectError, json, seedCatalogue, startApi, type ApiHarness } from './support.js';

for (const dialect of DIALECTS) {
  describe(`idempotent order placement over HTTP on ${dialect}`, () => {
    let api: ApiHarness;

    beforeEach(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
    });

    afterEach(async () => {
      await expectInvariants(api.store);
      await api.close();
    });

    it('the same POST /orders sent 20 times at once with one key creates one order and answers 20 identical bodies', async () => {
      const payload = { externalId: 'WEB-1001', customer: { email: 'buyer@example.com' }, lines: [{ sku: 'WIDGET', quantity: 3 }, { sku: 'GIZMO', quantity: 2 }] };
      const responses = await Promise.all(
        Array.from({ length: 20 }, () => api.call('storefront', { method: 'POST', url: '/api/v1/orders', payload, headers: { 'idempotency-key': 'cart-7f3a' } })),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      // The one that placed it says nothing; the 19 others say they are the first outcome again.
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(19);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
      const tables = await dumpDatabase(api.store);
      expect(tables['orders']).toHaveLength(1);
      expect(tables['order_lines']).toHaveLength(2);
      expect(tables['events']?.filter((e) => e.includes('"order.placed"'))).toHaveLength(1);
      const widget = await api.call('viewer', { url: '/api/v1/items/WIDGET' });
      expect(widget.json()).toMatchObject({ onHand: 5, allocated: 3, available: 2 });
    });

    it('a rejected order is rejected once and every repeat gets the same 409', async () => {
      const payload = { lines: [{ sku: 'GADGET', quantity: 50 }] };
      const responses = await Promise.all(
        Array.from({ length: 10 }, () => api.call('storefront', { method: 'POST', url: '/api/v1/orders', payload, headers: { 'idempotency-key': 'too-many' } })),
      );
      expect(responses.map((r) => r.statusCode)).toEqual(Array(10).fill(409));
      // The same refusal; each answer names its own request.
      const refusals = responses.map((r) => r.json<{ error: { requestId: string } }>().error);
      expect(new Set(refusals.map(({ requestId, ...refusal }) => JSON.stringify(refusal))).size).toBe(1);
      expect(new Set(refusals.map((refusal) => refusal.requestId)).size).toBe(10);
      expect((await dumpDatabase(api.store))['orders']).toHaveLength(1);
      expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
    });

    it('shows a rejected order placed again under its externalId as superseded by the new order, which alone counts', async () => {
      const post = (payload: object) => api.call('storefront', { method: 'POST', url: '/api/v1/orders', payload });
      const body = { externalId: 'WEB-77', shortage: 'in_stock_only', lines: [{ sku: 'WIDGET', quantity: 8 }] };
      const rejected = expectError(await post(body), 409, 'OUT_OF_STOCK');
      const rejectedId = (rejected.details as { orderId: number }).orderId;
      const placed = json<{ id: number; supersededBy: number | null }>(await post({ ...body, shortage: 'backorder' }), 201);
      expect(placed.supersededBy).toBeNull();
      const shown = json<{ status: string; externalId: string; supersededBy: number | null }>(await api.call('viewer', { url: `/api/v1/orders/${rejectedId}` }), 200);
      expect(shown).toMatchObject({ status: 'rejected', externalId: 'WEB-77', supersededBy: placed.id });
      const listed = json<{ items: { id: number; supersededBy: number | null }[] }>(await api.call('viewer', { url: '/api/v1/orders?externalId=WEB-77' }), 200);
      expect(listed.items.map((o) => [o.id, o.supersededBy])).toEqual([[placed.id, null], [rejectedId, placed.id]]);
      const kpis = json<{ overall: { unitsRequested: number; lostUnits: number; orders: number } }>(await api.call('viewer', { url: '/api/v1/kpis?sku=WIDGET' }), 200);
      expect(kpis.overall).toMatchObject({ unitsRequested: 8, lostUnits: 0, orders: 1 });
    });

    it('marks a replayed placement, shipment or cancellation with Idempotent-Replayed: true, and only a replay', async () => {
      const post = (url: string, payload: object, key?: string) =>
        api.call('admin', { method: 'POST', url, payload, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });
      const replayed = (response: { headers: Record<string, unknown> }) => response.headers['idempotent-replayed'];
      const order = { lines: [{ sku: 'WIDGET', quantity: 3 }] };
      const placed = await post('/api/v1/orders', order, 'cart-1');
      expect([placed.statusCode, replayed(placed)]).toEqual([201, undefined]);
      const again = await post('/api/v1/orders', order, 'cart-1');
      expect([again.statusCode, replayed(again), again.body]).toEqual([201, 'true', placed.body]);
      const byReference = { externalId: 'WEB-9', lines: [{ sku: 'GADGET', quantity: 1 }] };
      expect(replayed(await post('/api/v1/orders', byReference))).toBeUndefined();
      expect(replayed(await post('/api/v1/orders', byReference))).toBe('true');
      const id = placed.json<{ id: number }>().id;
      const shipment = { lines: [{ sku: 'WIDGET', quantity: 1 }] };
      expect(replayed(await post(`/api/v1/orders/${id}/shipments`, shipment, 'ship-1'))).toBeUndefined();
      const shippedAgain = await post(`/api/v1/orders/${id}/shipments`, shipment, 'ship-1');
      expect([shippedAgain.statusCode, replayed(shippedAgain)]).toEqual([200, 'true']);
      expect(replayed(await post(`/api/v1/orders/${id}/shipments`, shipment))).toBeUndefined();
      expect(replayed(await post(`/api/v1/orders/${id}/cancel`, shipment, 'cancel-1'))).toBeUndefined();
      const cancelledAgain = await post(`/api/v1/orders/${id}/cancel`, shipment, 'cancel-1');
      expect([cancelledAgain.statusCode, replayed(cancelledAgain)]).toEqual([200, 'true']);
      const mismatch = await post(`/api/v1/orders/${id}/cancel`, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, 'cancel-1');
      expect([mismatch.statusCode, replayed(mismatch)]).toEqual([422, undefined]);
    });

    it('applies a stock adjustment, a transfer or a receipt retried under its key once, answering the first outcome again', async () => {
      const post = (url: string, payload: object, key: string) => api.call('admin', { method: 'POST', url, payload, headers: { 'idempotency-key': key } });
      const onHand = async (location: string) =>
        (await api.call('viewer', { url: `/api/v1/stock?sku=WIDGET&location=${location}` })).json<{ items: { onHand: number }[] }>().items[0]?.onHand ?? 0;

      const adjustment = { sku: 'WIDGET', location: 'MAIN', delta: 4, reason: 'found behind the shelf' };
      const adjusted = await Promise.all(Array.from({ length: 5 }, () => post('/api/v1/stock/adjustments', adjustment, 'count-1')));
      expect(adjusted.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
      expect(new Set(adjusted.map((r) => r.body)).size).toBe(1);
      expect(adjusted.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
      expect(await onHand('MAIN')).toBe(9);

      const transfer = { sku: 'WIDGET', from: 'MAIN', to: 'BACKUP', quantity: 2 };
      const moved = await Promise.all(Array.from({ length: 5 }, () => post('/api/v1/stock/transfers', transfer, 'move-1')));
      expect(moved.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
      expect(moved[0]?.json()).toMatchObject({ quantity: 2, backordersFilled: 0 });
      expect(moved.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
      expect([await onHand('MAIN'), await onHand('BACKUP')]).toEqual([7, 2]);

      await post('/api/v1/suppliers', { code: 'ACME', name: 'Acme', leadTimeDays: 5 }, 'supplier-1');
      const po = (await post('/api/v1/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 10, unitCost: 500 }] }, 'po-1')).json<{ id: number }>();
      expect((await api.call('admin', { method: 'POST', url: `/api/v1/purchase-orders/${po.id}/send`, payload: {} })).statusCode).toBe(200);
      const receipt = { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 3 }] };
      const received = await Promise.all(Array.from({ length: 5 }, () => post(`/api/v1/purchase-orders/${po.id}/receipts`, receipt, 'dock-1')));
      expect(received.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
      expect(new Set(received.map((r) => r.body)).size).toBe(1);
      expect(received.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
      expect(await onHand('MAIN')).toBe(10);
      const tables = await dumpDatabase(api.store);
      expect(tables['receipts']).toHaveLength(1);

      // A key names one request: another body under it is refused, and changes nothing.
      const other = await post('/api/v1/stock/adjustments', { ...adjustment, delta: 5 }, 'count-1');
      expect([other.statusCode, other.json<{ error: { code: string } }>().error.code]).toEqual([422, 'IDEMPOTENCY_MISMATCH']);
      const reused = await post(`/api/v1/purchase-orders/${po.id}/receipts`, receipt, 'move-1');
      expect(reused.statusCode).toBe(422);
      expect(await onHand('MAIN')).toBe(10);
    });

    it('creates a purchase order retried under its key once, answering the first outcome again', async () => {
      const post = (payload: object, key?: string) =>
        api.call('admin', { method: 'POST', url: '/api/v1/purchase-orders', payload, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });
      json(await api.call('admin', { method: 'POST', url: '/api/v1/suppliers', payload: { code: 'INITECH', name: 'Initech' } }), 201);
      const request = { supplier: 'INITECH', lines: [{ sku: 'WIDGET', quantity: 10 }] };
      const created = await Promise.all(Array.from({ length: 5 }, () => post(request, 'po-create-1')));
      expect(created.map((r) => r.statusCode)).toEqual(Array(5).fill(201));
      expect(new Set(created.map((r) => r.body)).size).toBe(1);
      expect(created.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
      const drafts = () => api.call('viewer', { url: '/api/v1/purchase-orders?supplier=INITECH' }).then((r) => json<{ items: { id: number }[] }>(r, 200).items);
      expect(await drafts()).toHaveLength(1);
      // The same body under another key, or none, is another order; another body under the key is refused.
      expect((await post(request, 'po-create-2')).headers['idempotent-replayed']).toBeUndefined();
      expect((await post(request)).statusCode).toBe(201);
      expect(expectError(await post({ ...request, reference: 'X' }, 'po-create-1'), 422, 'IDEMPOTENCY_MISMATCH').details).toMatchObject({ field: 'Idempotency-Key' });
      expect(await drafts()).toHaveLength(3);
    });

    it("refuses a purchase order whose reference the supplier's orders already have, unless it is a replay", async () => {
      const post = (payload: object, key?: string) =>
        api.call('admin', { method: 'POST', url: '/api/v1/purchase-orders', payload, ...(key === undefined ? {} : { headers: { 'idempotency-key': key } }) });
      for (const code of ['ACME', 'INITECH']) json(await api.call('admin', { method: 'POST', url: '/api/v1/suppliers', payload: { code, name: code } }), 201);
      const request = { supplier: 'ACME', reference: 'IMP-1', lines: [{ sku: 'WIDGET', quantity: 2 }] };
      const first = json<{ id: number }>(await post(request, 'ref-1'), 201);
      const replay = await post(request, 'ref-1');
      expect([replay.statusCode, replay.headers['idempotent-replayed'], replay.json<{ id: number }>().id]).toEqual([201, 'true', first.id]);
      const before = await dumpDatabase(api.store);
      for (const again of [await post(request), await post(request, 'ref-2'), await post({ ...request, lines: [] })]) {
        expect(expectError(again, 409, 'CONFLICT')).toMatchObject({
          message: `reference: ACME already has purchase order ${first.id} with reference IMP-1`,
          details: { field: 'reference', purchaseOrderId: first.id },
        });
      }
      expect(await dumpDatabase(api.store)).toEqual(before);
      // Two creations with one reference at once (no key): the supplier's lock makes them take turns, and the second is refused.
      const race = await Promise.all([1, 2].map(() => post({ ...request, reference: 'RACE-1' })));
      expect(race.map((r) => r.statusCode).sort()).toEqual([201, 409]);
      // Another supplier may use it; no reference repeats freely; a cancelled order frees its reference, as the CSV import holds it.
      json(await post({ ...request, supplier: 'INITECH' }), 201);
      json(await post({ supplier: 'ACME', lines: [] }), 201);
      json(await post({ supplier: 'ACME', lines: [] }), 201);
      json(await api.call('admin', { method: 'POST', url: `/api/v1/purchase-orders/${first.id}/cancel`, payload: {} }), 200);
      expect(json<{ id: number }>(await post(request), 201).id).not.toBe(first.id);
      const imported = await api.call('admin', { method: 'POST', url: '/api/v1/purchase-orders/import', payload: 'supplier,sku,quantity,reference\nACME,WIDGET,1,IMP-1\n', headers: { 'content-type': 'text/csv' } });
      expect(expectError(imported, 400, 'VALIDATION_FAILED').message).toMatch(/^line 2, reference: ACME already has purchase order \d+ with reference IMP-1/);
    });
  });
}

describe('the Idempotent-Replayed header in the OpenAPI document', () => {
  it('is documented on the answers of every retry-safe write', async () => {
    const api = await startApi('sqlite');
    try {
      type Responses = Record<string, { headers?: Record<string, { description?: string; schema: unknown }> }>;
      const paths = (await api.call(null, { url: '/api/v1/openapi.json' })).json<{ paths: Record<string, Record<string, { responses: Responses }>> }>().paths;
      const header = (path: string, status: string) => paths[path]?.['post']?.responses[status]?.headers?.['Idempotent-Replayed'];
      for (const [path, status] of [['/api/v1/orders', '201'], ['/api/v1/orders/{id}/shipments', '200'], ['/api/v1/orders/{id}/cancel', '200']] as const) {
        expect(header(path, status), path).toMatchObject({ description: expect.stringContaining('nothing was done again'), schema: { type: 'string', enum: ['true'] } });
      }
      for (const path of ['/api/v1/stock/adjustments', '/api/v1/stock/transfers', '/api/v1/purchase-orders/{id}/receipts', '/api/v1/purchase-orders']) {
        expect(header(path, '201'), path).toMatchObject({ description: expect.stringMatching(/Idempotency-Key: nothing was (changed|moved|received) again|stock was not changed again|no purchase order was created again/), schema: { type: 'string', enum: ['true'] } });
      }
    } finally {
      await api.close();
    }
  });

  it('may be read by a browser storefront of a listed origin', async () => {
    const api = await startApi('sqlite', { corsOrigins: ['https://shop.example'] });
    try {
      const response = await api.call('viewer', { url: '/api/v1/orders', headers: { origin: 'https://shop.example' } });
      expect(String(response.headers['access-control-expose-headers']).split(/,\s*/)).toContain('idempotent-replayed');
    } finally {
      await api.close();
    }
  });
});
