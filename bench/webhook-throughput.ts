import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWebhookEndpoint } from '../src/app/communication/manage-webhook-endpoints.js';
import type { NewEvent, Store } from '../src/app/ports.js';
import { openStore } from '../src/storage/open-store.js';
import { startWorker } from '../src/worker/dispatcher.js';
import { EMAIL_TARGET, NO_SMTP_NOTE } from '../src/worker/routing.js';
import { defaultWorkerConfig } from '../src/worker/worker-config.js';
import { QUICK, report } from './machine.js';

const EVENTS = QUICK ? 2_000 : 20_000;
const SUBJECTS = 500;
const CONCURRENCY = defaultWorkerConfig().concurrency;

/** A loopback receiver that acknowledges every POST at once and counts distinct event ids. */
async function startReceiver(): Promise<{ url: string; seen: Set<string>; onCount(n: number): Promise<void>; close(): Promise<void> }> {
  const seen = new Set<string>();
  let waiter: { n: number; resolve: () => void } | null = null;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      seen.add(String(req.headers['restock-event-id']));
      res.statusCode = 204;
      res.end();
      if (waiter && seen.size >= waiter.n) waiter.resolve();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    seen,
    onCount: (n) => new Promise<void>((resolve) => {
      if (seen.size >= n) resolve();
      else waiter = { n, resolve };
    }),
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** The baseline: the same number of bare POSTs of the same size, same concurrency, kept-alive sockets. */
async function rawPostsPerSecond(url: string, body: string): Promise<number> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let next = 0;
  const post = (id: number) => new Promise<void>((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'restock-event-id': `raw-${id}` } }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('error', reject);
    request.end(body);
  });
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    for (let id = next++; id < EVENTS; id = next++) await post(id);
  }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  agent.destroy();
  return EVENTS / seconds;
}

/** Customers' mails waiting for SMTP when the webhooks' events come: what a shop without SMTP piles up. */
const MAIL_BACKLOG = QUICK ? 2_000 : 20_000;

/** Events per second delivered to one webhook by a worker without SMTP, behind `mailBacklog` mails waiting for it. */
async function webhookEventsPerSecond(url: string, mailBacklog: number, events = EVENTS): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'restock-bench-webhooks-'));
  try {
    const store = await openStore({ sqlitePath: join(dir, 'restock.db') });
    must(await createWebhookEndpoint(store, { url, secret: 'bench-secret-0123456789', eventTypes: ['order.placed'] }, { allowLoopback: true, allowPrivate: false }, 'bench'));
    await insertEvents(store, mailBacklog, 'order.cancelled');
    // Fanned out already, as a worker without SMTP leaves them: one pending mail each.
    await store.transaction(async (tx) => {
      const cursor = await tx.communication.lockFanOutCursor();
      const events = await tx.listEvents(cursor.lastSeq, mailBacklog);
      await tx.communication.insertDeliveries(events.map((e) => ({ target: EMAIL_TARGET, endpointId: null, eventSeq: e.seq, eventType: e.type, subject: `${e.subjectType}:${e.subjectId}`, note: NO_SMTP_NOTE })));
      await tx.communication.saveFanOutCursor({ lastSeq: events.at(-1)?.seq ?? cursor.lastSeq, gap: null });
    });
    await insertEvents(store, events, 'order.placed');
    const started = process.hrtime.bigint();
    const worker = startWorker({ store, config: { ...defaultWorkerConfig(), pollIntervalMs: 5, addressPolicy: { allowLoopback: true, allowPrivate: false } } });
    await receiver.onCount(events);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await worker.stop();
    await store.close();
    receiver.seen.clear();
    return events / seconds;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function insertEvents(store: Store, count: number, type: 'order.placed' | 'order.cancelled'): Promise<void> {
  for (let start = 0; start < count; start += 1000) {
    const batch: NewEvent[] = Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
      type, subjectType: 'order', subjectId: String((start + i) % SUBJECTS), payload: { orderId: (start + i) % SUBJECTS, n: start + i, lines: [{ sku: 'SKU-000001', quantity: 1 }] },
    }));
    await store.transaction((tx) => tx.insertEvents(batch));
  }
}

const receiver = await startReceiver();
try {
  const body = JSON.stringify({ id: '1', type: 'order.placed', subject: { type: 'order', id: '1' }, createdAt: new Date().toISOString(), data: { orderId: 1, n: 1, lines: [{ sku: 'SKU-000001', quantity: 1 }] } });
  const baseline = await rawPostsPerSecond(receiver.url, body);
  receiver.seen.clear();
  // A first, unmeasured run warms the JIT, so neither measured run pays for it.
  await webhookEventsPerSecond(receiver.url, 0, Math.min(EVENTS, 2_000));
  const plain = await webhookEventsPerSecond(receiver.url, 0);
  const behindMail = await webhookEventsPerSecond(receiver.url, MAIL_BACKLOG);
  const params = { events: EVENTS, subjects: SUBJECTS, concurrency: CONCURRENCY, dialect: 'sqlite', signed: true, quick: QUICK };
  report({
    name: 'webhook-throughput',
    value: Math.round(plain),
    unit: 'events/s',
    baseline: Math.round(baseline),
    ratio: Number((plain / baseline).toFixed(3)),
    params,
    goal: 'ratio ≥ 0.25 (fan-out, claim, sign, send and record each event, versus a bare POST)',
    met: plain / baseline >= 0.25,
  });
  report({
    name: 'webhook-throughput-behind-mail',
    value: Math.round(behindMail),
    unit: 'events/s',
    baseline: Math.round(plain),
    ratio: Number((behindMail / plain).toFixed(3)),
    params: { ...params, mailsWaitingForSmtp: MAIL_BACKLOG },
    goal: 'ratio ≥ 0.8 (customers\' mails waiting for SMTP do not slow the webhooks: the same run without them is the baseline)',
    met: behindMail / plain >= 0.8,
  });
} finally {
  await receiver.close();
}

function must<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!result.ok) throw new Error(result.message);
  return result.value;
}
