import BetterSqlite3 from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { dbOf } from '../support/db-snapshot.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../support/stores.js';
import { builtCli, runCheck } from './support/built-cli.js';
import { apiClient, expectAnswer, type ApiClient, type Outcome } from './support/http-client.js';
import { Journal, runMixedLoad, seedLoadCatalogue, seededRandom, type Catalogue } from './support/mixed-load.js';
import { startServed, type ServedProcess } from './support/served.js';
import { startTcpProxy, type ProxyMode, type TcpProxy } from './support/tcp-proxy.js';
import { journalFindings, replayOrders } from './support/verify-journal.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const adminKey = `rk_faults_${randomBytes(16).toString('hex')}`;

/** Polls until the service writes again (a harmless positive adjustment answered 201), returning how long it took. */
async function untilWritable(client: ApiClient, catalogue: Catalogue, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const outcome = await client.send('POST', '/stock/adjustments', { sku: catalogue.skus[0], location: catalogue.locations[0], delta: 1, reason: 'recovery probe' });
    if (outcome.kind === 'answered' && outcome.status === 201) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`not writable after ${timeoutMs} ms: ${JSON.stringify(outcome)}`);
    await sleep(100);
  }
}

function statusOf(outcome: Outcome): string {
  if (outcome.kind === 'lost') return `lost: ${outcome.error}`;
  const code = (outcome.body as { error?: { code?: string } } | null)?.error?.code;
  return code ? `${outcome.status} ${code}` : String(outcome.status);
}

describe('PostgreSQL goes away under load', () => {
  let database: TestDatabase | undefined;
  let proxy: TcpProxy | undefined;
  let served: ServedProcess | undefined;
  let store: Store | undefined;

  beforeAll(async () => {
    if (!DIALECTS.includes('postgres')) return;
    await builtCli();
  }, 300_000);

  afterEach(async () => {
    if (served && (served.child.exitCode !== null || served.child.signalCode !== null)) console.error(`restock serve died:\n${served.output()}`);
    await served?.kill();
    await proxy?.close();
    await store?.close();
    await database?.drop();
  });

  // Short timeouts keep the test quick; the bound asserted below follows from them.
  const CONNECT_TIMEOUT_MS = 1_000;
  const STATEMENT_TIMEOUT_MS = 1_500;
  const cases: [ProxyMode, string, number][] = [
    ['refuse', 'the server refuses and resets connections', 2_000],
    // A stalled connection costs at most the query timeout (statement + 2 s) per query a request
    // makes before it fails: authentication's read, then BEGIN.
    ['blackhole', 'the network drops every packet, then heals', 2 * (STATEMENT_TIMEOUT_MS + 2_000) + 1_500],
  ];

  it.runIf(DIALECTS.includes('postgres')).each(cases)('%s: %s — 503 UNAVAILABLE quickly, nothing half-written, recovers by itself', async (mode, _what, boundMs) => {
    const seed = Date.now() % 1_000_000;
    database = await createTestDatabase('postgres');
    const target = new URL(POSTGRES_URL);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const viaProxy = new URL(database.databaseUrl as string);
    viaProxy.host = `127.0.0.1:${proxy.port}`;
    const env = {
      DATABASE_URL: viaProxy.toString(), RESTOCK_ADMIN_KEY: adminKey, RESTOCK_PG_POOL_SIZE: '4',
      RESTOCK_PG_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS), RESTOCK_PG_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
    };
    served = await startServed(env);
    const client = apiClient(served.url, adminKey, 60_000);
    const catalogue = await seedLoadCatalogue(client, 'PG');
    store = await database.open();
    const journal = new Journal(`pg-${mode}-${seed}`);

    const load = runMixedLoad(client, catalogue, journal, { workers: 4, random: seededRandom(seed) });
    await sleep(1_000);
    journal.allowUnavailable = true;
    proxy.set(mode);
    await sleep(1_000);
    // Requests made while the database is away: each is answered, with 503, within the bound.
    const during: Outcome[] = [];
    for (let i = 0; i < 3; i += 1) {
      during.push(await client.send('POST', '/stock/adjustments', { sku: catalogue.skus[1], location: catalogue.locations[0], delta: 1, reason: `outage probe ${i}` }));
      during.push(await client.send('GET', '/items'));
    }
    expect(during.map(statusOf)).toEqual(Array.from({ length: 6 }, () => '503 UNAVAILABLE'));
    expect((await fetch(`${served.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);

    proxy.set('open');
    const recoveredMs = await untilWritable(client, catalogue, 20_000);
    await sleep(1_000);
    await load.stop();
    journal.allowUnavailable = false;

    const slowest = Math.max(...during.map((o) => o.ms), ...journal.unavailableMs);
    expect(slowest, 'slowest 503').toBeLessThan(boundMs);
    expect(journal.lost, 'requests left without an answer').toBe(0);
    expect(journal.unexpected).toEqual([]);
    expect(journal.unavailableMs.length).toBeGreaterThan(0);
    // The probes made during the outage wrote nothing.
    const probes = await dbOf(store).selectFrom('movements').select('reason').where('reason', 'like', 'outage probe%').execute();
    expect(probes).toEqual([]);
    // Clients retry what got no answer or a 503: the first outcome, never a second order.
    const replay = await replayOrders(client, journal, [...journal.orders.values()]);
    expect(replay.problems).toEqual([]);
    expect(await journalFindings(dbOf(store), journal)).toEqual([]);
    const check = await runCheck({ DATABASE_URL: database.databaseUrl as string });
    expect({ code: check.code, violations: check.violations }, check.output).toEqual({ code: 0, violations: [] });
    console.log(JSON.stringify({
      test: 'postgres-outage', mode, seed, unavailable: journal.unavailableMs.length, slowest503Ms: Math.round(slowest), recoveredMs,
      replayed: replay.replayed, ...journal.summary(),
    }));
  }, 120_000);
});

describe('SQLite write lock held by another process', () => {
  let database: TestDatabase | undefined;
  let served: ServedProcess | undefined;
  let holder: BetterSqlite3.Database | undefined;

  beforeAll(async () => {
    await builtCli();
  }, 300_000);

  afterEach(async () => {
    holder?.close();
    await served?.kill();
    await database?.drop();
  });

  const BUSY_TIMEOUT_MS = 1_500;

  it('waits within RESTOCK_SQLITE_BUSY_TIMEOUT_MS, then answers 503; reads and other requests go on; nothing is written', async () => {
    database = await createTestDatabase('sqlite');
    const env = { ...database.env, RESTOCK_ADMIN_KEY: adminKey, RESTOCK_SQLITE_BUSY_TIMEOUT_MS: String(BUSY_TIMEOUT_MS) };
    served = await startServed(env);
    const client = apiClient(served.url, adminKey);
    const catalogue = await seedLoadCatalogue(client, 'SQ');
    const [sku, other] = catalogue.skus as [string, string];
    const [location] = catalogue.locations as [string];

    // This test process is the other process: it takes the write lock and keeps it.
    holder = new BetterSqlite3(database.sqlitePath as string);
    holder.exec('begin immediate');
    let firstWriteAnswered = Infinity;
    const writes = Array.from({ length: 6 }, async (_, i) => {
      const answer = i % 2 === 0
        ? await client.send('POST', '/stock/adjustments', { sku, location, delta: 1, reason: `locked ${i}` })
        : await client.send('POST', '/orders', { lines: [{ sku: other, quantity: 1 }] }, { 'idempotency-key': `locked-${i}` });
      firstWriteAnswered = Math.min(firstWriteAnswered, performance.now());
      return answer;
    });
    await sleep(200);
    // Meanwhile the process answers reads and probes: the waiting writes do not block its event loop.
    const health = performance.now();
    expect((await fetch(`${served.url}/healthz`)).status).toBe(200);
    const healthMs = performance.now() - health;
    const read = await client.send('GET', `/items/${sku}`);
    const readAnswered = performance.now();
    expect(statusOf(read)).toBe('200');
    const answers = await Promise.all(writes);
    expect(readAnswered).toBeLessThan(firstWriteAnswered);
    expect(answers.map(statusOf)).toEqual(Array.from({ length: 6 }, () => '503 UNAVAILABLE'));
    for (const answer of answers) {
      expect(answer.ms).toBeGreaterThan(BUSY_TIMEOUT_MS * 0.8);
      expect(answer.ms).toBeLessThan(BUSY_TIMEOUT_MS + 2_000);
    }
    expect(holder.prepare("select count(*) as n from movements where reason like 'locked %'").get()).toEqual({ n: 0 });
    expect(holder.prepare("select count(*) as n from orders where idempotency_key like 'locked-%'").get()).toEqual({ n: 0 });

    // A lock held for less than the timeout only delays writes: they are retried and succeed.
    const delayed = client.send('POST', '/stock/adjustments', { sku, location, delta: 2, reason: 'after a short lock' });
    await sleep(400);
    holder.exec('rollback');
    const answer = await delayed;
    expect(statusOf(answer)).toBe('201');
    expect(answer.ms).toBeLessThan(BUSY_TIMEOUT_MS + 1_000);
    expectAnswer(await client.send('POST', '/orders', { lines: [{ sku: other, quantity: 1 }] }, { 'idempotency-key': 'locked-1' }), 201, 'order after the lock');
    const check = await runCheck(database.env);
    expect({ code: check.code, violations: check.violations }, check.output).toEqual({ code: 0, violations: [] });
    console.log(JSON.stringify({ test: 'sqlite-busy', busyTimeoutMs: BUSY_TIMEOUT_MS, answersMs: answers.map((a) => Math.round(a.ms)), healthMs: Math.round(healthMs), delayedMs: Math.round(answer.ms) }));
  }, 120_000);
});
