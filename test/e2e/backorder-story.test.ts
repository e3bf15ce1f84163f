import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { REPO } from './support/restock-server.js';
import { typedClient } from './support/typed-client.js';

const CLI = join(REPO, 'dist/src/cli/main.js');
const ADMIN_KEY = `rk_story_${Date.now().toString(36)}_0123456789abcdef0123456789`;

/**
 * The whole backorder story over real HTTP against the built `restock serve` on a random port,
 * through a client typed by the published OpenAPI document: stock, orders until backorder,
 * `backorder` availability, a restock filling the queue in order, shipping and cancelling.
 */
for (const dialect of DIALECTS) {
  describe(`a backorder story over HTTP on ${dialect}`, () => {
    let database: TestDatabase;
    let server: ChildProcess;
    let api: ReturnType<typeof typedClient>;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      server = spawn(process.execPath, [CLI, '--json', 'serve', '--port', '0'], {
        env: { ...process.env, ...database.env, RESTOCK_ADMIN_KEY: ADMIN_KEY, RESTOCK_LOG_LEVEL: 'silent', RESTOCK_WORKER: 'off' },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const url = await new Promise<string>((resolve, reject) => {
        let output = '';
        server.stdout?.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          try {
            resolve((JSON.parse(output) as { url: string }).url);
          } catch {
            // not the whole start-up document yet
          }
        });
        server.once('exit', (code) => reject(new Error(`restock serve exited with ${code}`)));
      });
      api = typedClient(url, ADMIN_KEY);
    }, 120_000);

    afterAll(async () => {
      if (server.exitCode === null) {
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGTERM');
        await exited;
      }
      await database.drop();
    });

    it('takes orders past stock, promises, fills the queue in order on restock, ships and cancels', async () => {
      expect((await api('post', '/api/v1/locations', { body: { code: 'MAIN', name: 'Main warehouse' } })).status).toBe(201);
      expect((await api('post', '/api/v1/items', { body: { sku: 'WIDGET', name: 'Widget', unitPrice: 1999, backorderPolicy: 'allow', leadTimeDays: 10 } })).status).toBe(201);
      expect((await api('post', '/api/v1/stock/adjustments', { body: { sku: 'WIDGET', location: 'MAIN', delta: 2, reason: 'receipt' } })).status).toBe(201);

      const first = await api('post', '/api/v1/orders', { body: { externalId: 'A', lines: [{ sku: 'WIDGET', quantity: 2 }] }, headers: { 'idempotency-key': 'story-a' } });
      expect(first.data.lines[0]).toMatchObject({ allocated: 2, backordered: 0 });
      const [availability] = (await api('get', '/api/v1/availability', { query: { sku: ['WIDGET'] } })).data.items;
      expect(availability).toMatchObject({ status: 'backorder', available: 0, backorderable: null, etaEstimated: true });
      expect(availability?.eta).toMatch(/^\d{4}-\d{2}-\d{2}$/);

      const second = (await api('post', '/api/v1/orders', { body: { externalId: 'B', customer: { email: 'b@example.com' }, lines: [{ sku: 'WIDGET', quantity: 3 }] } })).data;
      const urgent = (await api('post', '/api/v1/orders', { body: { externalId: 'C', priority: 5, lines: [{ sku: 'WIDGET', quantity: 1 }] } })).data;
      expect(second.status).toBe('backordered');
      const queue = (await api('get', '/api/v1/backorders', { query: { sku: 'WIDGET' } })).data.items;
      expect(queue.map((p) => [p.position, p.orderId])).toEqual([[1, urgent.id], [2, second.id]]);

      expect((await api('post', '/api/v1/stock/adjustments', { body: { sku: 'WIDGET', location: 'MAIN', delta: 3, reason: 'supplier delivery' } })).status).toBe(201);
      const filledUrgent = (await api('get', '/api/v1/orders/{id}', { params: { id: urgent.id } })).data;
      expect(filledUrgent).toMatchObject({ status: 'open', lines: [{ allocated: 1, backordered: 0 }] });
      const afterRestock = (await api('get', '/api/v1/backorders', { query: { sku: 'WIDGET' } })).data.items;
      expect(afterRestock.map((p) => [p.orderId, p.backordered, p.allocated])).toEqual([[second.id, 1, 2]]);

      const shipped = await api('post', '/api/v1/orders/{id}/shipments', { params: { id: first.data.id }, body: { lines: [{ sku: 'WIDGET', quantity: 2 }] } });
      expect(shipped.data.status).toBe('shipped');
      const tooMuch = await api('post', '/api/v1/orders/{id}/shipments', { params: { id: urgent.id }, body: { lines: [{ sku: 'WIDGET', quantity: 2 }] } });
      expect([tooMuch.status, tooMuch.error?.code]).toEqual([409, 'INSUFFICIENT_ALLOCATION']);

      const cancelled = await api('post', '/api/v1/orders/{id}/cancel', { params: { id: second.id }, body: {} });
      expect(cancelled.data).toMatchObject({ status: 'cancelled', lines: [{ cancelled: 3, allocated: 0, backordered: 0 }] });
      const [final] = (await api('get', '/api/v1/availability', { query: { sku: ['WIDGET'] } })).data.items;
      expect(final).toMatchObject({ status: 'in_stock', available: 2, onHand: 3, allocated: 1, backordered: 0 });

      const replay = await api('post', '/api/v1/orders', { body: { externalId: 'A', lines: [{ sku: 'WIDGET', quantity: 2 }] }, headers: { 'idempotency-key': 'story-a' } });
      expect(replay.data.id).toBe(first.data.id);
      const check = spawnSync(process.execPath, [CLI, 'check'], { env: { ...process.env, ...database.env }, encoding: 'utf8' });
      expect(check.status, check.stdout + check.stderr).toBe(0);
    });
  });
}
