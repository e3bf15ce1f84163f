import BetterSqlite3 from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { isolatedBuild } from '../support/isolated-build.js';
import { cliDatabase, spawnRestock, succeeded } from './support/cli.js';

describe('restock demo (SQLite)', { timeout: 600_000 }, () => {
  const { run } = cliDatabase('sqlite');

  it('replays two years of the bundled car-parts demand into a database that passes check', async () => {
    const demo = await run('--json', 'demo');
    expect(demo.stderr).toBe('');
    expect(demo.code).toBe(0);
    const summary = demo.json<{ items: number; statuses: Record<string, number>; ordersPlaced: number; ordersRejected: number; backorderedUnits: number; unitsLost: number; purchaseOrders: number }>();
    expect(summary.items).toBe(200);
    for (const status of ['in_stock', 'low_stock', 'backorder', 'out_of_stock']) expect(summary.statuses[status]).toBeGreaterThan(0);
    expect(summary.ordersPlaced).toBeGreaterThan(1000);
    expect(summary.ordersRejected).toBeGreaterThan(0);
    expect(summary.backorderedUnits).toBeGreaterThan(0);
    expect(summary.unitsLost).toBeGreaterThan(0);
    expect(summary.purchaseOrders).toBeGreaterThan(100);

    const check = await run('check');
    expect(check.stdout.trim().split('\n').at(-1)).toBe('all invariants hold');
    expect(check.code).toBe(0);

    const waiting = (await run('--json', 'backorders')).json<{ items: { placedAt: string }[] }>().items;
    expect(waiting.length).toBeGreaterThan(0);
    expect(waiting.every((p) => Date.parse(p.placedAt) < Date.now())).toBe(true);
    const items = (await run('--json', 'items', 'list', '--limit', '500')).json<{ items: { discontinued: boolean; substitutes: string[] }[] }>().items;
    expect(items.filter((i) => i.discontinued)).toHaveLength(2);
    expect(items.filter((i) => i.substitutes.length > 0).length).toBeGreaterThan(10);
    const receipts = (await run('--json', 'stock', 'movements', '--kind', 'receipt', '--limit', '5')).json<{ items: { createdAt: string }[] }>().items;
    expect(receipts).toHaveLength(5);
    expect(Date.parse(receipts[0]?.createdAt ?? '')).toBeLessThan(Date.now() - 300 * 86_400_000);
  });

  it('refuses to run on a database that already has items, unless forced', async () => {
    const again = await run('demo');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error CONFLICT: the database already has items; use --force/);
    const badSource = await run('demo', '--force', '--source', '/nonexistent/demand.csv');
    expect(badSource.code).toBe(2);
    expect(badSource.stderr).toMatch(/^error VALIDATION_FAILED: file: there is no file \/nonexistent\/demand.csv/);
  });
});

describe('restock demo interrupted with Ctrl-C (SQLite)', { timeout: 600_000 }, () => {
  // Migrated beforehand, so the only long hold of the write lock is the demo's own work.
  const cli = cliDatabase('sqlite', [['migrate']]);

  /**
   * Resolves once the demo is seen writing: another connection is refused the write lock on three
   * looks in a row (opening the database and migrating hold it for milliseconds, not this long).
   */
  async function whileWriting(path: string): Promise<void> {
    const probe = new BetterSqlite3(path, { timeout: 0 });
    try {
      for (let refused = 0, until = Date.now() + 120_000; Date.now() < until; await sleep(25)) {
        try {
          probe.exec('begin immediate');
          probe.exec('rollback');
          refused = 0;
        } catch (error) {
          if ((error as { code?: string }).code !== 'SQLITE_BUSY') throw error;
          if ((refused += 1) === 3) return;
        }
      }
      throw new Error('the demo never started writing');
    } finally {
      probe.close();
    }
  }

  it('leaves the database as it was, so running it again just works', async () => {
    const demo = spawnRestock(cli.database.env, ['demo', '--months', '36']);
    const exited = once(demo, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    await whileWriting(cli.database.sqlitePath as string);
    demo.kill('SIGINT');
    const [code, signal] = await exited;
    // Still writing when it was stopped, not finished before the signal came.
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGINT' });

    expect(succeeded(await cli.run('--json', 'items', 'list')).json<{ items: unknown[] }>().items).toEqual([]);
    expect(succeeded(await cli.run('--json', 'stock', 'movements')).json<{ items: unknown[] }>().items).toEqual([]);
    const again = succeeded(await cli.run('--json', 'demo', '--months', '3')).json<{ items: number; locations: number }>();
    expect(again).toMatchObject({ items: 200, locations: 3 });
    expect(succeeded(await cli.run('check')).stdout.trim().split('\n').at(-1)).toBe('all invariants hold');
  });
});

describe('restock progress bars (SQLite, in a pseudo-terminal)', { timeout: 600_000 }, () => {
  /** Runs `shell` in a pseudo-terminal (util-linux `script`), so stderr is a terminal; returns what the terminal showed. */
  async function inTerminal(shell: string, env: Record<string, string>): Promise<string> {
    const base = { ...process.env };
    for (const key of ['DATABASE_URL', 'RESTOCK_SQLITE_PATH']) delete base[key];
    const child = spawn('script', ['-qec', shell, '/dev/null'], { env: { ...base, ...env } });
    let shown = '';
    child.stdout.on('data', (chunk: Buffer) => (shown += chunk.toString('utf8')));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    return shown;
  }

  it('draws a bar on a terminal and stays quiet when the output is piped or redirected', async () => {
    const bin = await isolatedBuild();
    const folder = mkdtempSync(join(tmpdir(), 'restock-progress-'));
    const command = (tail: string) => `${process.execPath} ${bin} demo --months 3 ${tail}`;
    const onTerminal = await inTerminal(command(''), { RESTOCK_SQLITE_PATH: join(folder, 'a.db') });
    expect(onTerminal).toMatch(/\[#+·*\]/);
    const piped = await inTerminal(command('| cat > /dev/null'), { RESTOCK_SQLITE_PATH: join(folder, 'b.db') });
    expect(piped).toBe('');
    const redirected = await inTerminal(command('> /dev/null'), { RESTOCK_SQLITE_PATH: join(folder, 'c.db') });
    expect(redirected).toBe('');
  });
});
