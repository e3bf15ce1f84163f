import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dumpDatabase, expectError, json, startApi, type ApiHarness } from '../http/support.js';
import { TestClock } from './purchasing-fixtures.js';

interface Po {
  id: number;
  lines: { id: number; sku: string; quantity: number; expectedOn: string }[];
}

/**
 * A purchase-order line is named `lineId` in a line change, as in a receipt; `id`, the name line
 * changes had first, is still taken as a deprecated alias, and a change giving both must mean one line.
 */
for (const dialect of DIALECTS) {
  describe(`purchase-order line changes name the line lineId on ${dialect}`, () => {
    let api: ApiHarness;
    let po: Po;
    const as = (request: InjectOptions) => api.call('operator', request);
    const patch = (payload: unknown) => as({ method: 'PATCH', url: `/api/v1/purchase-orders/${po.id}`, payload: payload as object });

    beforeEach(async () => {
      api = await startApi(dialect, { clock: new TestClock().now });
      const post = async <T>(url: string, payload: object) => json<T>(await as({ method: 'POST', url: `/api/v1${url}`, payload }), 201);
      await post('/items', { sku: 'WIDGET', name: 'Widget', unitCost: 600 });
      await post('/items', { sku: 'GADGET', name: 'Gadget', unitCost: 900 });
      await post('/suppliers', { code: 'ACME', name: 'Acme Parts', leadTimeDays: 20 });
      po = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5 }, { sku: 'GADGET', quantity: 2 }] });
    });

    afterEach(async () => {
      await expectInvariants(api.store);
      await api.close();
    });

    it('takes lineId, the deprecated id, or both when they agree', async () => {
      const [widget, gadget] = po.lines.map((l) => l.id) as [number, number];
      expect(json<Po>(await patch({ lines: [{ lineId: widget, quantity: 6 }] }), 200).lines.map((l) => l.quantity)).toEqual([6, 2]);
      expect(json<Po>(await patch({ lines: [{ id: gadget, quantity: 3 }] }), 200).lines.map((l) => l.quantity)).toEqual([6, 3]);
      expect(json<Po>(await patch({ lines: [{ lineId: widget, id: widget, quantity: 7 }, { lineId: gadget, expectedOn: '2026-03-01' }] }), 200).lines.map((l) => [l.quantity, l.expectedOn]))
        .toEqual([[7, '2026-01-21'], [3, '2026-03-01']]);
    });

    it('refuses a change naming two lines, none, or one line twice, naming the field, and writes nothing', async () => {
      const [widget, gadget] = po.lines.map((l) => l.id) as [number, number];
      const before = await dumpDatabase(api.store);
      const both = expectError(await patch({ lines: [{ lineId: widget, id: gadget, quantity: 9 }] }), 400, 'VALIDATION_FAILED');
      expect(both).toMatchObject({ message: `lines[0].lineId: says line ${widget} but id (its deprecated alias) says ${gadget}; give lineId alone`, details: { field: 'lines[0].lineId' } });
      expect(expectError(await patch({ lines: [{ quantity: 9 }] }), 400, 'VALIDATION_FAILED')).toMatchObject({ message: 'lines[0].lineId: is required: the id of the line to change, as the order lists it', details: { field: 'lines[0].lineId' } });
      expect(expectError(await patch({ lines: [{ lineId: widget, quantity: 9 }, { id: widget, quantity: 8 }] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'lines[1].id' });
      expect(expectError(await patch({ lines: [{ lineId: widget }] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'lines[0]' });
      // A refusal names the field the request used.
      expect(expectError(await patch({ lines: [{ lineId: 99_999, quantity: 1 }] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'lines[0].lineId' });
      expect(expectError(await patch({ lines: [{ id: 99_999, quantity: 1 }] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'lines[0].id' });
      expect(await dumpDatabase(api.store)).toEqual(before);
    });

    it('names a refused line as the request did, by lineId (or id) and sku, not by its line number', async () => {
      const post = async <T>(url: string, payload: object) => json<T>(await as({ method: 'POST', url: `/api/v1${url}`, payload }), 201);
      await post('/locations', { code: 'MAIN', name: 'Main' });
      // A second order, so its line ids (3, 4) are not its line numbers (1, 2).
      const sent = await post<Po>('/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'WIDGET', quantity: 5 }, { sku: 'GADGET', quantity: 6 }] });
      expect(json<Po>(await as({ method: 'POST', url: `/api/v1/purchase-orders/${sent.id}/send`, payload: {} }), 200).lines).toHaveLength(2);
      const [widget, gadget] = sent.lines.map((l) => l.id) as [number, number];
      await post(`/purchase-orders/${sent.id}/receipts`, { location: 'MAIN', lines: [{ lineId: gadget, quantity: 5 }] });
      const before = await dumpDatabase(api.store);
      const edit = (naming: 'lineId' | 'id') => as({ method: 'PATCH', url: `/api/v1/purchase-orders/${sent.id}`, payload: { lines: [{ lineId: widget, quantity: 4 }, { [naming]: gadget, quantity: 1 }] } });
      expect(expectError(await edit('lineId'), 409, 'CONFLICT')).toMatchObject({
        message: `lines[1].quantity: 5 units of lineId ${gadget} (GADGET) were already received; the quantity may not fall below them`,
        details: { field: 'lines[1].quantity', received: 5 },
      });
      expect(expectError(await edit('id'), 409, 'CONFLICT').message).toMatch(new RegExp(`^lines\\[1\\]\\.quantity: 5 units of id ${gadget} \\(GADGET\\) were already received`));
      // The first line's change is not kept either.
      expect(await dumpDatabase(api.store)).toEqual(before);
      await post(`/purchase-orders/${sent.id}/receipts`, { location: 'MAIN', lines: [{ lineId: gadget, quantity: 1 }] });
      const done = await as({ method: 'PATCH', url: `/api/v1/purchase-orders/${sent.id}`, payload: { lines: [{ lineId: gadget, quantity: 7 }] } });
      expect(expectError(done, 409, 'CONFLICT')).toMatchObject({ message: `lines[0].lineId: lineId ${gadget} (GADGET) is fully received and can no longer change`, details: { field: 'lines[0].lineId' } });
    });

    it('documents lineId, and id as deprecated', async () => {
      const document = json<{ paths: Record<string, { patch: { requestBody: { content: { 'application/json': { schema: unknown } } } } }> }>(
        await api.app.inject({ url: '/api/v1/openapi.json' }), 200);
      const body = JSON.stringify(document.paths['/api/v1/purchase-orders/{id}']?.patch.requestBody.content['application/json'].schema);
      expect(body).toContain('"lineId":{');
      expect(body).toMatch(/"id":\{[^}]*"deprecated":true/);
    });
  });
}
