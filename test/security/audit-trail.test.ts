import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dbOf } from '../support/db-snapshot.js';
import { DIALECTS } from '../support/stores.js';
import { expectError, json, seedCatalogue, startApi, type ApiHarness } from '../http/support.js';

interface AuditEntry {
  id: number;
  createdAt: string;
  actor: string;
  subjectType: string;
  subjectKey: string;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/**
 * Every setting change (items, locations, suppliers and their links, webhook endpoints, API keys)
 * and every purchase-order decision records its actor in the audit trail, with the fields it
 * changed; secrets never reach the trail; a refused change leaves no entry; only admins read it.
 */
for (const dialect of DIALECTS) {
  describe(`audit trail of setting changes on ${dialect}`, () => {
    let api: ApiHarness;
    let clerk: { id: number; secret: string };
    let admin: { id: number; secret: string };

    const as = (who: { secret: string }) => async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload: object | undefined, status: number) =>
      json<Record<string, unknown>>(await api.app.inject({ method, url, ...(payload ? { payload } : {}), headers: { authorization: `Bearer ${who.secret}` } }), status);

    const trail = async (query = ''): Promise<AuditEntry[]> => {
      const entries: AuditEntry[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/v1/audit?limit=7${query}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = json<{ items: AuditEntry[]; nextCursor: string | null }>(await api.app.inject({ url, headers: { authorization: `Bearer ${admin.secret}` } }), 200);
        entries.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return entries;
    };

    beforeAll(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
      const made = json<{ id: number; key: string }>(await api.call('admin', { method: 'POST', url: '/api/v1/keys', payload: { name: 'second admin', role: 'admin' } }), 201);
      admin = { id: made.id, secret: made.key };
      const created = await as(admin)('POST', '/api/v1/keys', { name: 'buyer', role: 'operator' }, 201);
      clerk = { id: created['id'] as number, secret: created['key'] as string };
    });

    afterAll(async () => {
      await api.close();
    });

    it('names the calling key on every setting change and purchase-order decision, with what changed', async () => {
      const clerkDoes = as(clerk);
      await clerkDoes('POST', '/api/v1/locations', { code: 'SHOP', name: 'Shop floor' }, 201);
      await clerkDoes('PATCH', '/api/v1/locations/SHOP', { priority: 3 }, 200);
      await clerkDoes('POST', '/api/v1/items', { sku: 'BOLT', name: 'Bolt', unitPrice: 25 }, 201);
      await clerkDoes('PATCH', '/api/v1/items/BOLT', { unitPrice: 30, substitutes: ['WIDGET'] }, 200);
      await clerkDoes('POST', '/api/v1/suppliers', { code: 'ACME', name: 'Acme' }, 201);
      await clerkDoes('PATCH', '/api/v1/suppliers/ACME', { leadTimeDays: 9 }, 200);
      await clerkDoes('POST', '/api/v1/suppliers/ACME/items', { sku: 'BOLT', unitCost: 12, moq: 10, preferred: false }, 201);
      await clerkDoes('PATCH', '/api/v1/suppliers/ACME/items/BOLT', { packSize: 5, preferred: true }, 200);
      const hook = await clerkDoes('POST', '/api/v1/webhooks/endpoints', { url: 'https://example.com/hook', secret: 'first-secret-0123456789' }, 201);
      await clerkDoes('PATCH', `/api/v1/webhooks/endpoints/${hook['id']}`, { secret: 'second-secret-0123456789', description: 'shop' }, 200);
      await clerkDoes('DELETE', `/api/v1/webhooks/endpoints/${hook['id']}`, undefined, 200);
      const po = await clerkDoes('POST', '/api/v1/purchase-orders', { supplier: 'ACME', lines: [{ sku: 'BOLT', quantity: 10, expectedOn: '2030-01-15' }] }, 201);
      await clerkDoes('POST', `/api/v1/purchase-orders/${po['id']}/lines`, { lines: [{ sku: 'WIDGET', quantity: 4, expectedOn: '2030-01-20' }] }, 200);
      await clerkDoes('POST', `/api/v1/purchase-orders/${po['id']}/send`, {}, 200);
      await clerkDoes('PATCH', `/api/v1/purchase-orders/${po['id']}`, { reference: 'call-off 7' }, 200);
      await clerkDoes('POST', `/api/v1/purchase-orders/${po['id']}/cancel`, { reason: 'supplier closed' }, 200);

      const entries = (await trail(`&actor=key:${clerk.id}`)).reverse();
      expect(entries.map((e) => `${e.subjectType} ${e.subjectKey} ${e.action}`)).toEqual([
        'location SHOP created', 'location SHOP updated',
        'item BOLT created', 'item BOLT updated',
        'supplier ACME created', 'supplier ACME updated',
        'item_supplier BOLT/ACME created', 'item_supplier BOLT/ACME updated',
        `webhook_endpoint ${hook['id']} created`, `webhook_endpoint ${hook['id']} updated`, `webhook_endpoint ${hook['id']} deleted`,
        `purchase_order ${po['id']} created`, `purchase_order ${po['id']} lines_added`, `purchase_order ${po['id']} sent`,
        `purchase_order ${po['id']} updated`, `purchase_order ${po['id']} cancelled`,
      ]);
      expect(entries.every((e) => e.actor === `key:${clerk.id}`)).toBe(true);
      const find = (type: string, action: string) => entries.find((e) => e.subjectType === type && e.action === action) as AuditEntry;
      expect(find('location', 'updated').changes).toEqual({ priority: { from: 0, to: 3 } });
      expect(find('item', 'updated').changes).toEqual({ substitutes: { from: [], to: ['WIDGET'] }, unitPrice: { from: 25, to: 30 } });
      expect(find('item', 'created').changes['name']).toEqual({ from: null, to: 'Bolt' });
      expect(find('supplier', 'updated').changes).toEqual({ leadTimeDays: { from: 14, to: 9 } });
      expect(find('item_supplier', 'updated').changes).toEqual({ packSize: { from: 1, to: 5 }, preferred: { from: false, to: true } });
      expect(find('webhook_endpoint', 'updated').changes).toEqual({ description: { from: null, to: 'shop' }, secret: { from: '[redacted]', to: '[redacted]' } });
      expect(find('webhook_endpoint', 'deleted').changes['url']).toEqual({ from: 'https://example.com/hook', to: null });
      expect(find('purchase_order', 'sent').changes).toEqual({ status: { from: 'draft', to: 'ordered' } });
      expect(find('purchase_order', 'updated').changes).toEqual({ reference: { from: null, to: 'call-off 7' } });
      expect(find('purchase_order', 'cancelled').changes['status']).toEqual({ from: 'ordered', to: 'cancelled' });

      const stored = JSON.stringify(await dbOf(api.store).selectFrom('audit_log').selectAll().execute());
      expect(stored).not.toMatch(/first-secret|second-secret/);
    });

    it('records the link that loses the preferred flag when another link of the item takes it', async () => {
      const clerkDoes = as(clerk);
      // BOLT's preferred supplier is ACME (the test before); INITECH takes the flag as it is linked, then GLOBEX by a change.
      await clerkDoes('POST', '/api/v1/suppliers', { code: 'INITECH', name: 'Initech' }, 201);
      await clerkDoes('POST', '/api/v1/suppliers', { code: 'GLOBEX', name: 'Globex' }, 201);
      await clerkDoes('POST', '/api/v1/suppliers/INITECH/items', { sku: 'BOLT', preferred: true }, 201);
      await clerkDoes('POST', '/api/v1/suppliers/GLOBEX/items', { sku: 'BOLT' }, 201);
      await clerkDoes('PATCH', '/api/v1/suppliers/GLOBEX/items/BOLT', { preferred: true }, 200);
      const entries = (await trail(`&subjectType=item_supplier&actor=key:${clerk.id}`)).reverse().slice(-5);
      expect(entries.map((e) => [e.subjectKey, e.action, e.changes['preferred']])).toEqual([
        ['BOLT/ACME', 'updated', { from: true, to: false }],
        ['BOLT/INITECH', 'created', { from: null, to: true }],
        ['BOLT/GLOBEX', 'created', { from: null, to: false }],
        ['BOLT/INITECH', 'updated', { from: true, to: false }],
        ['BOLT/GLOBEX', 'updated', { from: false, to: true }],
      ]);
      // Only the flag changed on the links that lost it.
      expect(Object.keys(entries[0]?.changes ?? {})).toEqual(['preferred']);
      const links = json<{ items: { supplier: string; preferred: boolean }[] }>(await api.call('viewer', { url: '/api/v1/item-suppliers?sku=BOLT' }), 200);
      expect(links.items.map((l) => [l.supplier, l.preferred])).toEqual([['ACME', false], ['GLOBEX', true], ['INITECH', false]]);
    });

    it('records who created and revoked keys, without their secrets', async () => {
      const made = json<{ id: number; key: string }>(await api.call('admin', { method: 'POST', url: '/api/v1/keys', payload: { name: 'temp', role: 'viewer' } }), 201);
      await as(admin)('DELETE', `/api/v1/keys/${made.id}`, undefined, 200);
      const entries = await trail(`&subjectType=api_key&subject=${made.id}`);
      expect(entries.map((e) => [e.action, e.actor])).toEqual([['revoked', `key:${admin.id}`], ['created', expect.stringMatching(/^key:\d+$/)]]);
      expect(entries[1]?.changes).toMatchObject({ name: { from: null, to: 'temp' }, role: { from: null, to: 'viewer' } });
      expect(JSON.stringify(entries)).not.toContain(made.key);
      const keyOfClerk = await trail(`&subjectType=api_key&subject=${clerk.id}`);
      expect(keyOfClerk.map((e) => [e.action, e.actor])).toEqual([['created', `key:${admin.id}`]]);
    });

    it('writes nothing for a refused change or an update that changes nothing', async () => {
      const before = (await trail()).length;
      expectError(await api.call('admin', { method: 'POST', url: '/api/v1/items', payload: { sku: 'BOLT', name: 'again' } }), 409, 'CONFLICT');
      expectError(await api.call('admin', { method: 'PATCH', url: '/api/v1/items/BOLT', payload: { unitPrice: -1 } }), 400, 'VALIDATION_FAILED');
      expectError(await api.call('admin', { method: 'PATCH', url: '/api/v1/items/BOLT', payload: { substitutes: ['NOPE'] } }), 400, 'VALIDATION_FAILED');
      json(await api.call('admin', { method: 'PATCH', url: '/api/v1/locations/SHOP', payload: { priority: 3 } }), 200);
      expect((await trail()).length).toBe(before);
    });

    it('filters by time and subject, and refuses bad filters naming the field', async () => {
      const all = await trail();
      expect(all.length).toBeGreaterThan(10);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
      expect(await trail('&since=2999-01-01')).toEqual([]);
      expect((await trail('&subjectType=item&subject=BOLT')).map((e) => e.action)).toEqual(['updated', 'created']);
      for (const [query, field] of [['subjectType=order', 'subjectType'], ['since=yesterday', 'since'], ['since=2026-02-30', 'since'], ['cursor=zz', 'cursor'], ['limit=0', 'limit']] as const) {
        const error = expectError(await api.call('admin', { url: `/api/v1/audit?${query}` }), 400, 'VALIDATION_FAILED');
        expect(JSON.stringify(error)).toContain(field);
      }
      expectError(await api.call('operator', { url: '/api/v1/audit' }), 403, 'FORBIDDEN');
      expectError(await api.call('viewer', { url: '/api/v1/audit' }), 403, 'FORBIDDEN');
    });
  });
}
