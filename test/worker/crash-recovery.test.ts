import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookEndpoint } from '../../src/app/communication/manage-webhook-endpoints.js';
import type { NewEvent, Store } from '../../src/app/ports.js';
import { must } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { orderViolations, startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { waitFor } from './support/wait-for.js';

const SECRET = 'crash-test-secret-0123456789';
const WORKER_SCRIPT = fileURLToPath(new URL('./support/worker-process.ts', import.meta.url));

/** Writes `count` events over `subjects` orders, a thousand per transaction. */
async function writeEvents(store: Store, count: number, subjects: number): Promise<string[]> {
  for (let start = 0; start < count; start += 1000) {
    const batch: NewEvent[] = [];
    for (let i = start; i < Math.min(count, start + 1000); i += 1) {
      batch.push({ type: 'order.placed', subjectType: 'order', subjectId: String(i % subjects), payload: { n: i } });
    }
    await store.transaction((tx) => tx.insertEvents(batch));
  }
  return (await store.read((tx) => tx.listEvents(0, count + 1))).map((e) => String(e.seq));
}

for (const dialect of DIALECTS) {
  describe(`delivery survives crashes and shares work on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let receiver: WebhookReceiver;
    const children: ChildProcess[] = [];

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      receiver = await startReceiver({ secret: SECRET });
      must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET }, { allowLoopback: true, allowPrivate: false }, 'test'));
    });

    afterEach(async () => {
      for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      children.length = 0;
      await receiver.close();
      await store.close();
      await database.drop();
    });

    function spawnWorker(leaseMs: number): ChildProcess {
      const child = spawn(process.execPath, ['--import', 'tsx', WORKER_SCRIPT], {
        env: {
          ...process.env,
          ...database.env,
          RESTOCK_WEBHOOK_ALLOW_LOOPBACK: '1',
          RESTOCK_WORKER_LEASE_MS: String(leaseMs),
          RESTOCK_WORKER_POLL_MS: '20',
          RESTOCK_WEBHOOK_BACKOFF_MS: '10',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
      return child;
    }

    it('delivers all of 10,000 events after the worker is killed with SIGKILL mid-delivery and restarted', async () => {
      const ids = await writeEvents(store, 10_000, 100);
      const first = spawnWorker(1_500);
      await waitFor('some deliveries', () => receiver.accepted.size >= 2_500, 120_000, 5);
      first.kill('SIGKILL');
      await once(first, 'exit');
      const beforeRestart = receiver.accepted.size;
      expect(beforeRestart).toBeLessThan(10_000);

      const second = spawnWorker(1_500);
      await waitFor('every event delivered', () => ids.every((id) => receiver.accepted.has(id)), 180_000, 50);
      await waitFor('nothing pending', async () => (await store.read((tx) => tx.communication.countDeliveries('pending'))) === 0, 30_000);
      second.kill('SIGTERM');
      await once(second, 'exit');

      expect(receiver.accepted.size).toBe(10_000);
      expect(await store.read((tx) => tx.communication.countDeliveries('dead'))).toBe(0);
      expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
      // Redelivery after the crash repeats only what was in flight, and never breaks subject order.
      expect(receiver.requests.length - 10_000).toBeLessThanOrEqual(64 * 25);
      expect(orderViolations(receiver.requests)).toEqual([]);
    });

    it('lets two worker processes share the work: each event acknowledged exactly once, in order per subject', async () => {
      const ids = await writeEvents(store, 3_000, 40);
      const workers = [spawnWorker(60_000), spawnWorker(60_000)];
      await waitFor('every event delivered', () => ids.every((id) => receiver.accepted.has(id)), 120_000, 50);
      await waitFor('nothing pending', async () => (await store.read((tx) => tx.communication.countDeliveries('pending'))) === 0);
      for (const worker of workers) worker.kill('SIGTERM');
      await Promise.all(workers.map((worker) => once(worker, 'exit')));
      expect(receiver.requests).toHaveLength(3_000);
      expect(orderViolations(receiver.requests)).toEqual([]);
    });
  });
}
