import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dumpDatabase, expectError, json, startApi, type ApiHarness } from '../http/support.js';
import { TestClock } from './purchasing-fixtures.js';

interface Po {
  id: number;
  status: string;
  lines: { id: number; sku: string; quantity: number; received: number; open: number; unitCost: number; expectedOn: string }[];
  totals: { quantity: number; received: number; open: number };
}

for (const dialect of DIALECTS) {
  describe(`purchasing over HTTP on ${dialect}`, () => {
    let api: ApiHarness;
    let clock: TestClock;
    const as = (request: InjectOptions) => api.call('operator', request);
    const post = async <T = Record<string, unknown>>(url: string, payload: unknown, status = 201) => json<T>(await as({ method: 'POST', url: `/api/v1${url}`, payload: payload as object }), status);
    const get = async <T = Record<string, unknown>>(url: string) => json<T>(await as({ method: 'GET', url: `/api/v1${url}` }), 200);

    beforeEach(async () => {
      clock = new TestClock();
      api = await startApi(dialect, { clock: clock.now });
      await post('/locations', { code: 'MAIN', name: 'Main' });
      await post('/items', { sku: 'WIDGET', name: 'Widget', unitPrice: 1000, unitCost: 600, backorderPolicy: 'allow', leadTimeDays: 10 });
      await post('/items', { sku: 'GADGET', name: 'Gadget', unitCost: 900 });
      await post('/suppliers', { code: 'ACME', name: 'Acme Parts', email: 'buy@acme.test', leadTimeDays: 20 });
    });

    afterEach(async () => {
      await expectInvariants(api.store);
      await api.close();
    });

    it('runs suppliers, a PO received in two parts and the scorecard end to end', async () => {
      const link = await post('/suppliers/ACME/items', { sku: 'WIDGET', supplierSku: 'AC-1', unitCost: 450, leadTimeDays: 7, preferred: true });
      expect(link).toMatchObject({ sku: 'WIDGET', supplier: 'ACME', effectiveLeadTimeDays: 7, preferred: true });
      expect(await get('/item-suppliers?sku=WIDGET')).toEqual({ items: [link] });
      const first = await post<{ id: number; lines: { eta: string; etaEstimated: boolean }[] }>('/orders', { lines: [{ sku: 'WIDGET', quantity: 3 }] });
      const second = await post<{ id: number }>('/orders', { lines: [{ sku: 'WIDGET', quantity: 2 }] });
      expect(first.lines[0]).toMatchObject({ eta: '2026-01-08', etaEstimated: true });

      const draft = await post<Po>('/purchase-orders', { supplier: 'ACME', reference: 'PO-1', lines: [{ sku: 'WIDGET', quantity: 5, expectedOn: '2026-01-05' }] });
      expect(draft).toMatchObject({ status: 'draft', lines: [{ sku: 'WIDGET', unitCost: 450, expectedOn: '2026-01-05' }], warnings: [] });
      const loose = await post<Po & { warnings: { sku: string; message: string }[] }>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'GADGET', quantity: 1 }] });
      expect(loose.warnings).toEqual([{ lineId: loose.lines[0]?.id, sku: 'GADGET', message: expect.stringContaining('ACME has no terms for this item') }]);
      const sent = await post<Po>(`/purchase-orders/${draft.id}/send`, {}, 200);
      expect(sent.status).toBe('ordered');
      expect((await get<{ lines: { eta: string }[] }>(`/orders/${first.id}`)).lines[0]?.eta).toBe('2026-01-05');
      const [availability] = (await get<{ items: Record<string, unknown>[] }>('/availability?sku=WIDGET')).items;
      expect(availability).toMatchObject({ status: 'backorder', eta: '2026-01-08' });

      clock.advanceDays(3);
      const lineId = sent.lines[0]?.id as number;
      const part = await post<{ purchaseOrder: Po; receipts: unknown[] }>(`/purchase-orders/${draft.id}/receipts`, { location: 'MAIN', lines: [{ lineId, quantity: 3 }] });
      expect(part.purchaseOrder).toMatchObject({ status: 'partially_received', totals: { received: 3, open: 2 } });
      expect(await get(`/orders/${first.id}`)).toMatchObject({ status: 'open', lines: [{ allocated: 3, backordered: 0 }] });
      const rest = await post<{ purchaseOrder: Po }>(`/purchase-orders/${draft.id}/receipts`, { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 2 }] });
      expect(rest.purchaseOrder).toMatchObject({ status: 'received', totals: { received: 5, open: 0 } });
      expect((await get<{ lines: { allocated: number; backordered: number }[] }>(`/orders/${second.id}`)).lines[0]).toMatchObject({ allocated: 2, backordered: 0 });
      const detail = await get<Po & { receipts: { quantity: number; receivedOn: string }[] }>(`/purchase-orders/${draft.id}`);
      expect(detail.receipts.map((r) => [r.quantity, r.receivedOn])).toEqual([[3, '2026-01-04'], [2, '2026-01-04']]);

      const events = await get<{ items: { type: string; payload: Record<string, unknown> }[] }>('/events?limit=500');
      expect(events.items.filter((e) => e.type === 'backorder.eta_changed').map((e) => [e.payload['orderId'], e.payload['previousEta'], e.payload['eta']])).toEqual([
        [first.id, '2026-01-08', '2026-01-05'],
        [second.id, '2026-01-08', '2026-01-05'],
      ]);
      expect(events.items.filter((e) => e.type === 'po.received')).toHaveLength(2);
      const movements = await get<{ items: { kind: string; reference: string | null }[] }>('/stock/movements?sku=WIDGET');
      expect(movements.items.filter((m) => m.kind === 'receipt').map((m) => m.reference)).toEqual([`po:${draft.id}`, `po:${draft.id}`]);

      const card = await get(`/suppliers/ACME/scorecard`);
      expect(card).toMatchObject({ supplier: 'ACME', receipts: 2, unitsReceived: 5, onTimeRate: 1, fillRate: 1, leadTimeDays: { deliveries: 1, mean: 3 } });
      expect((await get<{ items: { supplier: string }[] }>('/suppliers/scorecards?since=2026-01-01')).items.map((c) => c.supplier)).toEqual(['ACME']);
      const page = await get<{ items: Po[]; nextCursor: string | null }>('/purchase-orders?status=received&sku=WIDGET&supplier=ACME');
      expect(page.items.map((p) => p.id)).toEqual([draft.id]);
      expect(page.nextCursor).toBeNull();
    });

    it('edits, adds and removes lines, cancels, and refuses receipts on a cancelled order without writing', async () => {
      const draft = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5 }] });
      const grown = await post<Po>(`/purchase-orders/${draft.id}/lines`, { lines: [{ sku: 'GADGET', quantity: 2, unitCost: 800 }] }, 200);
      expect(grown.lines.map((l) => [l.sku, l.unitCost, l.expectedOn])).toEqual([['WIDGET', 600, '2026-01-21'], ['GADGET', 800, '2026-01-21']]);
      const gadget = grown.lines[1]?.id as number;
      const shrunk = json<Po>(await as({ method: 'DELETE', url: `/api/v1/purchase-orders/${draft.id}/lines/${gadget}` }), 200);
      expect(shrunk.lines).toHaveLength(1);
      const edited = json<Po>(await as({ method: 'PATCH', url: `/api/v1/purchase-orders/${draft.id}`, payload: { reference: 'R-2', lines: [{ id: draft.lines[0]?.id, quantity: 8, expectedOn: '2026-02-01' }] } }), 200);
      expect(edited.lines[0]).toMatchObject({ quantity: 8, expectedOn: '2026-02-01' });
      // Clients that set the JSON content type on every request send an empty body where none is needed.
      json(await as({ method: 'POST', url: `/api/v1/purchase-orders/${draft.id}/send`, payload: '', headers: { 'content-type': 'application/json' } }), 200);
      const cancelled = await post<Po>(`/purchase-orders/${draft.id}/cancel`, { reason: 'no longer needed' }, 200);
      expect(cancelled.status).toBe('cancelled');
      const before = await dumpDatabase(api.store);
      const refused = expectError(await as({ method: 'POST', url: `/api/v1/purchase-orders/${draft.id}/receipts`, payload: { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 1 }] } }), 409, 'CONFLICT');
      expect(refused.message).toBe(`purchase order ${draft.id} is cancelled; receiving needs it to be ordered or partially received`);
      expectError(await as({ method: 'POST', url: `/api/v1/purchase-orders/${draft.id}/cancel` }), 409, 'CONFLICT');
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('lists purchase orders with their supplier-terms warnings from the first read, as each reads alone', async () => {
      await post('/suppliers/ACME/items', { sku: 'WIDGET', unitCost: 450, moq: 10, packSize: 6 });
      const loose = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 4 }, { sku: 'GADGET', quantity: 1 }] });
      const kept = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 12 }] });
      const dropped = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'GADGET', quantity: 1 }] });
      await post(`/purchase-orders/${dropped.id}/cancel`, {}, 200);
      const sent = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 7 }] });
      await post(`/purchase-orders/${sent.id}/send`, {}, 200);
      type Warned = Po & { warnings: { lineId: number; message: string }[] };
      const listed = (await get<{ items: Warned[] }>('/purchase-orders')).items;
      expect(listed.map((o) => [o.id, o.warnings.length])).toEqual([[sent.id, 2], [dropped.id, 0], [kept.id, 0], [loose.id, 3]]);
      for (const order of listed) expect(order.warnings, `PO ${order.id}`).toEqual((await get<Warned>(`/purchase-orders/${order.id}`)).warnings);
      expect((await get<{ items: Warned[] }>('/purchase-orders?status=draft&limit=1')).items[0]?.warnings).toEqual([]);
      const imported = json<{ items: Warned[] }>(await as({ method: 'POST', url: '/api/v1/purchase-orders/import', headers: { 'content-type': 'text/csv' }, payload: 'supplier,sku,quantity\nACME,GADGET,2\n' }), 201);
      expect(imported.items[0]?.warnings.map((w) => w.message)).toEqual([expect.stringContaining('GADGET: ACME has no terms for this item')]);
    });

    it('answers bad input with a 4xx naming the field, and writes nothing', async () => {
      const sent = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5, expectedOn: '2026-01-05' }] });
      await post(`/purchase-orders/${sent.id}/send`, {}, 200);
      const before = await dumpDatabase(api.store);
      const field = async (request: InjectOptions, status: number, code: string) => expectError(await as(request), status, code).details?.['field'];
      const po = (payload: unknown) => ({ method: 'POST' as const, url: '/api/v1/purchase-orders', payload: payload as object });
      expect(await field(po({ supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: -1 }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].quantity');
      expect(await field(po({ supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1.5 }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].quantity');
      expect(await field(po({ supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1, expectedOn: '5 Jan' }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].expectedOn');
      expect(await field(po({ supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1, expectedOn: '2026-02-31' }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].expectedOn');
      expect(await field(po({ supplier: 'ACME', lines: [{ sku: 'NOPE', quantity: 1 }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].sku');
      // Further out than the longest lead time (3650 days) would become customers' promise date.
      expect(await field(po({ supplier: 'ACME', lines: [{ sku: 'GADGET', quantity: 10, expectedOn: '9999-12-31' }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].expectedOn');
      expect(await field({ method: 'PATCH', url: `/api/v1/purchase-orders/${sent.id}`, payload: { lines: [{ lineId: sent.lines[0]?.id, expectedOn: '2036-01-01' }] } }, 400, 'VALIDATION_FAILED')).toBe('lines[0].expectedOn');
      expect(await field(po({ supplier: 'NOPE', lines: [] }), 404, 'NOT_FOUND')).toBe('supplier');
      expect(await field(po({ supplier: 'ACME', colour: 'red' }), 400, 'VALIDATION_FAILED')).toBe('colour');
      const receive = (payload: unknown) => ({ method: 'POST' as const, url: `/api/v1/purchase-orders/${sent.id}/receipts`, payload: payload as object });
      expect(await field(receive({ location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 6 }] }), 409, 'CONFLICT')).toBe('lines[0].quantity');
      expect(await field(receive({ location: 'NOWHERE', lines: [{ sku: 'WIDGET', quantity: 1 }] }), 404, 'NOT_FOUND')).toBe('location');
      expect(await field(receive({ location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 0 }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].quantity');
      expect(await field(receive({ location: 'MAIN', lines: [{ lineId: 1, sku: 'WIDGET', quantity: 1 }] }), 400, 'VALIDATION_FAILED')).toBe('lines[0].lineId');
      expect(await field({ method: 'POST', url: '/api/v1/purchase-orders/999/receipts', payload: { location: 'MAIN', lines: [{ sku: 'WIDGET', quantity: 1 }] } }, 404, 'NOT_FOUND')).toBe('id');
      expect(await field({ method: 'PATCH', url: `/api/v1/purchase-orders/${sent.id}`, payload: { lines: [{ id: sent.lines[0]?.id, expectedOn: '2026/01/09' }] } }, 400, 'VALIDATION_FAILED')).toBe('lines[0].expectedOn');
      expect(await field({ method: 'POST', url: '/api/v1/suppliers', payload: { code: 'ACME', name: 'Again' } }, 409, 'CONFLICT')).toBe('code');
      expect(await field({ method: 'POST', url: '/api/v1/suppliers/ACME/items', payload: { sku: 'WIDGET', moq: 0 } }, 400, 'VALIDATION_FAILED')).toBe('moq');
      expect(await field({ method: 'GET', url: '/api/v1/suppliers/ACME/scorecard?since=2026-13-01' }, 400, 'VALIDATION_FAILED')).toBe('since');
      expect(await field({ method: 'GET', url: '/api/v1/purchase-orders/1.5' }, 400, 'VALIDATION_FAILED')).toBe('id');
      // A body may be left out of send and cancel; a body of JSON null is not taken for none.
      const draft = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 1 }] });
      const withDraft = await dumpDatabase(api.store);
      for (const action of ['send', 'cancel']) {
        const nullBody = { method: 'POST' as const, url: `/api/v1/purchase-orders/${draft.id}/${action}`, payload: 'null', headers: { 'content-type': 'application/json' } };
        expect(await field(nullBody, 400, 'VALIDATION_FAILED')).toBe('body');
      }
      expect(await dumpDatabase(api.store)).toEqual(withDraft);
    });

    it('imports purchase orders from CSV, all rows or none', async () => {
      const csv = (body: string, query = '') => as({ method: 'POST', url: `/api/v1/purchase-orders/import${query}`, headers: { 'content-type': 'text/csv' }, payload: body });
      const before = await dumpDatabase(api.store);
      const bad = expectError(await csv('supplier,sku,quantity,expectedOn\nACME,WIDGET,3,2026-01-09\nACME,WIDGET,-3,\nNOPE,GADGET,1,2026-13-01\n'), 400, 'VALIDATION_FAILED');
      expect((bad.details?.['problems'] as { line: number; field: string }[]).map((e) => [e.line, e.field])).toEqual([[3, 'quantity'], [4, 'expectedOn']]);
      expect(await dumpDatabase(api.store)).toEqual(before);
      const imported = json<{ rows: number; items: Po[] }>(await csv('supplier,sku,quantity,expectedOn,reference\nACME,WIDGET,3,2026-01-09,X\nACME,GADGET,1,,X\n', '?send=true'), 201);
      expect(imported.rows).toBe(2);
      expect(imported.items.map((p) => [p.status, p.lines.length])).toEqual([['ordered', 2]]);
    });

    it('lets viewers read and keeps writes and storefronts out', async () => {
      expect(json(await api.call('viewer', { method: 'GET', url: '/api/v1/purchase-orders' }), 200)).toEqual({ items: [], nextCursor: null });
      expect(json(await api.call('viewer', { method: 'GET', url: '/api/v1/suppliers' }), 200)).toMatchObject({ items: [{ code: 'ACME' }] });
      expectError(await api.call('viewer', { method: 'POST', url: '/api/v1/suppliers', payload: { code: 'NEW', name: 'New' } }), 403, 'FORBIDDEN');
      expectError(await api.call('storefront', { method: 'GET', url: '/api/v1/purchase-orders' }), 403, 'FORBIDDEN');
      expectError(await api.call(null, { method: 'GET', url: '/api/v1/suppliers' }), 401, 'UNAUTHORIZED');
      const openApi = json<{ paths: Record<string, unknown> }>(await api.call(null, { method: 'GET', url: '/api/v1/openapi.json' }), 200);
      expect(Object.keys(openApi.paths)).toEqual(expect.arrayContaining(['/api/v1/suppliers', '/api/v1/purchase-orders/{id}/receipts', '/api/v1/suppliers/{code}/scorecard']));
    });
  });
}
