import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsubscribeToken } from '../../src/app/communication/unsubscribe-token.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { builtCli } from '../reliability/support/built-cli.js';
import { apiClient, expectAnswer } from '../reliability/support/http-client.js';
import { startServed, type ServedProcess } from '../reliability/support/served.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secret = (label: string) => `${label}-${randomBytes(12).toString('hex')}`;

/**
 * Secrets never reach the logs: `restock serve` (with its worker) at debug level, given an admin key,
 * an SMTP password that a real SMTP server refuses, a database password, an unsubscribe secret, and
 * asked to create API keys and webhook endpoints, to deliver to a dead endpoint, and to answer bad keys.
 */
describe('secrets in the logs of restock serve', () => {
  const dialect = DIALECTS.includes('postgres') ? 'postgres' : 'sqlite';
  let database: TestDatabase;
  let served: ServedProcess | undefined;
  let smtp: SMTPServer;
  let smtpPort = 0;
  const passwordsSeen: string[] = [];

  beforeAll(async () => {
    await builtCli();
    // An SMTP server that asks for a login and refuses it, so the password really is sent.
    smtp = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        passwordsSeen.push(auth.password ?? '');
        callback(new Error('Invalid username or password'));
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpPort = (smtp.server.address() as AddressInfo).port;
  }, 300_000);

  afterAll(async () => {
    await served?.kill();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await database?.drop();
  });

  it('prints none of them, at debug level, through successes, refusals and delivery failures', async () => {
    database = await createTestDatabase(dialect);
    const secrets = {
      adminKey: secret('rk_admin'),
      smtpPassword: secret('smtp-pass'),
      smtpUrlPassword: secret('smtp-url-pass'),
      databasePassword: secret('db-pass'),
      unsubscribe: secret('unsubscribe'),
      webhookSecret: secret('whsec'),
    };
    const env: Record<string, string> = {
      ...database.env,
      RESTOCK_ADMIN_KEY: secrets.adminKey,
      RESTOCK_LOG_LEVEL: 'debug',
      RESTOCK_SMTP_URL: `smtp://mailer:${secrets.smtpUrlPassword}@127.0.0.1:${smtpPort}`,
      RESTOCK_SMTP_USER: 'mailer',
      RESTOCK_SMTP_PASSWORD: secrets.smtpPassword,
      RESTOCK_STAFF_EMAILS: 'ops@shop.example',
      RESTOCK_UNSUBSCRIBE_SECRET: secrets.unsubscribe,
      RESTOCK_WEBHOOK_ALLOW_LOOPBACK: '1',
      RESTOCK_WEBHOOK_BACKOFF_MS: '50',
      RESTOCK_WORKER_POLL_MS: '100',
    };
    if (database.databaseUrl) {
      // The test server trusts loopback connections, so any password is accepted, and none may be printed.
      const url = new URL(database.databaseUrl);
      url.password = secrets.databasePassword;
      env['DATABASE_URL'] = url.toString();
    }
    served = await startServed(env);
    const admin = apiClient(served.url, secrets.adminKey);
    const post = async (path: string, body: unknown, status = 201) => expectAnswer<Record<string, unknown>>(await admin.send('POST', path, body), status, path);

    const created = await post('/keys', { name: 'shop', role: 'storefront' });
    const shopKey = String(created['key']);
    const endpoint = await post('/webhooks/endpoints', { url: 'http://127.0.0.1:9/hook', secret: secrets.webhookSecret, description: 'dead end' });
    const generatedWebhookSecret = String(endpoint['secret']);
    await post('/locations', { code: 'MAIN', name: 'Main' });
    await post('/items', { sku: 'BOLT', name: 'Bolt', backorderPolicy: 'allow' });
    await post('/stock/adjustments', { sku: 'BOLT', location: 'MAIN', delta: 1, reason: 'count' });
    const shop = apiClient(served.url, shopKey);
    for (let i = 0; i < 3; i += 1) {
      expectAnswer(await shop.send('POST', '/orders', { customer: { email: `buyer${i}@example.com`, name: 'Buyer' }, lines: [{ sku: 'BOLT', quantity: 2 }] }), 201, 'order');
    }
    // Refusals: a near-miss key, the admin key where a body is wrong, a storefront key where it may not go.
    const nearMiss = `${secrets.adminKey.slice(0, -1)}${secrets.adminKey.endsWith('a') ? 'b' : 'a'}`;
    expect((await apiClient(served.url, nearMiss).send('GET', '/items')).kind).toBe('answered');
    await admin.send('POST', '/orders', { lines: [{ sku: 'BOLT', quantity: -1 }], secret: secrets.adminKey });
    await shop.send('GET', '/keys');
    // An unsubscribe link's token is a credential too: the request log shows the path, not the token.
    await post('/items', { sku: 'NUT', name: 'Nut', backorderPolicy: 'deny' });
    const subscription = await post('/subscriptions', { sku: 'NUT', email: 'waiting@example.com' });
    const token = unsubscribeToken(secrets.unsubscribe, Number(subscription['id']));
    expect((await fetch(`${served.url}/unsubscribe?token=${encodeURIComponent(token)}`)).status).toBe(200);

    // Give the worker time to fail at SMTP and at the webhook a few times.
    for (let waited = 0; waited < 15_000 && passwordsSeen.length === 0; waited += 250) await sleep(250);
    await sleep(2_000);
    await served.stop();
    const output = served.output();

    expect(passwordsSeen.length, 'the SMTP server was asked to log in').toBeGreaterThan(0);
    expect(output).toMatch(/"statusCode":401/);
    expect(output.length).toBeGreaterThan(2_000);
    const leaks = Object.entries({ ...secrets, shopKey, nearMiss, generatedWebhookSecret, unsubscribeToken: token.split('.')[1] as string }).filter(([, value]) => output.includes(value) || output.includes(encodeURIComponent(value)));
    expect(leaks.map(([name]) => name)).toEqual([]);
    expect(output).not.toMatch(/authorization/i);
    console.log(JSON.stringify({ test: 'secrets-in-logs', dialect, logBytes: output.length, logLines: output.split('\n').length, secretsChecked: Object.keys(secrets).length + 4, leaks: leaks.length }));
  }, 120_000);
});
