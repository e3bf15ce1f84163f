import { describe, expect, it } from 'vitest';
import { cliDatabase, succeeded } from './support/cli.js';

describe('restock: stock changes, receipts and locations for a distributor (SQLite)', { timeout: 180_000 }, () => {
  const { run } = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['locations', 'create', 'SHOP', '--name', 'Shop', '--priority', '1'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow'],
    ['suppliers', 'create', 'ACME', '--name', 'Acme'],
  ]);
  const onHand = async (location: string) =>
    succeeded(await run('--json', 'stock', 'list', '--sku', 'WIDGET', '--location', location)).json<{ items: { onHand: number }[] }>().items[0]?.onHand ?? 0;

  it('does a retried adjustment, transfer or receipt once and says the retry was a replay', async () => {
    const adjust = ['stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '5', '--reason', 'count', '--idempotency-key', 'count-1'];
    expect(succeeded(await run(...adjust)).stdout).toBe('WIDGET at MAIN: +5, on hand 5, allocated 0\n');
    expect(succeeded(await run(...adjust)).stdout).toBe('replayed: this change of WIDGET at MAIN (+5) was made before; nothing was changed again\n');
    expect(await onHand('MAIN')).toBe(5);

    const transfer = ['stock', 'transfer', 'WIDGET', 'MAIN', 'SHOP', '2', '--idempotency-key', 'move-1'];
    expect(succeeded(await run(...transfer)).stdout).toBe('moved 2 × WIDGET from MAIN to SHOP\n');
    expect(succeeded(await run(...transfer)).stdout).toBe('replayed: 2 × WIDGET from MAIN to SHOP was moved before; nothing was moved again\n');
    expect([await onHand('MAIN'), await onHand('SHOP')]).toEqual([3, 2]);

    succeeded(await run('po', 'create', 'ACME', 'WIDGET:10', '--send'));
    const receive = ['po', 'receive', '1', 'WIDGET:4', '--location', 'MAIN', '--idempotency-key', 'dock-1'];
    expect(succeeded(await run(...receive)).stdout.split('\n')[0]).toBe('received 4 units into MAIN (purchase order 1 is partially_received)');
    expect(succeeded(await run(...receive)).stdout.split('\n')[0]).toBe('replayed: these 4 units were received into MAIN before; nothing was received again (purchase order 1 was then partially_received)');
    expect(await onHand('MAIN')).toBe(7);

    const mismatch = await run('stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '6', '--reason', 'count', '--idempotency-key', 'count-1');
    expect(mismatch.code).not.toBe(0);
    expect(mismatch.stderr).toContain('Idempotency-Key: already used with a different request');
    expect(await onHand('MAIN')).toBe(7);
  });

  it('says what deactivating a location did to the units orders hold there', async () => {
    succeeded(await run('orders', 'place', 'WIDGET:9'));
    succeeded(await run('stock', 'adjust', 'WIDGET', 'SHOP', '--delta', '3', '--reason', 'delivery'));
    const closed = succeeded(await run('locations', 'update', 'MAIN', '--inactive'));
    expect(closed.stdout).toBe([
      'updated location MAIN',
      '3 allocated units are now taken from other locations',
      "warning: MAIN still holds 4 units of WIDGET (1 order) allocated to orders, because no active location has them free: they stay reserved there and can be shipped from MAIN, but the network's figures leave them out while it is inactive",
      '',
    ].join('\n'));
    expect(succeeded(await run('check')).code).toBe(0);
  });
});
