import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliDatabase } from './support/cli.js';

describe('restock import items that discontinues what customers wait for (SQLite)', { timeout: 180_000 }, () => {
  const { run } = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'PUMP-1', '--name', 'Pump', '--backorder-policy', 'allow'],
    ['items', 'create', 'PUMP-2', '--name', 'Pump XL', '--backorder-policy', 'allow'],
    ['orders', 'place', 'PUMP-1:3', '--external-id', 'W-1'],
    ['orders', 'place', 'PUMP-1:1', 'PUMP-2:2', '--external-id', 'W-2'],
  ]);
  const dir = mkdtempSync(join(tmpdir(), 'restock-discontinue-'));
  const file = join(dir, 'items.csv');
  writeFileSync(file, 'sku,name,discontinued\nPUMP-2,Pump XL,false\nPUMP-1,Pump,true\n');

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints the warning of each row that discontinues such an item, with its line, and lists them in --json', async () => {
    const dry = await run('--json', 'import', 'items', file, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.json()).toMatchObject({
      dryRun: true, updated: 1, unchanged: 1,
      warnings: [{ line: 3, sku: 'PUMP-1', code: 'DISCONTINUED_WITH_BACKORDERS', waitingLines: 2, waitingUnits: 4, waitingOrders: 2, incomingUnits: 0 }],
    });
    const imported = await run('import', 'items', file);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe([
      `imported 1 of 2 rows from ${file}: 0 created, 1 updated, 1 unchanged`,
      'warning: line 3: PUMP-1 is discontinued, but 4 units on 2 lines of 2 orders still wait for it: no purchase order is open, so nothing will fill them unless stock is ordered for them. Cancel the waiting backorders (each customer is told) or let them wait.',
      '',
    ].join('\n'));
    const again = await run('import', 'items', file);
    expect(again.stdout).toBe(`imported 0 of 2 rows from ${file}: 0 created, 0 updated, 2 unchanged\n`);
  });
});
