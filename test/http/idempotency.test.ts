import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectInvariants } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dumpDatabase, seedCatalogue, startApi, type ApiHarness } from './support.js';

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
      expect(new Set(responses.map((r) => r.body)).size).toBe(1);
      expect((await dumpDatabase(api.store))['orders']).toHaveLength(1);
    });
  });
}
