import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/stores.js';
import { cliDatabase, restock } from './support/cli.js';

describe('restock import and export (SQLite)', { timeout: 180_000 }, () => {
  const { run } = cliDatabase('sqlite');
  let dir: string;
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const skus = async () => (await run('--json', 'items', 'list')).json<{ items: { sku: string }[] }>().items.map((i) => i.sku);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'restock-csv-'));
    expect((await run('locations', 'create', 'MAIN', '--name', 'Main')).code).toBe(0);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  const items = [
    'sku,name,unitPrice,unitCost,backorderPolicy,backorderLimit,lowStockThreshold,leadTimeDays,substitutes,discontinued',
    'BRAKE-1,Brake pads,4599,2500,allow,,2,10,BRAKE-2,false',
    'BRAKE-2,"Brake pads, economy",2999,1800,deny,,1,7,,false',
    'OIL-1,Oil filter,12.50,600,allow,5,0,14,,false',
    'OIL-2,Oil filter XL,1499,700,sometimes,,0,14,,no',
    'AIR-1,,999,500,allow,,0,14,,false',
    'AIR-2,Air filter,999,500,allow,,0,14,NOPE,false',
  ].join('\n');

  it('reports every bad row with its line and field, and imports nothing', async () => {
    const result = await run('import', 'items', file('items-bad.csv', items));
    expect(result.code).toBe(2);
    expect(result.stderr).toBe([
      'error VALIDATION_FAILED: 4 rows are invalid (of 6); nothing was imported',
      '  line 4: unitPrice: must be a whole number',
      '  line 5: backorderPolicy: must be one of deny, allow',
      '  line 6: name: is required for a new item',
      '  line 7: substitutes: unknown sku NOPE',
      '',
    ].join('\n'));
    expect(await skus()).toEqual([]);
    const json = await run('--json', 'import', 'items', join(dir, 'items-bad.csv'));
    expect(JSON.parse(json.stderr).error.details.problems[0]).toEqual({ line: 4, field: 'unitPrice', message: 'unitPrice: must be a whole number' });
  });

  it('imports the valid rows with --skip-invalid and lists the skipped ones', async () => {
    const result = await run('--json', 'import', 'items', join(dir, 'items-bad.csv'), '--skip-invalid');
    expect(result.code).toBe(0);
    expect(result.json()).toMatchObject({ rows: 6, created: 2, updated: 0, unchanged: 0, dryRun: false });
    expect(result.json<{ skipped: { line: number }[] }>().skipped.map((p) => p.line)).toEqual([4, 5, 6, 7]);
    expect(await skus()).toEqual(['BRAKE-1', 'BRAKE-2']);
    const brake = (await run('--json', 'items', 'get', 'BRAKE-1')).json();
    expect(brake).toMatchObject({ name: 'Brake pads', unitPrice: 4599, substitutes: ['BRAKE-2'], backorderLimit: null });
  });

  it('upserts by sku: a re-import changes only what differs', async () => {
    const path = file('items-update.csv', 'sku,name,unitPrice\nBRAKE-1,Brake pads,4799\nBRAKE-2,"Brake pads, economy",2999\nNEW-1,New part,100\n');
    const dry = await run('import', 'items', path, '--dry-run');
    expect(dry.stdout.trim()).toBe(`would import 2 of 3 rows from ${path}: 1 created, 1 updated, 1 unchanged`);
    expect(await skus()).toEqual(['BRAKE-1', 'BRAKE-2']);
    const result = await run('import', 'items', path);
    expect(result.stdout.trim()).toBe(`imported 2 of 3 rows from ${path}: 1 created, 1 updated, 1 unchanged`);
    expect((await run('--json', 'items', 'get', 'BRAKE-1')).json()).toMatchObject({ unitPrice: 4799, unitCost: 2500, substitutes: ['BRAKE-2'] });
  });

  it('refuses a file with an unknown column or a malformed row', async () => {
    const column = await run('import', 'items', file('items-column.csv', 'sku,name,colour\nX,Y,red\n'));
    expect(column.code).toBe(2);
    expect(column.stderr).toMatch(/^error VALIDATION_FAILED: line 1: column colour is not a known column/);
    const width = await run('import', 'stock', file('stock-width.csv', 'sku,location,count\nBRAKE-1,MAIN\n'));
    expect(width.code).toBe(2);
    expect(width.stderr).toMatch(/line 2: row: has 2 cells; the header has 3 columns/);
    const nul = await run('import', 'items', file('items-nul.csv', 'sku,name\nX,Y\u0000Z\n'));
    expect(nul.code).toBe(2);
    expect(nul.stderr).toMatch(/^error VALIDATION_FAILED: file: line 2: must not contain NUL characters/);
    // Saved as Latin-1 (a spreadsheet's plain CSV): refused by line, not imported with its letters lost.
    const latin1 = join(dir, 'items-latin1.csv');
    writeFileSync(latin1, Buffer.concat([Buffer.from('sku,name\nX,Y\nZ,Caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const encoding = await run('import', 'items', latin1);
    expect(encoding.code).toBe(2);
    expect(encoding.stderr).toMatch(/^error VALIDATION_FAILED: file: line 3 is not UTF-8 text: save the file as "CSV UTF-8"/);
    const missing = await run('import', 'stock', join(dir, 'no-such-file.csv'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^error VALIDATION_FAILED: file: there is no file .*no-such-file.csv\n/);
    const folder = await run('import', 'stock', dir);
    expect({ code: folder.code, stderr: folder.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: file: .* is a folder, not a file/) });
  });

  it('refuses a file it could not write or read before doing any work, naming the option, with exit 2', async () => {
    const nowhere = join(dir, 'no-such-folder', 'out.csv');
    for (const [args, field] of [
      [['export', 'items', '--out', nowhere], 'out'],
      [['export', 'items', '--out', dir], 'out'],
      [['kpis', '--csv', nowhere], 'csv'],
      [['backup', nowhere], 'file'],
      [['restore', dir], 'file'],
      [['po', 'import', join(dir, 'no-such-file.csv')], 'file'],
    ] as const) {
      const refused = await run(...args);
      expect({ args, code: refused.code, stderr: refused.stderr }).toEqual({ args, code: 2, stderr: expect.stringMatching(new RegExp(`^error VALIDATION_FAILED: ${field}: `)) });
    }
  });

  it('sets stock counts through adjustments, all or nothing', async () => {
    const bad = await run('import', 'stock', file('stock-bad.csv', 'sku,location,count\nBRAKE-1,MAIN,10\nBRAKE-2,MAIN,-1\nBRAKE-2,NORTH,3\nBRAKE-1,MAIN,4\n'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe([
      'error VALIDATION_FAILED: 3 rows are invalid (of 4); nothing was imported',
      '  line 3: count: must not be negative',
      '  line 4: location: no location with code NORTH',
      '  line 5: location: BRAKE-1 at MAIN repeats line 2',
      '',
    ].join('\n'));
    expect((await run('--json', 'stock', 'list')).json<{ items: unknown[] }>().items).toEqual([]);
    const good = await run('import', 'stock', file('stock.csv', 'sku,location,count,reason\nBRAKE-1,MAIN,10,opening count\nBRAKE-2,MAIN,4,\n'));
    expect(good.code).toBe(0);
    // Stock counted where there was none creates its stock level; a second count updates it.
    expect(good.stdout).toMatch(/^imported 2 of 2 rows from .*: 2 created, 0 updated, 0 unchanged\n$/);
    const movements = (await run('--json', 'stock', 'movements')).json<{ items: { sku: string; onHandDelta: number; reason: string }[] }>().items;
    expect(movements.map((m) => [m.sku, m.onHandDelta, m.reason])).toEqual([['BRAKE-1', 10, 'opening count'], ['BRAKE-2', 4, 'import']]);
  });

  it('exports CSV that imports back unchanged', async () => {
    const exported = await run('export', 'items');
    expect(exported.code).toBe(0);
    expect(exported.stdout.split('\n')[0]).toBe('sku,name,unitPrice,unitCost,backorderPolicy,backorderLimit,lowStockThreshold,leadTimeDays,substitutes,discontinued');
    expect(exported.stdout).toContain('BRAKE-2,"Brake pads, economy",2999,1800,deny,,1,7,,false');
    const out = join(dir, 'stock-export.csv');
    const written = await run('export', 'stock', '--out', out);
    expect(written.stdout.trim()).toBe(`wrote 2 stock levels to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe('sku,location,count,allocated,available\nBRAKE-1,MAIN,10,0,10\nBRAKE-2,MAIN,4,0,4\n');

    const copy = await createTestDatabase('sqlite');
    try {
      const into = (...args: string[]) => restock(copy.env, ...args);
      expect((await into('locations', 'create', 'MAIN', '--name', 'Main')).code).toBe(0);
      expect((await into('import', 'items', file('items-export.csv', exported.stdout))).code).toBe(0);
      expect((await into('import', 'stock', out)).code).toBe(0);
      expect((await into('export', 'items')).stdout).toBe(exported.stdout);
      expect(readFileSync(out, 'utf8')).toBe((await into('export', 'stock')).stdout);
    } finally {
      await copy.drop();
    }
  });

  it('exports orders and movements, and names a bad filter', async () => {
    expect((await run('orders', 'place', 'BRAKE-1:2', '--external-id', 'E-1')).code).toBe(0);
    const orders = await run('export', 'orders');
    expect(orders.stdout.split('\n')[0]).toMatch(/^orderId,externalId,status,.*,etaEstimated,supersededBy$/);
    expect(orders.stdout).toMatch(/^1,E-1,open,0,backorder,.*,false,$/m);
    const movements = await run('export', 'movements', '--sku', 'BRAKE-1');
    expect(movements.stdout.trim().split('\n').map((l) => l.split(',')[4])).toEqual(['kind', 'adjustment', 'allocation']);
    const since = await run('export', 'movements', '--since', 'yesterday');
    expect(since.code).toBe(2);
    expect(since.stderr).toBe('error VALIDATION_FAILED: since: must be a date (YYYY-MM-DD) or an ISO-8601 time with its zone (2026-03-01T08:00:00Z or …+01:00)\n');
  });

  it('says how many units of waiting backorders a stock count filled', async () => {
    // Run last: it leaves an order behind. Two more of BRAKE-1 than on hand are ordered; a count three higher fills them.
    const onHand = (await run('--json', 'stock', 'list')).json<{ items: { sku: string; location: string; onHand: number; allocated: number }[] }>().items
      .find((l) => l.sku === 'BRAKE-1' && l.location === 'MAIN');
    const free = (onHand?.onHand ?? 0) - (onHand?.allocated ?? 0);
    expect((await run('orders', 'place', `BRAKE-1:${free + 2}`)).code).toBe(0);
    const recount = await run('import', 'stock', file('recount.csv', `sku,location,count\nBRAKE-1,MAIN,${(onHand?.onHand ?? 0) + 3}\n`));
    expect(recount.stdout).toMatch(/: 0 created, 1 updated, 0 unchanged; 2 units filled waiting backorders\n$/);
  });
});
