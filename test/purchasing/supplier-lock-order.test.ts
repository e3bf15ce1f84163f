import pg from 'pg';
import { beforeEach, describe, expect, it } from 'vitest';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import type { Store } from '../../src/app/ports.js';
import { createItemSupplier } from '../../src/app/purchasing/manage-item-suppliers.js';
import { getSupplier, updateSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { seedSupplier, worldPerTest } from './purchasing-fixtures.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// Row locks only exist on PostgreSQL; SQLite's writers take turns on the whole file.
for (const dialect of DIALECTS.filter((d) => d === 'postgres')) {
  describe(`supplier row locks on ${dialect}: a supplier is locked before any item`, () => {
    // WIDGET (own lead time 10 days) waits for stock; ACME (14 days) is not linked to it yet.
    const world = worldPerTest(dialect, async (store) => {
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10, unitCost: 600 });
      await seedSupplier(store, 'ACME', { leadTimeDays: 14 });
    });
    let store: Store;
    let blocker: pg.Client;
    let probe: pg.Client;
    let blockerPid: number;
    beforeEach(async () => {
      store = world.store;
      blocker = new pg.Client({ connectionString: world.database.databaseUrl });
      probe = new pg.Client({ connectionString: world.database.databaseUrl });
      await Promise.all([blocker.connect(), probe.connect()]);
      blockerPid = ((await blocker.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
      return async () => {
        await blocker.query('rollback').catch(() => undefined);
        await Promise.all([blocker.end(), probe.end()]);
      };
    });

    /** Holds a row lock on the blocker's connection until `release`. */
    async function hold(statement: string, params: unknown[]): Promise<void> {
      await blocker.query('begin');
      await blocker.query(statement, params);
    }
    const release = () => blocker.query('commit');

    it('two lead-time changes of one supplier side by side leave the promise dates the final lead time gives', async () => {
      must(await createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', preferred: true }, 'test'));
      const waiting = await order(store, { WIDGET: 1 });
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-15', etaEstimated: true });
      // The first change moves the order's date, then waits to mark the order updated.
      await hold('select id from orders where id = $1 for share', [waiting.id]);
      const longer = updateSupplier(store, 'ACME', { leadTimeDays: 30 }, 'test');
      const first = await waitUntilBlockedBy(probe, [blockerPid]);
      // The second queues behind the first. Reading ACME before the first commits, it would see
      // 14 days, move no date, and then overwrite the first's 30 with 14.
      const shorter = updateSupplier(store, 'ACME', { leadTimeDays: 14 }, 'test');
      await waitUntilBlockedBy(probe, [blockerPid, first], [first]);
      await release();
      must(await longer);
      must(await shorter);
      expect(must(await getSupplier(store, 'ACME')).leadTimeDays).toBe(14);
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-15', etaEstimated: true });
    });

    it('a lead-time change beside a link that makes the supplier preferred leaves the dates the new lead time gives', async () => {
      const waiting = await order(store, { WIDGET: 1 });
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-11', etaEstimated: true });
      // The link moves the order's date to ACME's 14 days, then waits to mark the order updated.
      await hold('select id from orders where id = $1 for share', [waiting.id]);
      const link = createItemSupplier(store, { sku: 'WIDGET', supplier: 'ACME', preferred: true }, 'test');
      const linking = await waitUntilBlockedBy(probe, [blockerPid]);
      // The lead-time change either waits for the link (the fix) or, not seeing the uncommitted
      // link, finds no item to move and commits; both are let run to the end.
      const change = updateSupplier(store, 'ACME', { leadTimeDays: 30 }, 'test');
      await Promise.race([change, waitUntilBlockedBy(probe, [blockerPid, linking], [linking])]);
      await release();
      must(await link);
      must(await change);
      expect(must(await backorderQueue(store, 'WIDGET'))[0]).toMatchObject({ orderId: waiting.id, eta: '2026-01-31', etaEstimated: true });
    });
  });
}

/**
 * Waits until a session other than `except` waits for a lock held (or queued for) by one of the
 * backends `pids`, and answers its pid (at most 10 s). Other tests' sessions on the same database
 * wait for locks of their own, so only waits on these backends count.
 */
async function waitUntilBlockedBy(client: pg.Client, pids: readonly number[], except: readonly number[] = []): Promise<number> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const { rows } = await client.query<{ pid: number }>(
      'select pid from pg_stat_activity where pg_blocking_pids(pid) && $1::int[] and not (pid = any($2::int[])) limit 1',
      [pids, except],
    );
    if (rows[0]) return rows[0].pid;
    await sleep(20);
  }
  throw new Error(`nothing waited for backends ${pids.join(', ')}`);
}
