import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/app/pagination.js';
import { expectInvariants } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { expectError, json, startApi, type ApiHarness } from './support.js';

type Line = { position: number; orderId: number; lineId: number; backordered: number; unitsAhead: number };
type Page = { items: Line[]; nextCursor: string | null };

/**
 * An item's queue pages from the last line shown, not from a place in the queue: lines filled or
 * orders placed between two pages neither hide a waiting line nor show one twice, and a cursor
 * this queue did not give out is refused.
 */
for (const dialect of DIALECTS) {
  describe(`backorder queue pages on ${dialect}`, () => {
    let api: ApiHarness;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
    const as = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => api.call('admin', { method, url, ...(payload ? { payload } : {}) });
    const place = async (sku: string, quantity: number, priority = 0) =>
      json<{ id: number }>(await as('POST', '/api/v1/orders', { priority, lines: [{ sku, quantity }] }), 201).id;
    const queuePage = async (sku: string, query: string) => json<Page>(await as('GET', `/api/v1/backorders?sku=${sku}&${query}`), 200);
    /** Every line of the queue, read `limit` at a time from page to page. */
    const everyPage = async (sku: string, limit: number) => {
      const seen: Line[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await queuePage(sku, `limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor !== null);
      return seen;
    };

    beforeEach(async () => {
      tick = 0;
      api = await startApi(dialect, { clock });
      json(await as('POST', '/api/v1/locations', { code: 'A', name: 'Aisle A', priority: 0 }), 201);
      for (const sku of ['W1', 'W2']) json(await as('POST', '/api/v1/items', { sku, name: sku, backorderPolicy: 'allow' }), 201);
    });

    afterEach(async () => {
      await expectInvariants(api.store);
      await api.close();
    });

    it('shows the next waiting line when the line last shown is filled between pages', async () => {
      const low = await place('W1', 3, 0);
      const high = await place('W1', 9, 5);
      const first = await queuePage('W1', 'limit=1');
      expect(first.items.map((l) => [l.orderId, l.position])).toEqual([[high, 1]]);
      json(await as('POST', '/api/v1/stock/adjustments', { sku: 'W1', location: 'A', delta: 9, reason: 'found' }), 201);
      const next = await queuePage('W1', `limit=1&cursor=${first.nextCursor}`);
      // The filled line left the queue: the low-priority one is now first in it.
      expect(next).toEqual({ items: [expect.objectContaining({ orderId: low, position: 1, unitsAhead: 0, backordered: 3 })], nextCursor: null });
    });

    it('does not show a line again when a higher-priority order joins the queue between pages', async () => {
      const older = await place('W1', 2);
      const newer = await place('W1', 4);
      const first = await queuePage('W1', 'limit=1');
      expect(first.items.map((l) => l.orderId)).toEqual([older]);
      const urgent = await place('W1', 1, 9);
      const next = await queuePage('W1', `limit=1&cursor=${first.nextCursor}`);
      // The urgent order went ahead of both: the next line is the newer one, now third.
      expect(next).toEqual({ items: [expect.objectContaining({ orderId: newer, position: 3, unitsAhead: 3 })], nextCursor: null });
      expect((await queuePage('W1', '')).items.map((l) => l.orderId)).toEqual([urgent, older, newer]);
    });

    it('pages through a queue that does not change in serving order, each line once', async () => {
      const orders = [await place('W1', 1, 1), await place('W1', 2), await place('W1', 3, 2), await place('W1', 4), await place('W1', 5, 1)];
      const seen = await everyPage('W1', 2);
      expect(seen.map((l) => [l.position, l.orderId])).toEqual([[1, orders[2]], [2, orders[0]], [3, orders[4]], [4, orders[1]], [5, orders[3]]]);
      expect(seen.map((l) => l.unitsAhead)).toEqual([0, 3, 4, 9, 11]);
    });

    it('pages lines of one priority placed in the same instant by line id, numbering them over the whole queue', async () => {
      const first = await place('W1', 4, 1);
      // One order's lines share their order's instant and priority: only the line id tells them apart.
      const both = json<{ id: number; lines: { id: number }[] }>(
        await as('POST', '/api/v1/orders', { lines: [{ sku: 'W1', quantity: 2 }, { sku: 'W1', quantity: 3 }] }),
        201,
      );
      const last = await place('W1', 1);
      const seen = await everyPage('W1', 1);
      expect(seen.map((l) => [l.position, l.orderId, l.lineId, l.unitsAhead])).toEqual([
        [1, first, expect.any(Number), 0],
        [2, both.id, both.lines[0]?.id, 4],
        [3, both.id, both.lines[1]?.id, 6],
        [4, last, expect.any(Number), 9],
      ]);
      expect(seen).toEqual((await queuePage('W1', '')).items);
    });

    it("tells a storefront each waiting line's place in its queue on GET /orders/{id}, without the queue's other customers", async () => {
      const first = await place('W1', 4, 1);
      const mixed = json<{ id: number; lines: { id: number }[] }>(
        await as('POST', '/api/v1/orders', { lines: [{ sku: 'W2', quantity: 1 }, { sku: 'W1', quantity: 2 }] }),
        201,
      );
      json(await as('POST', '/api/v1/stock/adjustments', { sku: 'W2', location: 'A', delta: 5, reason: 'found' }), 201);
      type Shown = { lines: { sku: string; backordered: number; queue: { position: number; unitsAhead: number } | null }[] };
      const shown = json<Shown>(await api.call('storefront', { method: 'GET', url: `/api/v1/orders/${mixed.id}` }), 200);
      // W2 was filled by the stock that came; the W1 line waits behind the higher-priority order.
      expect(shown.lines.map((l) => [l.sku, l.backordered, l.queue])).toEqual([['W2', 0, null], ['W1', 2, { position: 2, unitsAhead: 4 }]]);
      expect((await api.call('storefront', { method: 'GET', url: '/api/v1/backorders?sku=W1' })).statusCode).toBe(403);
      // The place is the one the queue shows, and moves with it.
      json(await as('PATCH', `/api/v1/orders/${mixed.id}`, { priority: 2 }), 200);
      const moved = json<Shown>(await as('GET', `/api/v1/orders/${mixed.id}`), 200);
      expect(moved.lines[1]?.queue).toEqual({ position: 1, unitsAhead: 0 });
      const queue = (await queuePage('W1', '')).items;
      expect(queue.map((l) => [l.orderId, l.position, l.unitsAhead])).toEqual([[mixed.id, 1, 0], [first, 2, 2]]);
      expect(json<Shown>(await as('GET', `/api/v1/orders/${first}`), 200).lines[0]?.queue).toEqual({ position: 2, unitsAhead: 2 });
    });

    it('refuses a cursor another list gave out, or one made up, naming cursor', async () => {
      await place('W1', 1);
      await place('W1', 1);
      await place('W2', 1);
      await place('W2', 1);
      const everyLine = json<Page>(await as('GET', '/api/v1/backorders?limit=1'), 200).nextCursor;
      const orders = json<Page>(await as('GET', '/api/v1/orders?limit=1'), 200).nextCursor;
      const otherQueue = (await queuePage('W2', 'limit=1')).nextCursor;
      const [line] = (await queuePage('W1', 'limit=1')).items;
      expect([everyLine, orders, otherQueue, line]).not.toContain(null);
      const forged = [
        everyLine, orders, otherQueue, encodeCursor(1),
        encodeCursor({ sku: 'W1', priority: 0, placedAt: 'yesterday', lineId: line?.lineId }),
        encodeCursor({ sku: 'W1', priority: '0', placedAt: '2026-01-01T00:00:00.000Z', lineId: line?.lineId }),
        encodeCursor({ sku: 'W1', priority: 0, placedAt: '2026-01-01T00:00:00.000Z' }),
      ];
      for (const cursor of forged) {
        const refused = expectError(await as('GET', `/api/v1/backorders?sku=W1&limit=1&cursor=${cursor}`), 400, 'VALIDATION_FAILED');
        expect({ cursor, details: refused.details }).toMatchObject({ cursor, details: { field: 'cursor' } });
      }
    });
  });
}
