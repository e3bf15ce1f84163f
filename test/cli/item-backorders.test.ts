import { describe, expect, it } from 'vitest';
import { cliDatabase, succeeded } from './support/cli.js';

describe('restock: discontinuing an item customers wait for, and cancelling its backorders (SQLite)', { timeout: 180_000 }, () => {
  const { run } = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow'],
    ['items', 'create', 'BOLT', '--name', 'Bolt'],
    ['items', 'create', 'cancel', '--name', 'A sku that reads as a subcommand', '--backorder-policy', 'allow'],
    ['stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '1', '--reason', 'receipt'],
    ['orders', 'place', 'WIDGET:3', '--customer-name', 'Ann', '--external-id', 'WEB-1'],
    ['orders', 'place', 'WIDGET:2', '--customer-name', 'Bob'],
  ]);

  it('prints the warning of a discontinuation, and keeps it in --json', async () => {
    const updated = succeeded(await run('items', 'update', 'WIDGET', '--discontinued'));
    expect(updated.stdout).toBe('updated item WIDGET\nwarning: WIDGET is discontinued, but 4 units on 2 lines of 2 orders still wait for it: no purchase order is open, so nothing will fill them unless stock is ordered for them. Cancel the waiting backorders (each customer is told) or let them wait.\n');
    const again = succeeded(await run('--json', 'items', 'update', 'WIDGET', '--discontinued'));
    expect(again.json<{ discontinued: boolean; warnings: unknown[] }>()).toMatchObject({ discontinued: true, warnings: [] });
    expect(succeeded(await run('items', 'update', 'BOLT', '--discontinued')).stdout).toBe('updated item BOLT\n');
  });

  it('cancels every waiting unit of an item with a reason, and refuses bad input naming the field', async () => {
    const missing = await run('backorders', 'cancel', '--sku', 'WIDGET');
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('--reason');
    const blank = await run('backorders', 'cancel', '--sku', 'WIDGET', '--reason', ' ');
    expect(blank.code).toBe(2);
    expect(blank.stderr).toContain('error VALIDATION_FAILED: reason: must not be empty');
    const unknown = await run('backorders', 'cancel', '--sku', 'NOPE', '--reason', 'gone');
    expect(unknown.stderr).toContain('error NOT_FOUND: sku: no item with sku NOPE');

    const done = succeeded(await run('backorders', 'cancel', '--sku', 'WIDGET', '--reason', 'maker stopped', '--idempotency-key', 'retire-widget'));
    expect(done.stdout.split('\n')[0]).toBe('cancelled 4 waiting units of WIDGET (2 lines of 2 orders); each customer is told');
    const again = succeeded(await run('backorders', 'cancel', '--sku', 'WIDGET', '--reason', 'maker stopped', '--idempotency-key', 'retire-widget'));
    expect(again.stdout.split('\n')[0]).toBe('replayed: these 4 waiting units of WIDGET (2 lines of 2 orders) were cancelled before; nothing more was cancelled');
    expect(done.stdout).toMatch(/^order\s+external id\s+cancelled$/m);
    expect(done.stdout).toMatch(/^\s*1\s+WEB-1\s+2$/m);
    expect(done.stdout).toMatch(/^\s*2\s+–\s+2$/m);
    expect(succeeded(await run('backorders', 'WIDGET')).stdout).toBe('no backorders waiting for WIDGET\n');
    const order = succeeded(await run('--json', 'orders', 'get', '1')).json<{ status: string; lines: { allocated: number; cancelled: number }[] }>();
    expect(order).toMatchObject({ status: 'open', lines: [{ allocated: 1, cancelled: 2 }] });

    // A sku named like the subcommand is shown with --item; given twice, differently, it is refused.
    succeeded(await run('orders', 'place', 'cancel:2', '--customer-name', 'Cy'));
    expect(succeeded(await run('--json', 'backorders', '--item', 'cancel')).json<{ items: { sku: string; backordered: number }[] }>().items).toMatchObject([{ sku: 'cancel', backordered: 2 }]);
    const twice = await run('backorders', 'WIDGET', '--item', 'cancel');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain('error VALIDATION_FAILED: sku: given twice, as WIDGET and as --item cancel; give one');

    const nothing = await run('--json', 'backorders', 'cancel', '--sku', 'WIDGET', '--reason', 'again');
    expect(nothing.code).toBe(1);
    expect((JSON.parse(nothing.stderr) as { error: { code: string } }).error.code).toBe('CONFLICT');
  });
});
