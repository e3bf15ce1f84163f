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

  it('refuses a bad period naming the field, with the bad-input exit code', async () => {
    const bad = await run('kpis', '--from', '2026-02-31');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/VALIDATION_FAILED: from/);
  });
});
