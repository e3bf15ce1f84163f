import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDatabase, restock } from './support/cli.js';

describe('restock check and an unavailable database', { timeout: 180_000 }, () => {
  const cli = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow'],
    ['stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '2', '--reason', 'receipt'],
    ['orders', 'place', 'WIDGET:3'],
  ]);
  const { run } = cli;

  it('exits 0 and says so when every invariant holds', async () => {
    const report = await run('check');
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/^ok {4}1\. 0 ≤ allocated ≤ onHand/m);
    expect(report.stdout.trim().split('\n').at(-1)).toBe('all invariants hold');
    const json = await run('check', '--json');
    expect(json.json()).toEqual({ ok: true, violations: [] });
  });

  it('exits 1 and names the broken invariant when a row was changed behind its back', async () => {
    const raw = new BetterSqlite3(cli.database.sqlitePath as string);
    raw.prepare('update stock_levels set on_hand = on_hand + 5').run();
    raw.close();
    const report = await run('check');
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(/^FAIL {2}2\. each stock level equals the sum of its ledger movements — 1 violation$/m);
    expect(report.stdout).toMatch(/^ok {4}1\./m);
    const json = await run('--json', 'check');
    expect(json.code).toBe(1);
    const body = json.json<{ ok: boolean; violations: { invariant: number }[] }>();
    expect(body.ok).toBe(false);
    expect(body.violations.map((v) => v.invariant)).toContain(2);
  });

  it('exits 3 when the database cannot be reached or opened', async () => {
    const postgres = await restock({ DATABASE_URL: 'postgres://restock@127.0.0.1:1/none' }, 'items', 'list');
    expect(postgres.code).toBe(3);
    expect(postgres.stderr).toMatch(/^error UNAVAILABLE: the database is unavailable/);
    const notADirectory = join(cli.database.sqlitePath as string, 'nested', 'restock.db');
    const sqlite = await restock({ RESTOCK_SQLITE_PATH: notADirectory }, 'check');
    expect(sqlite.code).toBe(3);
    expect(sqlite.stderr).toMatch(/^error UNAVAILABLE: /);
  });
});
