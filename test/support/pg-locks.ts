import type pg from 'pg';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The backend process id of a connection, as pg_stat_activity and pg_blocking_pids name it. */
export async function backendPid(client: pg.Client): Promise<number> {
  return ((await client.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0] as { pid: number }).pid;
}

/**
 * Waits until a session other than `except` waits for a lock one of the backends `pids` holds (or
 * queues for ahead of it), and answers its pid; at most 10 s. Other tests' sessions share the
 * database and wait for locks of their own, so only waits on these backends count. This is how a
 * concurrency test knows a transaction reached a lock, without sleeping and hoping.
 */
export async function waitUntilBlockedBy(client: pg.Client, pids: readonly number[], except: readonly number[] = []): Promise<number> {
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
