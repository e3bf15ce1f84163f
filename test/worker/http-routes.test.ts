import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../src/app/communication/unsubscribe-token.js';
import { unsubscribeSecret } from '../../src/app/communication/unsubscribe.js';
import { fanOut } from '../../src/worker/fan-out.js';
import { expectError, json, seedCatalogue, startApi, type ApiHarness } from '../http/support.js';
import { DIALECTS } from '../support/stores.js';
import { fastConfig } from './support/fast-config.js';

type Page<T = Record<string, unknown>> = { items: T[]; nextCursor: string | null };

for (const dialect of DIALECTS) {
  describe(`webhook and subscription routes on ${dialect}`, () => {
    let api: ApiHarness;

    beforeEach(async () => {
      api = await startApi(dialect);
      await seedCatalogue(api);
    });

    afterEach(async () => {
      await api.close();
    });

    const as = (role: 'admin' | 'operator' | 'storefront' | 'viewer' | null, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
      api.call(role, { method, url, ...(payload ? { payload } : {}) });

    it('registers, lists, changes and removes endpoints; the secret is shown once', async () => {
      const created = json<{ id: number; secret: string; eventTypes: string[]; active: boolean }>(
        await as('admin', 'POST', '/api/v1/webhooks/endpoints', { url: 'https://hooks.example.com/restock', eventTypes: ['order.*', 'stock.low'], description: 'ERP' }),
        201,
      );
      expect(created).toMatchObject({ eventTypes: ['order.*', 'stock.low'], active: true, failureStreak: 0 });
      expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
      const list = json<{ items: Record<string, unknown>[] }>(await as('viewer', 'GET', '/api/v1/webhooks/endpoints'), 200);
      expect(list.items).toEqual([expect.objectContaining({ id: created.id, secretHint: `…${created.secret.slice(-4)}` })]);
      expect(list.items[0]).not.toHaveProperty('secret');
      expect(json(await as('operator', 'PATCH', `/api/v1/webhooks/endpoints/${created.id}`, { active: false, eventTypes: [] }), 200)).toMatchObject({ active: false, eventTypes: [] });
      expect(json(await as('admin', 'GET', `/api/v1/webhooks/endpoints/${created.id}`), 200)).toMatchObject({ active: false });
      expect(json(await as('admin', 'DELETE', `/api/v1/webhooks/endpoints/${created.id}`), 200)).toEqual({ id: created.id });
      expectError(await as('admin', 'GET', `/api/v1/webhooks/endpoints/${created.id}`), 404, 'NOT_FOUND');
    });

    it('refuses bad endpoints and keys without the right role', async () => {
      const refused = expectError(await as('admin', 'POST', '/api/v1/webhooks/endpoints', { url: 'http://127.0.0.1:8080/hook' }), 400, 'VALIDATION_FAILED');
      expect(refused.details).toMatchObject({ field: 'url' });
      expect(refused.message).toMatch(/loopback/);
      expect(expectError(await as('admin', 'POST', '/api/v1/webhooks/endpoints', { url: 'ftp://example.com/x' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'url' });
      expect(expectError(await as('admin', 'POST', '/api/v1/webhooks/endpoints', { url: 'https://example.com/x', eventTypes: ['nope.*'] }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'eventTypes[0]' });
      expect(expectError(await as('admin', 'POST', '/api/v1/webhooks/endpoints', { url: 'https://example.com/x', secret: 'short' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'secret' });
      expect(expectError(await as('admin', 'POST', '/api/v1/webhooks/endpoints', { url: 'https://example.com/x', colour: 'red' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'colour' });
      expectError(await as('storefront', 'POST', '/api/v1/webhooks/endpoints', { url: 'https://example.com/x' }), 403, 'FORBIDDEN');
      expectError(await as('viewer', 'POST', '/api/v1/webhooks/endpoints', { url: 'https://example.com/x' }), 403, 'FORBIDDEN');
      expectError(await as(null, 'GET', '/api/v1/webhooks/endpoints'), 401, 'UNAUTHORIZED');
      expectError(await as('admin', 'PATCH', '/api/v1/webhooks/endpoints/999', { active: true }), 404, 'NOT_FOUND');
    });

    it('lists deliveries page by page, lists dead letters and replays them', async () => {
      const endpoint = json<{ id: number }>(await as('admin', 'POST', '/api/v1/webhooks/endpoints', { url: 'https://hooks.example.com/x', eventTypes: ['item.created'] }), 201);
      await fanOut(api.store, fastConfig());
      const first = json<Page<{ id: number; eventType: string; status: string }>>(await as('viewer', 'GET', `/api/v1/webhooks/deliveries?endpointId=${endpoint.id}&limit=2`), 200);
      expect(first.items.map((d) => [d.eventType, d.status])).toEqual([['item.created', 'pending'], ['item.created', 'pending']]);
      const second = json<Page>(await as('viewer', 'GET', `/api/v1/webhooks/deliveries?endpointId=${endpoint.id}&limit=2&cursor=${first.nextCursor}`), 200);
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();

      // The receiver refuses everything: with one attempt allowed, each delivery is a dead letter at once.
      const claimed = (await api.store.transaction((tx) => tx.communication.claimDeliveries('test', 10, 10, 60_000))).filter((c) => c.delivery.endpointId === endpoint.id);
      await api.store.transaction((tx) => tx.communication.recordOutcomes(claimed.map((c) => ({ id: c.delivery.id, endpointId: endpoint.id, ok: false, status: 500, error: 'HTTP 500', retryAfterMs: 0 })), 1));
      const dead = json<Page<{ id: number; attempts: number; lastStatus: number }>>(await as('viewer', 'GET', '/api/v1/webhooks/dead-letters'), 200);
      expect(dead.items.map((d) => [d.attempts, d.lastStatus])).toEqual([[1, 500], [1, 500], [1, 500]]);
      // Ids of no delivery, or of one that is not dead, are named, and nothing is replayed.
      const unknown = expectError(await as('operator', 'POST', '/api/v1/webhooks/dead-letters/replay', { ids: [dead.items[0]?.id, 99_998, 99_999, 99_998] }), 404, 'NOT_FOUND');
      expect(unknown.message).toBe('ids: no delivery with id 99998, 99999; nothing was replayed');
      expect(unknown.details).toEqual({ field: 'ids', unknownIds: [99_998, 99_999] });
      expect(expectError(await as('operator', 'POST', '/api/v1/webhooks/dead-letters/replay', { ids: [dead.items[0]?.id], endpointId: endpoint.id }), 400, 'VALIDATION_FAILED').details).toEqual({ field: 'endpointId' });
      expect(json<Page>(await as('viewer', 'GET', '/api/v1/webhooks/dead-letters'), 200).items).toHaveLength(3);
      expect(json(await as('operator', 'POST', '/api/v1/webhooks/dead-letters/replay', { ids: [dead.items[0]?.id] }), 200)).toEqual({ replayed: 1 });
      const notDead = expectError(await as('operator', 'POST', '/api/v1/webhooks/dead-letters/replay', { ids: [dead.items[1]?.id, dead.items[0]?.id] }), 409, 'CONFLICT');
      expect(notDead.message).toBe(`ids: ${dead.items[0]?.id} (pending) is not a dead letter; nothing was replayed`);
      expect(notDead.details).toEqual({ field: 'ids', notDead: [{ id: dead.items[0]?.id, status: 'pending' }] });
      expect(json<Page>(await as('viewer', 'GET', '/api/v1/webhooks/dead-letters'), 200).items).toHaveLength(2);
      expect(json(await as('operator', 'POST', '/api/v1/webhooks/dead-letters/replay', { endpointId: endpoint.id }), 200)).toEqual({ replayed: 2 });
      expect(json<Page>(await as('viewer', 'GET', '/api/v1/webhooks/dead-letters'), 200).items).toEqual([]);
      expectError(await as('viewer', 'POST', '/api/v1/webhooks/dead-letters/replay', {}), 403, 'FORBIDDEN');
      expectError(await as('admin', 'GET', '/api/v1/webhooks/deliveries?status=lost'), 400, 'VALIDATION_FAILED');
    });

    it('shows customers\' mails waiting for an SMTP server among the pending deliveries', async () => {
      const placed = json<{ id: number }>(await as('storefront', 'POST', '/api/v1/orders', { customer: { email: 'ann@example.com' }, lines: [{ sku: 'GIZMO', quantity: 1 }] }), 201);
      await fanOut(api.store, fastConfig({ email: null }));
      const pending = json<Page<{ target: string; subject: string; status: string; lastError: string | null }>>(await as('viewer', 'GET', '/api/v1/webhooks/deliveries?status=pending'), 200);
      expect(pending.items.filter((d) => d.target === 'email')).toEqual([
        expect.objectContaining({ subject: `order:${placed.id}`, status: 'pending', lastError: 'not sent yet: no SMTP server is configured (RESTOCK_SMTP_URL or RESTOCK_SMTP_HOST)' }),
      ]);
    });

    it('lets a storefront subscribe to an out-of-stock item, merges repeats and refuses items in stock', async () => {
      json(await as('admin', 'POST', '/api/v1/items', { sku: 'RARE', name: 'Rare thing' }), 201);
      const created = json<{ id: number; merged: boolean; status: string; requests: number }>(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'ann@example.com' }), 201);
      expect(created).toMatchObject({ sku: 'RARE', email: 'ann@example.com', status: 'active', requests: 1, merged: false });
      expect(json(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'ANN@example.com' }), 200)).toEqual({
        sku: 'RARE', email: 'ANN@example.com', status: 'active', merged: true,
        message: 'ANN@example.com is already on the list for RARE: it keeps its place and will get one e-mail when RARE is back in stock.',
      });
      expect(expectError(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'WIDGET', email: 'ann@example.com' }), 409, 'CONFLICT').details).toMatchObject({ field: 'sku', status: 'in_stock' });
      expectError(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'NOPE', email: 'ann@example.com' }), 404, 'NOT_FOUND');
      expect(expectError(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'not an address' }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'email' });
      // Addresses a mail server would refuse only after days of retries are refused at once.
      for (const email of ['a@b', '<script>@x"y']) {
        expect(expectError(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email }), 400, 'VALIDATION_FAILED').details).toMatchObject({ field: 'email' });
      }
      expectError(await as('viewer', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'x@example.com' }), 403, 'FORBIDDEN');
      expectError(await as('storefront', 'GET', '/api/v1/subscriptions'), 403, 'FORBIDDEN');
      const page = json<Page<{ sku: string; requests: number }>>(await as('viewer', 'GET', '/api/v1/subscriptions?sku=RARE'), 200);
      expect(page.items).toEqual([expect.objectContaining({ sku: 'RARE', requests: 2 })]);
    });

    it('tells someone repeating another address\'s subscription nothing that ends it or says when or how often it was asked', async () => {
      json(await as('admin', 'POST', '/api/v1/items', { sku: 'SCARCE', name: 'Scarce thing' }), 201);
      const ann = json<{ id: number; createdAt: string; unsubscribeToken: string }>(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'SCARCE', email: 'ann@example.com' }), 201);
      const repeat = await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'SCARCE', email: ' Ann@Example.com ' });
      expect(json(repeat, 200)).toEqual({
        sku: 'SCARCE', email: 'Ann@Example.com', status: 'active', merged: true,
        message: 'Ann@Example.com is already on the list for SCARCE: it keeps its place and will get one e-mail when SCARCE is back in stock.',
      });
      for (const secret of [ann.unsubscribeToken, String(ann.id), ann.createdAt]) expect(repeat.body).not.toContain(secret);
      // Staff still see the one subscription, its first date and every request.
      const page = json<Page<{ id: number; requests: number; createdAt: string; status: string }>>(await as('viewer', 'GET', '/api/v1/subscriptions?sku=SCARCE'), 200);
      expect(page.items).toEqual([expect.objectContaining({ id: ann.id, requests: 2, createdAt: ann.createdAt, status: 'active' })]);
    });

    it('lets a customer stop waiting before any notice, by the token the storefront got, and staff end a waiting subscription', async () => {
      json(await as('admin', 'POST', '/api/v1/items', { sku: 'RARE', name: 'Rare thing' }), 201);
      const ann = json<{ id: number; unsubscribeToken: string }>(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'ann@example.com' }), 201);
      expect(ann.unsubscribeToken).toEqual(expect.any(String));
      const stopped = await api.app.inject({ method: 'POST', url: `/unsubscribe?token=${encodeURIComponent(ann.unsubscribeToken)}` });
      expect(stopped.statusCode).toBe(200);
      expect(JSON.parse(stopped.body)).toMatchObject({ id: ann.id, status: 'unsubscribed' });
      // Staff end one that still waits; only operators and admins may.
      const bo = json<{ id: number }>(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'bo@example.com' }), 201);
      expectError(await as('storefront', 'DELETE', `/api/v1/subscriptions/${bo.id}`), 403, 'FORBIDDEN');
      expectError(await as('viewer', 'DELETE', `/api/v1/subscriptions/${bo.id}`), 403, 'FORBIDDEN');
      expect(json(await as('operator', 'DELETE', `/api/v1/subscriptions/${bo.id}`), 200)).toMatchObject({ id: bo.id, status: 'unsubscribed' });
      expect(json(await as('operator', 'DELETE', `/api/v1/subscriptions/${bo.id}`), 200)).toMatchObject({ id: bo.id, status: 'unsubscribed' });
      expect(expectError(await as('operator', 'DELETE', '/api/v1/subscriptions/99999'), 404, 'NOT_FOUND').details).toMatchObject({ field: 'id' });
      const waiting = json<Page<{ status: string }>>(await as('viewer', 'GET', '/api/v1/subscriptions?sku=RARE&status=active'), 200);
      expect(waiting.items).toEqual([]);
      // One whose customer was already told has nothing left to stop.
      const cy = json<{ id: number }>(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'cy@example.com' }), 201);
      await api.store.transaction((tx) => tx.communication.markSubscriptionsNotified([cy.id], tx.now));
      expectError(await as('operator', 'DELETE', `/api/v1/subscriptions/${cy.id}`), 409, 'CONFLICT');
    });

    it('unsubscribes by the signed link without a key, and refuses forged or missing tokens', async () => {
      json(await as('admin', 'POST', '/api/v1/items', { sku: 'RARE', name: 'Rare <thing>' }), 201);
      const created = json<{ id: number }>(await as('storefront', 'POST', '/api/v1/subscriptions', { sku: 'RARE', email: 'ann@example.com' }), 201);
      const token = unsubscribeToken(await api.store.read((tx) => unsubscribeSecret(tx)), created.id);
      const page = await as(null, 'GET', `/unsubscribe?token=${encodeURIComponent(token)}`);
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.body).toContain('Stop back-in-stock e-mails for RARE?');
      // Opening the link (as a mail scanner does for every link) asks; it does not unsubscribe.
      const stillOn = json<{ items: { id: number; status: string }[] }>(await as('operator', 'GET', '/api/v1/subscriptions?sku=RARE'), 200);
      expect(stillOn.items).toEqual([expect.objectContaining({ id: created.id, status: 'active' })]);
      // The page's button posts the same token back, from a browser: the answer is a page.
      const action = /<form method="post" action="([^"]+)"/.exec(page.body)?.[1] ?? '';
      expect(action).toBe(`?token=${encodeURIComponent(token)}`);
      const confirmed = await api.app.inject({
        method: 'POST', url: `/unsubscribe${action}`, payload: '',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
      });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.headers['content-type']).toMatch(/^text\/html/);
      expect(confirmed.body).toContain('You will not get a back-in-stock e-mail for RARE.');
      expect((await as(null, 'GET', `/unsubscribe?token=${encodeURIComponent(token)}`)).body).toContain('You will not get a back-in-stock e-mail for RARE.');
      const forged = await as(null, 'GET', `/unsubscribe?token=${encodeURIComponent(token.replace(/^\d+/, '99'))}`);
      expect(forged.statusCode).toBe(403);
      expectError(await as(null, 'GET', '/unsubscribe'), 400, 'VALIDATION_FAILED');
      const oneClick = await api.app.inject({
        method: 'POST', url: `/unsubscribe?token=${encodeURIComponent(token)}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click',
      });
      expect(json(oneClick, 200)).toMatchObject({ id: created.id, status: 'unsubscribed' });
    });

    it('documents the routes in the OpenAPI document', async () => {
      const document = json<{ paths: Record<string, unknown> }>(await as(null, 'GET', '/api/v1/openapi.json'), 200);
      expect(Object.keys(document.paths)).toEqual(expect.arrayContaining([
        '/api/v1/webhooks/endpoints', '/api/v1/webhooks/endpoints/{id}', '/api/v1/webhooks/deliveries', '/api/v1/webhooks/dead-letters',
        '/api/v1/webhooks/dead-letters/replay', '/api/v1/subscriptions', '/unsubscribe',
      ]));
    });
  });
}
