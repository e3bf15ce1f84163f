import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STRICT_ADDRESS_POLICY } from '../../src/app/communication/address-policy.js';
import { createWebhookEndpoint, getWebhookEndpoint, updateWebhookEndpoint } from '../../src/app/communication/manage-webhook-endpoints.js';
import { listDeliveries, replayDeadLetters } from '../../src/app/communication/webhook-deliveries.js';
import type { Store } from '../../src/app/ports.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { fanOut } from '../../src/worker/fan-out.js';
import { startWorker, type RunningWorker } from '../../src/worker/dispatcher.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { fastConfig } from './support/fast-config.js';
import { orderViolations, startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { quietFor, waitFor } from './support/wait-for.js';

const SECRET = 'test-secret-0123456789abcdef';
const LOOPBACK = { allowLoopback: true, allowPrivate: false };

for (const dialect of DIALECTS) {
  describe(`signed webhooks on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let receiver: WebhookReceiver | null = null;
    let worker: RunningWorker | null = null;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
    });

    afterEach(async () => {
      await worker?.stop();
      await receiver?.close();
      worker = null;
      receiver = null;
      await store.close();
      await database.drop();
    });

    /** Customers' mails wait too, without SMTP; only the webhooks are this file's to deliver. */
    const pendingWebhookDeliveries = async () =>
      (await store.read((tx) => tx.communication.listDeliveries({ status: 'pending', limit: 10_000 }))).filter((d) => d.endpointId !== null).length;

    /** Orders and restocks over a few items: events of many subjects, several per subject. */
    async function makeTraffic(): Promise<void> {
      for (const sku of ['A', 'B', 'C']) await seedItem(store, sku, { backorderPolicy: 'allow', lowStockThreshold: 2, leadTimeDays: 7 });
      await receive(store, 'A', 'MAIN', 5);
      const placed = [];
      for (let i = 0; i < 6; i += 1) placed.push(await order(store, { A: 2, B: 1 }, { customer: { email: `c${i}@example.com` } }));
      await receive(store, 'B', 'MAIN', 4);
      await receive(store, 'A', 'MAIN', 3);
      const first = placed[0];
      if (first) must(await shipOrder(store, first.id, { lines: [{ sku: 'A', quantity: 2 }] }, 'test'));
    }

    async function expectEverythingDelivered(target: WebhookReceiver): Promise<void> {
      const eventIds = (await store.read((tx) => tx.listEvents(0, 10_000))).map((e) => String(e.seq));
      await waitFor('every event acknowledged', () => eventIds.every((id) => target.accepted.has(id)));
      await waitFor('no pending webhook delivery', async () => (await pendingWebhookDeliveries()) === 0);
      expect([...target.accepted].sort()).toEqual([...eventIds].sort());
    }

    it('delivers every event once acknowledged, signed, in order per subject, through retries and a timeout', async () => {
      await makeTraffic();
      // Every third event fails three times; one event hangs until the client gives up.
      receiver = await startReceiver({ secret: SECRET, failuresFor: (id) => (Number(id) % 3 === 0 ? 3 : 0), hangOnce: (id) => id === '5' });
      must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET }, LOOPBACK, 'test'));
      worker = startWorker({ store, config: fastConfig({ maxAttempts: 6, webhookTimeoutMs: 300, chainDepth: 4 }) });
      await expectEverythingDelivered(receiver);

      expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
      expect(orderViolations(receiver.requests)).toEqual([]);
      const retried = receiver.requests.filter((r) => r.eventId === '3');
      expect(retried.map((r) => r.answered)).toEqual([500, 500, 500, 204]);
      expect(retried.map((r) => r.headers['restock-delivery-attempt'])).toEqual(['1', '2', '3', '4']);
      const sample = receiver.requests.find((r) => r.answered === 204);
      const body = JSON.parse(sample?.body ?? '{}') as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['createdAt', 'data', 'id', 'subject', 'type']);
      expect(sample?.headers['restock-event-id']).toBe(body['id']);
      expect(sample?.headers['content-type']).toBe('application/json');
      const dead = must(await listDeliveries(store, { status: 'dead' }));
      expect(dead.items).toEqual([]);
    });

    it('sends only the event types an endpoint asked for', async () => {
      receiver = await startReceiver({ secret: SECRET });
      must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET, eventTypes: ['item.*', 'order.shipped'] }, LOOPBACK, 'test'));
      await makeTraffic();
      worker = startWorker({ store, config: fastConfig() });
      const wanted = (await store.read((tx) => tx.listEvents(0, 10_000))).filter((e) => e.type.startsWith('item.') || e.type === 'order.shipped');
      await waitFor('wanted events', () => wanted.every((e) => receiver?.accepted.has(String(e.seq))));
      await waitFor('no pending webhook delivery', async () => (await pendingWebhookDeliveries()) === 0);
      expect(new Set(receiver.requests.map((r) => r.type))).toEqual(new Set(wanted.map((e) => e.type)));
      expect(receiver.accepted.size).toBe(wanted.length);
    });

    it('dead-letters after the last try, lists the dead letters and replays them', async () => {
      let failing = true;
      receiver = await startReceiver({ secret: SECRET, failuresFor: () => (failing ? 1_000 : 0) });
      const endpoint = must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET }, LOOPBACK, 'test'));
      await seedItem(store, 'A');
      await seedItem(store, 'B');
      worker = startWorker({ store, config: fastConfig({ maxAttempts: 3 }) });
      await waitFor('two dead letters', async () => must(await listDeliveries(store, { endpointId: endpoint.id, status: 'dead' })).items.length === 2);
      const dead = must(await listDeliveries(store, { endpointId: endpoint.id, status: 'dead' })).items;
      expect(dead.map((d) => d.attempts)).toEqual([3, 3]);
      expect(dead[0]?.lastStatus).toBe(500);
      expect(receiver.requests).toHaveLength(6);

      failing = false;
      expect(must(await replayDeadLetters(store, { endpointId: endpoint.id }))).toEqual({ replayed: 2 });
      await waitFor('replayed deliveries acknowledged', () => receiver?.accepted.size === 2);
      await waitFor('nothing dead', async () => must(await listDeliveries(store, { status: 'dead' })).items.length === 0);
      // Replayed already: no longer a dead letter (delivered, or about to be recorded so).
      expect(await replayDeadLetters(store, { ids: [dead[0]?.id] })).toMatchObject({ ok: false, code: 'CONFLICT', details: { notDead: [{ id: dead[0]?.id }] } });
    });

    it('keeps delivering to a healthy receiver while another accepts connections and never answers', async () => {
      // The silent one is waited for 20 s a request; it may hold only its share of the 4 slots.
      receiver = await startReceiver({ secret: SECRET });
      const silent = await startReceiver({ secret: SECRET, hangOnce: () => true });
      try {
        must(await createWebhookEndpoint(store, { url: silent.url, secret: SECRET }, LOOPBACK, 'test'));
        must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET }, LOOPBACK, 'test'));
        await seedItem(store, 'A', { backorderPolicy: 'allow' });
        for (let i = 0; i < 20; i += 1) await order(store, { A: 1 });
        const events = (await store.read((tx) => tx.listEvents(0, 1000))).length;
        worker = startWorker({ store, config: fastConfig({ concurrency: 4, webhookTimeoutMs: 20_000 }) });
        // Without a share per receiver every slot waits on the silent one, and this takes 20 s a round.
        await waitFor('the healthy receiver to get every event', () => receiver?.accepted.size === events, 10_000);
        expect(silent.accepted.size).toBe(0);
      } finally {
        // Hung up on first, the silent receiver's requests end at once and the worker stops without waiting them out.
        await silent.close();
        await worker?.stop();
        worker = null;
      }
    });

    it('switches off an endpoint after a long failure streak and says so with endpoint.disabled', async () => {
      receiver = await startReceiver({ secret: SECRET, failuresFor: () => 1_000 });
      const endpoint = must(await createWebhookEndpoint(store, { url: `${receiver.url}?token=hook-token-123`, secret: SECRET }, LOOPBACK, 'test'));
      for (const sku of ['A', 'B', 'C', 'D']) await seedItem(store, sku);
      worker = startWorker({ store, config: fastConfig({ maxAttempts: 100, disableAfterFailures: 5 }) });
      await waitFor('endpoint disabled', async () => !must(await getWebhookEndpoint(store, endpoint.id)).active);
      const disabled = must(await getWebhookEndpoint(store, endpoint.id));
      expect(disabled.disabledReason).toMatch(/failed in a row/);
      const events = await store.read((tx) => tx.listEvents(0, 100));
      expect(events.filter((e) => e.type === 'endpoint.disabled')).toEqual([
        expect.objectContaining({ subjectType: 'endpoint', subjectId: String(endpoint.id), payload: expect.objectContaining({ origin: new URL(receiver.url).origin }) }),
      ]);
      // Only the origin: the query holds the receiver's token, and this event goes to every receiver.
      expect(JSON.stringify(events.filter((e) => e.type === 'endpoint.disabled'))).not.toContain('hook-token-123');
      // Events while it is off are held for it, not sent. Requests already on the wire when it was
      // switched off may still land (a busy machine can be slow to answer them): count from when
      // the receiver has been quiet for a while.
      await waitFor('requests in flight landed', quietFor(receiver, 200));
      for (const sku of ['E', 'F']) await seedItem(store, sku);
      const sent = receiver.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(receiver.requests.length).toBe(sent);

      // Turning it back on resumes the pending deliveries with a fresh streak: every event, those
      // while it was off (its own endpoint.disabled included) too.
      await receiver.close();
      receiver = await startReceiver({ secret: SECRET });
      must(await updateWebhookEndpoint(store, endpoint.id, { active: true, url: receiver.url }, LOOPBACK, 'test'));
      await expectEverythingDelivered(receiver);
      expect(receiver.accepted.size).toBe(7);
    });

    it('keeps an endpoint on through a short outage, however many deliveries met it', async () => {
      let failing = true;
      receiver = await startReceiver({ secret: SECRET, failuresFor: () => (failing ? 1_000 : 0) });
      const endpoint = must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET }, LOOPBACK, 'test'));
      for (const sku of ['A', 'B', 'C', 'D', 'E', 'F']) await seedItem(store, sku);
      worker = startWorker({ store, config: fastConfig({ maxAttempts: 100, disableAfterFailures: 5, disableAfterMs: 60_000 }) });
      await waitFor('a long failure streak', async () => must(await getWebhookEndpoint(store, endpoint.id)).failureStreak >= 20);
      expect(must(await getWebhookEndpoint(store, endpoint.id)).active).toBe(true);
      failing = false;
      await waitFor('every event delivered', async () => (await pendingWebhookDeliveries()) === 0);
      expect(must(await getWebhookEndpoint(store, endpoint.id))).toMatchObject({ active: true, failureStreak: 0 });
    });

    it('applies an endpoint switched off to the next request, even of work already claimed', async () => {
      // A receiver taking 20 ms an answer: the 40 deliveries outlast the switch however busy the machine.
      receiver = await startReceiver({ secret: SECRET, answerAfterMs: 20 });
      const endpoint = must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET }, LOOPBACK, 'test'));
      for (let i = 0; i < 40; i += 1) await seedItem(store, `S${i}`);
      worker = startWorker({ store, config: fastConfig({ concurrency: 1 }) });
      await waitFor('some requests', () => (receiver?.requests.length ?? 0) >= 3);
      must(await updateWebhookEndpoint(store, endpoint.id, { active: false }, LOOPBACK, 'test'));
      const atSwitch = receiver.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.requests.length).toBeLessThanOrEqual(atSwitch + 1); // at most the one in flight
      expect(await store.read((tx) => tx.communication.countDeliveries('pending'))).toBeGreaterThan(0);
    });

    it('leaves e-mail to a worker with SMTP, and keeps delivering webhooks meanwhile', async () => {
      receiver = await startReceiver({ secret: SECRET });
      must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET, eventTypes: ['item.*'] }, LOOPBACK, 'test'));
      await store.transaction((tx) => tx.insertEvents([
        ...Array.from({ length: 70 }, (_, i) => ({ type: 'stock.low', subjectType: 'item' as const, subjectId: `L${i}`, payload: { sku: `L${i}` } })),
        ...Array.from({ length: 5 }, (_, i) => ({ type: 'item.status_changed', subjectType: 'item' as const, subjectId: `W${i}`, payload: { sku: `W${i}` } })),
      ]));
      // Fanned out by a process that had SMTP (staff alerts go to e-mail), then a worker without it.
      await fanOut(store, fastConfig({ email: { host: '127.0.0.1', port: 1, from: 'shop@example.com', staff: ['ops@example.com'] } }));
      worker = startWorker({ store, config: fastConfig({ email: null }) });
      await waitFor('the webhooks', () => (receiver?.accepted.size ?? 0) === 5);
      const pendingMail = (await store.read((tx) => tx.communication.listDeliveries({ limit: 1000 }))).filter((d) => d.target === 'email' && d.status === 'pending');
      expect(pendingMail).toHaveLength(75); // staff alerts of all 75 events
    });

    it('refuses loopback targets unless the address policy allows them', async () => {
      const refused = await createWebhookEndpoint(store, { url: 'http://127.0.0.1:9/hooks' }, STRICT_ADDRESS_POLICY, 'test');
      expect(refused).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'url' } });
      for (const url of ['http://localhost/x', 'http://[::1]/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest', 'http://[::ffff:127.0.0.1]/x', 'ftp://example.com/x', 'http://user:pw@example.com/x']) {
        expect(await createWebhookEndpoint(store, { url }, STRICT_ADDRESS_POLICY, 'test')).toMatchObject({ ok: false, details: { field: 'url' } });
      }
      // Registered while allowed, then a strict worker refuses to connect.
      receiver = await startReceiver({ secret: SECRET });
      const endpoint = must(await createWebhookEndpoint(store, { url: receiver.url.replace('127.0.0.1', 'localhost'), secret: SECRET }, LOOPBACK, 'test'));
      await seedItem(store, 'A');
      worker = startWorker({ store, config: fastConfig({ addressPolicy: STRICT_ADDRESS_POLICY, maxAttempts: 2 }) });
      await waitFor('dead letter', async () => must(await listDeliveries(store, { endpointId: endpoint.id, status: 'dead' })).items.length === 1);
      const [dead] = must(await listDeliveries(store, { endpointId: endpoint.id })).items;
      expect(dead?.lastError).toMatch(/refused: .*loopback/);
      expect(receiver.requests).toHaveLength(0);
    });
  });
}
