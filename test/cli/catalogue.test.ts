import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDatabase, restock, spawnRestock } from './support/cli.js';

describe('restock items, locations and stock (SQLite)', { timeout: 180_000 }, () => {
  const { run } = cliDatabase('sqlite');

  it('documents its exit codes in --help', async () => {
    const help = await run('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Exit codes:\n\s+0\s+success/);
    expect(help.stdout).toMatch(/2\s+bad input/);
    expect(help.stdout).toMatch(/3\s+the database is unavailable/);
    // A command's help marks the options it cannot run without.
    expect((await run('stock', 'adjust', '--help')).stdout).toMatch(/--reason <text>\s+why \(kept in the ledger\) \(required\)/);
    expect((await run('stock', 'adjust', '--help')).stdout).not.toMatch(/--delta <units>.*\(required\)/);
  });

  it('lists every command group in --help and suggests one for a misspelt name, though a command loads only its own group', async () => {
    const help = await run('--help');
    const groups = [...help.stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1]);
    expect(groups).toEqual(expect.arrayContaining([
      'serve', 'migrate', 'items', 'locations', 'stock', 'availability', 'orders', 'backorders', 'check', 'keys', 'audit', 'import', 'export',
      'demo', 'kpis', 'suppliers', 'po', 'worker', 'webhooks', 'forecast', 'plan', 'simulate', 'demand', 'backup', 'restore',
    ]));
    for (const helpFirst of [['--help', 'orders'], ['-h', 'po']]) {
      expect([...(await run(...helpFirst)).stdout.matchAll(/^ {2}([a-z]+)\b/gm)].map((m) => m[1])).toEqual(groups);
    }
    const misspelt = await run('ordres', 'list');
    expect({ code: misspelt.code, stderr: misspelt.stderr }).toEqual({ code: 2, stderr: expect.stringContaining("(Did you mean orders?)") });
    // `import` keeps the demand import its group gathers from `demand`.
    expect((await run('import', '--help')).stdout).toMatch(/^ {2}demand \[options\] <file>/m);
    expect((await run('--json', 'orders', 'list')).code).toBe(0);
  });

  it('stops quietly when its reader closes the pipe early (restock … | head)', async () => {
    const child = spawnRestock({}, ['--help']);
    // The reader is gone before the first byte is written, as `head -0` would be.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  });

  it('refuses an update that changes nothing instead of saying it updated', async () => {
    for (const args of [['items', 'update', 'ANY'], ['locations', 'update', 'ANY']]) {
      const refused = await run(...args);
      expect({ args, code: refused.code, stderr: refused.stderr }).toEqual({ args, code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: options: give at least one field to change/) });
    }
  });

  it('prints usage errors as JSON too with --json', async () => {
    for (const args of [['--json', 'items', 'create', 'X'], ['--json', 'no-such-command'], ['items', 'list', '--json', '--bogus']]) {
      const refused = await run(...args);
      expect(refused.code).toBe(2);
      expect(JSON.parse(refused.stderr)).toEqual({ error: { code: 'VALIDATION_FAILED', message: expect.any(String), details: null } });
    }
    const plain = await run('items', 'create', 'X');
    expect(plain.stderr).toBe("error: required option '--name <text>' not specified\n(run with --help for usage)\n");
  });

  it('refuses a database path in a folder that does not exist instead of starting an empty database there', async () => {
    const missing = join(mkdtempSync(join(tmpdir(), 'restock-path-')), 'typo', 'restock.db');
    const refused = await restock({ RESTOCK_SQLITE_PATH: missing }, 'items', 'list');
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/RESTOCK_SQLITE_PATH: there is no folder .*typo/);
    expect(existsSync(join(missing, '..'))).toBe(false);
    const notUrl = await restock({ DATABASE_URL: 'notaurl' }, 'items', 'list');
    expect({ code: notUrl.code, stderr: notUrl.stderr }).toEqual({ code: 3, stderr: expect.stringMatching(/^error UNAVAILABLE: DATABASE_URL: must be a PostgreSQL URL/) });
  });

  it('creates and lists locations, in JSON and as a table', async () => {
    expect((await run('locations', 'create', 'MAIN', '--name', 'Main warehouse')).code).toBe(0);
    const created = await run('--json', 'locations', 'create', 'EAST', '--name', 'East depot', '--priority', '5');
    expect(created.code).toBe(0);
    expect(created.json()).toEqual({ code: 'EAST', name: 'East depot', priority: 5, active: true });
    const listed = await run('locations', 'list', '--json');
    expect(listed.json<{ items: { code: string }[] }>().items.map((l) => l.code)).toEqual(['MAIN', 'EAST']);
    const table = await run('locations', 'list');
    expect(table.stdout.split('\n')[0]).toMatch(/^code\s+name\s+priority\s+active$/);
    expect(table.stdout).toMatch(/EAST\s+East depot\s+5\s+yes/);
    // update takes --inactive as create does (and --no-active), but not with --active.
    expect((await run('--json', 'locations', 'update', 'EAST', '--inactive')).json()).toMatchObject({ code: 'EAST', active: false });
    expect((await run('--json', 'locations', 'update', 'EAST', '--active')).json()).toMatchObject({ code: 'EAST', active: true });
    const both = await run('locations', 'update', 'EAST', '--active', '--inactive');
    expect({ code: both.code, stderr: both.stderr }).toEqual({ code: 2, stderr: 'error VALIDATION_FAILED: active: give --active or --inactive, not both\n' });
  });

  it('round-trips an item through create, update and get', async () => {
    const created = await run('--json', 'items', 'create', 'WIDGET', '--name', 'Widget', '--unit-price', '1299', '--unit-cost', '700',
      '--backorder-policy', 'allow', '--backorder-limit', '10', '--low-stock-threshold', '2');
    expect(created.code).toBe(0);
    expect(created.json()).toMatchObject({ sku: 'WIDGET', name: 'Widget', unitPrice: 1299, unitCost: 700, backorderPolicy: 'allow', backorderLimit: 10, status: 'backorder', available: 0 });
    expect((await run('items', 'create', 'GADGET', '--name', 'Gadget')).code).toBe(0);
    const updated = await run('--json', 'items', 'update', 'WIDGET', '--backorder-limit', 'none', '--substitutes', 'GADGET', '--lead-time-days', '9');
    expect(updated.code).toBe(0);
    expect(updated.json()).toMatchObject({ backorderLimit: null, substitutes: ['GADGET'], leadTimeDays: 9 });
    // The update answers the item as get shows it, with what its changer should know (nothing here).
    const fetched = await run('items', 'get', 'WIDGET', '--json');
    expect({ ...fetched.json<object>(), warnings: [] }).toEqual(updated.json());
    const shown = await run('items', 'get', 'WIDGET');
    expect(shown.stdout).toMatch(/^sku\s+WIDGET$/m);
    expect(shown.stdout).toMatch(/^unit price\s+12\.99$/m);
    expect(shown.stdout).toMatch(/^substitutes\s+GADGET$/m);
  });

  it('records the operating-system user as the actor of setting changes, shown by restock audit', async () => {
    const { username } = userInfo();
    const listed = await run('--json', 'audit', '--subject-type', 'item', '--subject', 'WIDGET');
    expect(listed.code).toBe(0);
    const entries = listed.json<{ items: { actor: string; action: string; changes: Record<string, { from: unknown; to: unknown }> }[] }>().items;
    expect(entries.map((e) => [e.action, e.actor])).toEqual([['updated', `cli:${username}`], ['created', `cli:${username}`]]);
    expect(entries[0]?.changes['leadTimeDays']).toEqual({ from: 14, to: 9 });
    const table = await run('audit', '--subject', 'WIDGET');
    expect(table.stdout.split('\n')[0]).toMatch(/^time\s+actor\s+subject\s+action\s+changes$/);
    expect(table.stdout).toMatch(/item WIDGET\s+updated\s+.*leadTimeDays: 14 → 9/);
    const bad = await run('audit', '--subject-type', 'order');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/subjectType: must be one of/);
  });

  it('refuses bad input with the API code, a message naming the field, and exit 2', async () => {
    const price = await run('items', 'create', 'BAD', '--name', 'Bad', '--unit-price', '12.50');
    expect(price.code).toBe(2);
    expect(price.stderr).toBe('error VALIDATION_FAILED: unitPrice: must be a whole number\n');
    const sku = await run('items', 'create', 'no spaces', '--name', 'Bad');
    expect(sku.code).toBe(2);
    expect(sku.stderr).toMatch(/^error VALIDATION_FAILED: sku: /);
    const policy = await run('--json', 'items', 'update', 'WIDGET', '--backorder-policy', 'maybe');
    expect(policy.code).toBe(2);
    expect(JSON.parse(policy.stderr)).toEqual({ error: { code: 'VALIDATION_FAILED', message: 'backorderPolicy: must be one of deny, allow', details: { field: 'backorderPolicy' } } });
    const usage = await run('items', 'create', 'NONAME');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/--name/);
    const missing = await run('items', 'get', 'NOPE');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe('error NOT_FOUND: sku: no item with sku NOPE\n');
    expect((await run('items', 'list', '--json')).json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('adjusts, transfers and lists stock, with the movements in the ledger', async () => {
    const received = await run('--json', 'stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '8', '--reason', 'receipt');
    expect(received.json()).toEqual({ sku: 'WIDGET', location: 'MAIN', onHand: 8, allocated: 0, delta: 8, returnedToQueue: 0, movedToOtherLocations: 0, backordersFilled: 0 });
    const counted = await run('stock', 'adjust', 'WIDGET', 'MAIN', '--count', '6', '--reason', 'cycle count');
    expect(counted.stdout.trim()).toBe('WIDGET at MAIN: -2, on hand 6, allocated 0');
    const negative = await run('stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '-1', '--reason', 'damaged');
    expect(negative.code).toBe(0);
    expect((await run('stock', 'transfer', 'WIDGET', 'MAIN', 'EAST', '2')).stdout.trim()).toBe('moved 2 × WIDGET from MAIN to EAST');
    const tooMany = await run('stock', 'transfer', 'WIDGET', 'MAIN', 'EAST', '50');
    expect(tooMany.code).toBe(1);
    expect(tooMany.stderr).toBe('error CONFLICT: quantity: only 3 units are available at MAIN\n');
    const zero = await run('stock', 'transfer', 'WIDGET', 'MAIN', 'EAST', '0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('error VALIDATION_FAILED: quantity: must be at least 1\n');
    const levels = await run('stock', 'list', '--sku', 'WIDGET', '--json');
    expect(levels.json<{ items: unknown[] }>().items).toEqual([
      { sku: 'WIDGET', location: 'EAST', locationActive: true, onHand: 2, allocated: 0, available: 2 },
      { sku: 'WIDGET', location: 'MAIN', locationActive: true, onHand: 3, allocated: 0, available: 3 },
    ]);
    const movements = await run('stock', 'movements', '--sku', 'WIDGET', '--json');
    expect(movements.json<{ items: { kind: string; onHandDelta: number }[] }>().items.map((m) => [m.kind, m.onHandDelta])).toEqual([
      ['adjustment', 8], ['adjustment', -2], ['adjustment', -1], ['transfer_out', -2], ['transfer_in', 2],
    ]);
    const table = await run('stock', 'movements', '--kind', 'transfer_in');
    expect(table.stdout).toMatch(/transfer_in\s+\+2\s+·/);
    const badKind = await run('stock', 'movements', '--kind', 'theft');
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toMatch(/^error VALIDATION_FAILED: kind: must be one of/);
  });
});
