import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderView } from '../../src/app/order-view.js';
import { cliDatabase, succeeded } from './support/cli.js';

// PostgreSQL must be there: a missing server fails this file (CI=true or not), it is never skipped.
describe('restock on PostgreSQL (DATABASE_URL, a fresh schema)', { timeout: 180_000 }, () => {
  const { run } = cliDatabase('postgres');
  let dir: string;
  const ok = async (...args: string[]) => succeeded(await run(...args));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'restock-pg-'));
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('migrates, imports, places, queues, checks and exports', async () => {
    const migrated = await ok('--json', 'migrate');
    expect(migrated.json()).toMatchObject({ dialect: 'postgres' });
    await ok('locations', 'create', 'MAIN', '--name', 'Main');
    const items = join(dir, 'items.csv');
    writeFileSync(items, 'sku,name,unitPrice,backorderPolicy\nWIDGET,Widget,1299,allow\nBOLT,Bolt,99,deny\n');
    expect((await ok('import', 'items', items)).stdout).toMatch(/imported 2 of 2 rows/);
    const stock = join(dir, 'stock.csv');
    writeFileSync(stock, 'sku,location,count\nWIDGET,MAIN,2\nBOLT,MAIN,x\n');
    const bad = await run('import', 'stock', stock);
    expect(bad.code, bad.stderr).toBe(2);
    expect(bad.stderr).toMatch(/line 3: count: must be a whole number/);
    await ok('import', 'stock', stock, '--skip-invalid');

    const order = (await ok('--json', 'orders', 'place', 'WIDGET:5', '--customer-name', 'Ann')).json<OrderView>();
    expect(order.lines[0]).toMatchObject({ allocated: 2, backordered: 3 });
    const queue = (await run('--json', 'backorders', 'WIDGET')).json<{ items: { orderId: number; backordered: number }[] }>().items;
    expect(queue).toEqual([expect.objectContaining({ orderId: order.id, backordered: 3 })]);
    const rejected = await run('orders', 'place', 'BOLT:1');
    expect(rejected.code, rejected.stderr).toBe(1);
    expect(rejected.stderr).toMatch(/^error OUT_OF_STOCK: /);

    await ok('stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '3', '--reason', 'receipt');
    expect((await run('--json', 'orders', 'get', String(order.id))).json<OrderView>().status).toBe('open');
    await ok('check');
    expect((await run('export', 'stock')).stdout).toBe('sku,location,count,allocated,available\nWIDGET,MAIN,5,5,0\n');
  });
});
