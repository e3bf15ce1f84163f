import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOf } from '../support/db-snapshot.js';
import { DIALECTS } from '../support/stores.js';
import { json, seedCatalogue, startApi, type ApiHarness } from '../http/support.js';

/**
 * Every ledger movement made through the API names the API key that asked for it (`key:<id>`), never
 * 'unknown' or 'anonymous' — the movements a request causes indirectly (backorders filled by a
 * receipt, allocations taken back by a count) included; so do receipts and priority changes.
 */
for (const dialect of DIALECTS) {
  describe(`actors through the API on ${dialect}`, () => {
    let api: ApiHarness;
    let clerk: { id: number; secret: string };

    beforeAll(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
      const created = json<{ id: number; key: string }>(await api.call('admin', { method: 'POST', url: '/api/v1/keys', payload: { name: 'warehouse clerk', role: 'operator' } }), 201);
      clerk = { id: created.id, secret: created.key };
    });

    afterAll(async () => {
      await api.close();
    });

    it("records the calling key on every movement, receipt and priority change it causes", async () => {
      const db = dbOf(api.store);
      const mark = (await db.selectFrom('movements').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst())?.id ?? 0;
      const as = async (method: 'POST' | 'PATCH', url: string, payload: object, status: number) =>
        json<Record<string, unknown>>(await api.app.inject({ method, url, payload, headers: { authorization: `Bearer ${clerk.secret}` } }), status);

      await as('POST', '/api/v1/stock/adjustments', { sku: 'WIDGET', location: 'MAIN', delta: 4, reason: 'found a box' }, 201);
      await as('POST', '/api/v1/stock/transfers', { sku: 'GADGET', from: 'BACKUP', to: 'MAIN', quantity: 2 }, 201);
      const shipped = await as('POST', '/api/v1/orders', { lines: [{ sku: 'WIDGET', quantity: 3 }] }, 201);
      await as('POST', `/api/v1/orders/${shipped['id']}/shipments`, { lines: [{ sku: 'WIDGET', quantity: 2 }] }, 200);
      await as('POST', `/api/v1/orders/${shipped['id']}/cancel`, {}, 200);
      const waiting = await as('POST', '/api/v1/orders', { lines: [{ sku: 'GIZMO', quantity: 3 }] }, 201);
      await as('PATCH', `/api/v1/orders/${waiting['id']}`, { priority: 5 }, 200);
      await as('POST', '/api/v1/stock/adjustments', { sku: 'GIZMO', location: 'MAIN', delta: 2, reason: 'receipt' }, 201); // fills the backorder
      await as('POST', '/api/v1/stock/adjustments', { sku: 'GIZMO', location: 'MAIN', count: 0, reason: 'stock count' }, 201); // takes it back
      await as('POST', '/api/v1/suppliers', { code: 'ACME', name: 'Acme' }, 201);
      const po = await as('POST', '/api/v1/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'GIZMO', quantity: 5, expectedOn: '2030-01-15' }] }, 201);
      await as('POST', `/api/v1/purchase-orders/${po['id']}/send`, {}, 200);
      await as('POST', `/api/v1/purchase-orders/${po['id']}/receipts`, { location: 'MAIN', lines: [{ sku: 'GIZMO', quantity: 5 }] }, 201);

      const movements = await db.selectFrom('movements').select(['kind', 'reason', 'actor']).where('id', '>', Number(mark)).orderBy('id').execute();
      const kinds = new Set(movements.map((m) => m.kind));
      for (const kind of ['adjustment', 'transfer_out', 'transfer_in', 'allocation', 'shipment', 'deallocation', 'receipt']) expect(kinds, kind).toContain(kind);
      expect(movements.filter((m) => m.reason === 'backorder filled').length).toBeGreaterThan(0);
      expect(movements.filter((m) => m.actor !== `key:${clerk.id}`)).toEqual([]);
      const receipts = await db.selectFrom('receipts').select('actor').execute();
      expect(receipts.map((r) => r.actor)).toEqual([`key:${clerk.id}`]);
      const events = await db.selectFrom('events').select('payload').where('type', '=', 'order.priority_changed').execute();
      expect(events.map((e) => JSON.parse(e.payload).actor)).toEqual([`key:${clerk.id}`]);
      const anonymous = await db.selectFrom('movements').select(['id', 'actor']).where('actor', 'in', ['unknown', 'anonymous', '']).execute();
      expect(anonymous).toEqual([]);
    });
  });
}
