import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { dbOf } from '../support/db-snapshot.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { builtCli, runCheck } from './support/built-cli.js';
import { apiClient } from './support/http-client.js';
import { Journal, runMixedLoad, seedLoadCatalogue, seededRandom } from './support/mixed-load.js';
import { startServed, type ServedProcess } from './support/served.js';
import { journalFindings, replayOrders } from './support/verify-journal.js';

const LONG = process.env['RESTOCK_LONG_TESTS'] === '1';
const KILLS = LONG ? 25 : 5;
const WORKERS = 8;

/**
 * Crash safety (RELIABILITY.md): a real `restock serve` under mixed load over loopback HTTP is
 * killed with SIGKILL at a random moment, again and again. After every restart each acknowledged
 * request's effect is there, `restock check` finds nothing broken, and clients that send their
 * orders again with the same Idempotency-Key get the first outcome, never a second order.
 */
for (const dialect of DIALECTS) {
  describe(`crash safety on ${dialect}`, () => {
    let database: TestDatabase | undefined;
    let store: Store | undefined;
    let served: ServedProcess | undefined;

    beforeAll(async () => {
      await builtCli();
    }, 300_000);

    afterEach(async () => {
      await served?.kill();
      await store?.close();
      await database?.drop();
    });

    it(`keeps every acknowledged write through ${KILLS} SIGKILLs mid-load`, async () => {
      const seed = Number(process.env['RESTOCK_CRASH_SEED'] ?? Date.now() % 1_000_000);
      const random = seededRandom(seed);
      database = await createTestDatabase(dialect);
      const adminKey = `rk_crash_${randomBytes(16).toString('hex')}`;
      const env = { ...database.env, RESTOCK_ADMIN_KEY: adminKey };
      served = await startServed(env);
      const catalogue = await seedLoadCatalogue(apiClient(served.url, adminKey), 'CR');
      store = await database.open();
      const journal = new Journal(`crash-${dialect}-${seed}`);
      let replayed = 0;
      let lostAtKills = 0;
      const inFlightAtKills: number[] = [];
      const phases: Record<string, number> = { load: 0, restart: 0, replay: 0, verify: 0, check: 0 };
      const timed = async <T>(phase: string, work: () => Promise<T>): Promise<T> => {
        const started = performance.now();
        try {
          return await work();
        } finally {
          phases[phase] = (phases[phase] ?? 0) + Math.round(performance.now() - started);
        }
      };

      for (let kill = 1; kill <= KILLS; kill += 1) {
        const attemptsBefore = new Set(journal.orders.keys());
        const lostBefore = journal.lost;
        const load = runMixedLoad(apiClient(served.url, adminKey), catalogue, journal, { workers: WORKERS, random });
        // Kill at a random moment once the cycle has some acknowledged work behind it.
        const requestsBefore = journal.requests;
        await timed('load', async () => {
          for (const deadline = Date.now() + 30_000; journal.requests - requestsBefore < 25 && Date.now() < deadline; ) await new Promise((r) => setTimeout(r, 20));
          await new Promise((r) => setTimeout(r, random() * 500));
        });
        const inFlight = load.inFlight();
        await served.kill();
        await load.stop();
        inFlightAtKills.push(inFlight);
        lostAtKills += journal.lost - lostBefore;

        served = await timed('restart', () => startServed(env));
        const client = apiClient(served.url, adminKey);
        const cycle = [...journal.orders.values()].filter((a) => !attemptsBefore.has(a.key));
        const replay = await timed('replay', () => replayOrders(client, journal, cycle));
        replayed += replay.replayed;
        expect(replay.problems, `seed ${seed}, kill ${kill}`).toEqual([]);
        expect(await timed('verify', () => journalFindings(dbOf(store as Store), journal)), `seed ${seed}, kill ${kill}`).toEqual([]);
        const check = await timed('check', () => runCheck(env));
        expect({ code: check.code, violations: check.violations }, check.output).toEqual({ code: 0, violations: [] });
      }

      // Every client retries once more: the first outcome again, and still one order per key.
      const again = await replayOrders(apiClient(served.url, adminKey), journal, [...journal.orders.values()]);
      replayed += again.replayed;
      expect(again.problems).toEqual([]);
      expect(await journalFindings(dbOf(store), journal)).toEqual([]);
      expect(journal.unexpected, `seed ${seed}`).toEqual([]);
      expect([...journal.orders.values()].filter((a) => a.outcome === 'lost')).toEqual([]);
      // The kills came mid-load: requests were on their way each time.
      expect(inFlightAtKills.filter((n) => n > 0).length).toBeGreaterThanOrEqual(KILLS - 1);
      const summary = journal.summary();
      expect(summary['ordersAccepted']).toBeGreaterThan(KILLS * 5);
      console.log(JSON.stringify({ test: 'crash', dialect, seed, kills: KILLS, inFlightAtKills, lostAtKills, replayed, phases, ...summary }));
    }, LONG ? 900_000 : 150_000);
  });
}
