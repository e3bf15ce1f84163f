import { once } from 'node:events';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { fanOut } from '../../src/worker/fan-out.js';
import { receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, type TestDatabase } from '../support/stores.js';
import { fastConfig } from './support/fast-config.js';
import { startSmtpSink } from './support/smtp-sink.js';
import { runCli, spawnCli } from './support/run-cli.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { waitFor } from './support/wait-for.js';

describe('restock worker and restock webhooks (SQLite)', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let store: Store;
  let receiver: WebhookReceiver | null = null;

  beforeEach(async () => {
    database = await createTestDatabase('sqlite');
    store = await database.open();
  });

  afterEach(async () => {
    await receiver?.close();
    receiver = null;
    await store.close();
    await database.drop();
  });

  it('adds and lists endpoints, refusing loopback unless allowed, and shows the secret once', async () => {
    const added = await runCli(database.env, '--json', 'webhooks', 'add', 'https://hooks.example.com/restock', '--events', 'order.*,stock.low');
    expect(added.code).toBe(0);
    expect(added.json()).toMatchObject({ url: 'https://hooks.example.com/restock', eventTypes: ['order.*', 'stock.low'], secret: expect.stringMatching(/^whsec_/) });
    const refused = await runCli(database.env, 'webhooks', 'add', 'http://127.0.0.1:9/x');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/error VALIDATION_FAILED: url: .*loopback/);
    expect((await runCli({ ...database.env, RESTOCK_WEBHOOK_ALLOW_LOOPBACK: '1' }, 'webhooks', 'add', 'http://127.0.0.1:9/x')).code).toBe(0);
    const listed = await runCli(database.env, 'webhooks', 'list');
    expect(listed.stdout.split('\n')[0]).toMatch(/^id\s+url\s+events\s+active\s+failures\s+disabled because$/);
    expect(listed.stdout).toMatch(/hooks\.example\.com\/restock\s+order\.\*,stock\.low\s+yes\s+0/);
    expect(listed.stdout).not.toContain('whsec_');
  });

  it('lists dead letters and replays them; a replay without a choice is bad input', async () => {
    await runCli(database.env, 'webhooks', 'add', 'https://hooks.example.com/x', '--events', 'item.created');
    await seedItem(store, 'A');
    await seedItem(store, 'B');
    await fanOut(store, fastConfig());
    const claimed = await store.transaction((tx) => tx.communication.claimDeliveries('test', 10, 10, 60_000));
    await store.transaction((tx) => tx.communication.recordOutcomes(claimed.map((c) => ({ id: c.delivery.id, endpointId: c.delivery.endpointId, ok: false, status: 503, error: 'HTTP 503', retryAfterMs: 0 })), 1));
    const dead = await runCli(database.env, 'webhooks', 'dead', '--json');
    expect(dead.code).toBe(0);
    expect(dead.json<{ items: { eventType: string; lastError: string }[] }>().items).toEqual([
      expect.objectContaining({ eventType: 'item.created', lastError: 'HTTP 503' }),
      expect.objectContaining({ eventType: 'item.created', lastError: 'HTTP 503' }),
    ]);
    expect((await runCli(database.env, 'webhooks', 'dead')).stdout).toMatch(/webhook:1\s+\d+\s+item\.created\s+item:B\s+1\s+HTTP 503/);
    expect((await runCli(database.env, 'webhooks', 'replay')).code).toBe(2);
    const unknown = await runCli(database.env, 'webhooks', 'replay', String(claimed[0]?.delivery.id), '424242');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ids: no delivery with id 424242; nothing was replayed');
    expect((await runCli(database.env, 'webhooks', 'dead', '--json')).json<{ items: unknown[] }>().items).toHaveLength(2);
    const replayed = await runCli(database.env, 'webhooks', 'replay', '--all');
    expect(replayed.stdout.trim()).toBe('2 dead letter(s) queued again');
    expect((await runCli(database.env, 'webhooks', 'dead')).stdout.trim()).toBe('no dead letters');
  });

  it('runs the dispatcher until SIGTERM', async () => {
    receiver = await startReceiver({ secret: 'cli-worker-secret-0123456789' });
    const env = { ...database.env, RESTOCK_WEBHOOK_ALLOW_LOOPBACK: 'on', RESTOCK_WORKER_POLL_MS: '20' };
    expect((await runCli(env, 'webhooks', 'add', receiver.url, '--secret', 'cli-worker-secret-0123456789')).code).toBe(0);
    await seedItem(store, 'A');
    const worker = spawnCli(env, 'worker');
    await waitFor('the item.created event', () => receiver?.requests.some((r) => r.type === 'item.created' && r.signatureValid) === true, 60_000);
    worker.kill('SIGTERM');
    const [code] = (await once(worker, 'exit')) as [number | null];
    expect(code).toBe(0);
  });

  it('delivers events from inside "restock serve" unless told not to, and stops cleanly', async () => {
    receiver = await startReceiver({ secret: 'cli-serve-secret-0123456789' });
    const env = { ...database.env, RESTOCK_WEBHOOK_ALLOW_LOOPBACK: '1', RESTOCK_WORKER_POLL_MS: '20', RESTOCK_LOG_LEVEL: 'silent' };
    expect((await runCli(env, 'webhooks', 'add', receiver.url, '--secret', 'cli-serve-secret-0123456789')).code).toBe(0);
    await seedItem(store, 'A');
    const server = spawnCli(env, 'serve', '--port', '0', '--json');
    await waitFor('the item.created event', () => receiver?.requests.some((r) => r.type === 'item.created') === true, 60_000);
    server.kill('SIGTERM');
    expect(((await once(server, 'exit')) as [number | null])[0]).toBe(0);

    const quiet = spawnCli(env, 'serve', '--port', '0', '--json', '--no-worker');
    let output = '';
    quiet.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor('the server', () => output.includes('"url"'), 60_000);
    await seedItem(store, 'B');
    await new Promise((r) => setTimeout(r, 500));
    expect(receiver.requests.filter((r) => r.type === 'item.created')).toHaveLength(1);
    quiet.kill('SIGTERM');
    await once(quiet, 'exit');
  });

  it('keeps the worker out of "restock serve" for RESTOCK_WORKER=false and 0, as for off', async () => {
    receiver = await startReceiver({ secret: 'cli-serve-secret-0123456789' });
    const env = { ...database.env, RESTOCK_WEBHOOK_ALLOW_LOOPBACK: 'yes', RESTOCK_WORKER_POLL_MS: '20', RESTOCK_LOG_LEVEL: 'silent' };
    expect((await runCli(env, 'webhooks', 'add', receiver.url, '--secret', 'cli-serve-secret-0123456789')).code).toBe(0);
    for (const off of ['false', '0', 'OFF']) {
      const quiet = spawnCli({ ...env, RESTOCK_WORKER: off }, 'serve', '--port', '0', '--json');
      let output = '';
      quiet.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      await waitFor('the server', () => output.includes('"url"'), 60_000);
      await seedItem(store, `ITEM-${off}`);
      await new Promise((r) => setTimeout(r, 500));
      quiet.kill('SIGTERM');
      await once(quiet, 'exit');
    }
    expect(receiver.requests).toEqual([]);
  });

  it('links unsubscribes to the server that sent the mail when RESTOCK_PUBLIC_URL is not set', async () => {
    const smtp = await startSmtpSink();
    const adminKey = 'an-admin-key-for-the-unsubscribe-link-test';
    const env = { ...database.env, RESTOCK_SMTP_URL: smtp.url, RESTOCK_ADMIN_KEY: adminKey, RESTOCK_WORKER_POLL_MS: '20', RESTOCK_LOG_LEVEL: 'silent' };
    await seedLocation(store, 'MAIN');
    await seedItem(store, 'GIZMO', { name: 'Gizmo' });
    const server = spawnCli(env, 'serve', '--port', '0', '--json');
    try {
      let output = '';
      server.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
      await waitFor('the server', () => output.includes('}'), 60_000);
      const { url, api } = JSON.parse(output) as { url: string; api: string };
      const subscribed = await fetch(`${api}/subscriptions`, {
        method: 'POST', headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ sku: 'GIZMO', email: 'a@example.com' }),
      });
      expect(subscribed.status).toBe(201);
      await receive(store, 'GIZMO', 'MAIN', 1);
      await waitFor('the back-in-stock mail', () => smtp.mails.some((m) => m.subject === 'Gizmo is back in stock'), 60_000);
      const mail = smtp.mails.find((m) => m.subject === 'Gizmo is back in stock');
      const link = /(\S+\/unsubscribe\?token=[^\s"]+)/.exec(mail?.text ?? '')?.[1] ?? '';
      expect(link.startsWith(`${url}/unsubscribe?token=`)).toBe(true);
      expect((await fetch(link)).status).toBe(200);
    } finally {
      server.kill('SIGTERM');
      await once(server, 'exit');
      await smtp.close();
    }
  });
});
