import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getAvailability } from '../../src/app/get-availability.js';
import type { Store } from '../../src/app/ports.js';
import type { ClientConfig, ClientSummary } from '../support/concurrent-client.js';
import { dbOf } from '../support/db-snapshot.js';
import { expectInvariants, must, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../support/stores.js';

/**
 * SPEC §3 concurrency: many clients in several OS processes over one database never oversell,
 * never exceed a backorder limit and never deadlock. Each child process runs
 * test/support/concurrent-client.ts with its own store(s).
 */

const CLIENT_SCRIPT = fileURLToPath(new URL('../support/concurrent-client.ts', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Every child must be done within this long after `go`, or the test fails (a deadlock would hang). */
const DEADLINE_MS = 120_000;

interface Running {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  readonly summary: Promise<ClientSummary>;
}

function startClient(config: ClientConfig): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', CLIENT_SCRIPT], {
    cwd: REPO_ROOT,
    env: { ...process.env, RESTOCK_CLIENT_CONFIG: JSON.stringify(config) },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const seen: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    lines.on('line', (line) => {
      seen.push(line);
      if (line === 'ready') resolve();
    });
    void exited.then((code) => reject(new Error(`client ${config.process} exited (${code}) before it was ready: ${stderr}`)));
  });
  const summary = exited.then((code) => {
    const last = seen[seen.length - 1];
    if (code !== 0 || !last || last === 'ready') throw new Error(`client ${config.process} failed (exit ${code}): ${stderr}`);
    return JSON.parse(last) as ClientSummary;
  });
  summary.catch(() => undefined);
  ready.catch(() => undefined);
  return { child, ready, summary };
}

/** Starts every client process, releases them at once, and waits for all within the deadline. */
async function runClients(configs: readonly ClientConfig[]): Promise<{ summaries: ClientSummary[]; elapsedMs: number }> {
  const running = configs.map(startClient);
  try {
    await Promise.all(running.map((r) => r.ready));
    const started = Date.now();
    for (const r of running) r.child.stdin?.write('go\n');
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`clients still running after ${DEADLINE_MS} ms: deadlock or starvation`)), DEADLINE_MS);
    });
    const summaries = await Promise.race([Promise.all(running.map((r) => r.summary)), deadline]);
    clearTimeout(timer);
    return { summaries, elapsedMs: Date.now() - started };
  } finally {
    for (const r of running) if (r.child.exitCode === null) r.child.kill('SIGKILL');
  }
}

function totals(summaries: readonly ClientSummary[]): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const s of summaries) for (const [k, v] of Object.entries(s.outcomes)) sum[k] = (sum[k] ?? 0) + v;
  return sum;
}

for (const dialect of DIALECTS) {
  describe(`concurrent clients in separate processes on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN', 0);
    });

    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    const where = (process: number, clients: number, requestsPerClient: number, scenario: ClientConfig['scenario'], skus: string[]): ClientConfig => ({
      scenario, process, clients, requestsPerClient, skus, location: 'MAIN',
      ...(dialect === 'postgres' ? { databaseUrl: POSTGRES_URL, schema: database.schema as string } : { sqlitePath: database.sqlitePath as string }),
    });

    it('sells a hot sku exactly: 100 allocated, 50 backordered at the limit, the other 50 rejected, no deadlock', async () => {
      await seedItem(store, 'HOT', { backorderPolicy: 'allow', backorderLimit: 50 });
      await receive(store, 'HOT', 'MAIN', 100);
      // 2 processes × 25 clients × 4 one-unit orders = 200 units asked for against 100 + 50.
      const { summaries, elapsedMs } = await runClients([where(1, 25, 4, 'hot-sku', ['HOT']), where(2, 25, 4, 'hot-sku', ['HOT'])]);

      expect(summaries.flatMap((s) => s.errors)).toEqual([]);
      expect(totals(summaries)).toEqual({ allocated: 100, backordered: 50, OUT_OF_STOCK: 50 });
      // Every request of every process got an answer.
      for (const s of summaries) expect(Object.values(s.outcomes).reduce((a, b) => a + b, 0)).toBe(100);
      expect(elapsedMs).toBeLessThan(DEADLINE_MS);

      const [hot] = must(await getAvailability(store, ['HOT']));
      expect(hot).toMatchObject({ onHand: 100, allocated: 100, available: 0, backordered: 50, status: 'out_of_stock', backorderable: 0 });
      const db = dbOf(store);
      const byStatus = await db.selectFrom('orders').select(['status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('status').orderBy('status').execute();
      expect(byStatus.map((r) => [r.status, Number(r.n)])).toEqual([['backordered', 50], ['open', 100], ['rejected', 50]]);
      const lost = await db.selectFrom('lost_demand').select((eb) => eb.fn.sum<number>('quantity').as('units')).executeTakeFirstOrThrow();
      expect(Number(lost.units)).toBe(50);
      await expectInvariants(store);
    }, DEADLINE_MS + 60_000);

    it('never deadlocks on multi-sku orders in either sku order mixed with cancels, shipments and receipts', async () => {
      await seedItem(store, 'A', { backorderPolicy: 'allow' });
      await seedItem(store, 'B', { backorderPolicy: 'allow' });
      await receive(store, 'A', 'MAIN', 20);
      await receive(store, 'B', 'MAIN', 10);
      const { summaries } = await runClients([where(1, 10, 6, 'mixed', ['A', 'B']), where(2, 10, 6, 'mixed', ['A', 'B'])]);

      expect(summaries.flatMap((s) => s.errors)).toEqual([]);
      expect(totals(summaries)).toEqual({ placed: 120 });
      await expectInvariants(store);
      const db = dbOf(store);
      const lines = await db.selectFrom('order_lines').select((eb) => [eb.fn.sum<number>('quantity').as('q'), eb.fn.sum<number>('shipped').as('s'), eb.fn.sum<number>('cancelled').as('c')]).executeTakeFirstOrThrow();
      const moved = await db.selectFrom('movements').select((eb) => eb.fn.sum<number>('on_hand_delta').as('units')).executeTakeFirstOrThrow();
      // Stock conservation: what came in minus what was shipped is what is on hand.
      const receipts = await db.selectFrom('movements').select((eb) => eb.fn.sum<number>('on_hand_delta').as('units')).where('kind', '=', 'adjustment').executeTakeFirstOrThrow();
      expect(Number(moved.units)).toBe(Number(receipts.units) - Number(lines.s));
      expect(Number(lines.q)).toBeGreaterThan(Number(lines.s) + Number(lines.c));
    }, DEADLINE_MS + 60_000);
  });
}
