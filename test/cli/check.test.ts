import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDatabase, restock } from './support/cli.js';

describe('restock check and an unavailable database', { timeout: 180_000 }, () => {
  const cli = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow'],
    ['stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '2', '--reason', 'receipt'],
    ['orders', 'place', 'WIDGET:3', '--external-id', 'SO-1'],
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

  it('names the sku, location code and order of each violation beside their ids, as a table and in JSON', async () => {
    const raw = new BetterSqlite3(cli.database.sqlitePath as string);
    raw.prepare('update stock_levels set on_hand = on_hand + 1').run();
    // Past the CHECK constraint that would refuse it, as damage at the file level would be.
    raw.pragma('ignore_check_constraints = ON');
    raw.prepare('update order_lines set shipped = shipped + 1').run();
    raw.close();
    const report = await run('check');
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(/^2\s+stock level differs .*\s+sku=WIDGET location=MAIN item_id=\d+ location_id=\d+\s+on_hand=\d+ allocated=2 ledger_on_hand=2 ledger_allocated=2$/m);
    expect(report.stdout).toMatch(/^4\s+quantity ≠ .*\s+order_id=\d+ external_id=SO-1 line_no=1 sku=WIDGET line_id=\d+\s+quantity=3 allocated=2 backordered=1 shipped=1 cancelled=0 allocations=2$/m);
    const violations = (await run('--json', 'check')).json<{ violations: { invariant: number; subject: Record<string, unknown> }[] }>().violations;
    expect(violations.find((v) => v.invariant === 2)?.subject).toMatchObject({ sku: 'WIDGET', location: 'MAIN', item_id: expect.any(Number), location_id: expect.any(Number) });
    expect(violations.find((v) => v.invariant === 4)?.subject).toMatchObject({ order_id: expect.any(Number), external_id: 'SO-1', line_no: 1, sku: 'WIDGET', line_id: expect.any(Number) });
  });

  it('names an order whose stored status says other than its lines', async () => {
    const raw = new BetterSqlite3(cli.database.sqlitePath as string);
    raw.prepare(`update orders set status = 'cancelled' where external_id = 'SO-1'`).run();
    raw.close();
    const report = await run('check');
    expect(report.code).toBe(1);
    expect(report.stdout).toMatch(/^FAIL {2}7\. each order's status is the one its lines give — 1 violation$/m);
    const violations = (await run('--json', 'check')).json<{ violations: { invariant: number; subject: Record<string, unknown> }[] }>().violations;
    expect(violations.find((v) => v.invariant === 7)?.subject).toMatchObject({ order_id: expect.any(Number), external_id: 'SO-1', status: 'cancelled', expected: expect.stringMatching(/^(backordered|partially_shipped)$/) });
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
