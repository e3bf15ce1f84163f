import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliDatabase } from './support/cli.js';

describe('restock kpis (SQLite)', () => {
  const cli = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow', '--unit-price', '1000'],
    ['stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '3', '--reason', 'receipt'],
    ['orders', 'place', 'WIDGET:4'],
  ]);
  const { run } = cli;

  it('prints the figures with their definitions, as JSON and as CSV', async () => {
    const table = await run('kpis');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/unit fill rate\s+75\.0%\s+Units allocated from stock at the moment the order was placed/);
    // A row showing two figures gives both their definitions.
    expect(table.stdout).toMatch(/lost demand .*Units asked for and not accepted.*Lost units × the unit price/);
    expect(table.stdout).toMatch(/stockouts .*Times the available units of an item fell to zero.*Hours during the period/);
    const report = (await run('--json', 'kpis', '--bucket', 'week')).json<{ overall: { unitsRequested: number; backorderRate: number } }>();
    expect(report.overall).toMatchObject({ unitsRequested: 4, backorderRate: 0.25 });
    const file = join(cli.database.sqlitePath as string, '..', 'kpis.csv');
    expect((await run('kpis', '--csv', file)).code).toBe(0);
    expect(readFileSync(file, 'utf8').split('\n')[1]).toMatch(/^WIDGET,Widget,A,4,0\.75,/);
    const locations = await run('kpis', '--table', 'locations', '--csv', '-');
    expect(locations.code).toBe(0);
    expect(locations.stdout.split('\n')[0]).toMatch(/^location,name,active,items,units_shipped,/);
    expect((await run('kpis')).stdout).toMatch(/Locations \(/);
    const bad = await run('kpis', '--table', 'orders', '--csv', '-');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/table: must be one of/);
  });

  it('leaves out, sorts and pages the per-item rows, and names a bad option', async () => {
    const none = (await run('--json', 'kpis', '--item-limit', '0')).json<{ items: unknown[]; itemCount: number; overall: { unitsRequested: number } }>();
    expect(none).toMatchObject({ items: [], itemCount: 1, overall: { unitsRequested: 4 } });
    const page = (await run('--json', 'kpis', '--item-sort', '-unitsRequested', '--item-limit', '1', '--item-offset', '0')).json<{ items: { sku: string }[] }>();
    expect(page.items.map((i) => i.sku)).toEqual(['WIDGET']);
    expect((await run('--json', 'kpis', '--item-offset', '1')).json<{ items: unknown[] }>().items).toEqual([]);
    for (const [option, value] of [['--item-limit', '-1'], ['--item-offset', 'x'], ['--item-sort', 'price']] as const) {
      const bad = await run('kpis', option, value);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(new RegExp(`VALIDATION_FAILED: ${option.slice(2)}`));
    }
    expect((await run('kpis')).stdout).toMatch(/Lowest fill rates:\n.*\n.*\nWIDGET /);
  });

  it('refuses a bad period naming the field, with the bad-input exit code', async () => {
    const bad = await run('kpis', '--from', '2026-02-31');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/VALIDATION_FAILED: from/);
  });
});
