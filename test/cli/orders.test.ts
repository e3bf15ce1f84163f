import { describe, expect, it } from 'vitest';
import type { OrderView } from '../../src/app/order-view.js';
import { cliDatabase, succeeded } from './support/cli.js';

describe('restock orders, backorders and availability (SQLite)', { timeout: 180_000 }, () => {
  const { run } = cliDatabase('sqlite', [
    ['locations', 'create', 'MAIN', '--name', 'Main'],
    ['items', 'create', 'WIDGET', '--name', 'Widget', '--backorder-policy', 'allow', '--lead-time-days', '10'],
    ['items', 'create', 'BOLT', '--name', 'Bolt', '--backorder-policy', 'deny'],
    ['stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '3', '--reason', 'receipt'],
    ['stock', 'adjust', 'BOLT', 'MAIN', '--delta', '1', '--reason', 'receipt'],
  ]);
  const place = async (...args: string[]) => {
    const result = await run('--json', 'orders', 'place', ...args);
    expect(result.stderr).toBe('');
    return result.json<OrderView>();
  };

  it('places orders that allocate and backorder, and shows the queue in serving order', async () => {
    const first = await place('WIDGET:2', '--customer-name', 'Ann', '--external-id', 'WEB-1');
    expect(first).toMatchObject({ status: 'open', externalId: 'WEB-1', lines: [{ sku: 'WIDGET', quantity: 2, allocated: 2, backordered: 0, allocations: [{ location: 'MAIN', quantity: 2 }] }] });
    const second = await place('WIDGET:4', '--customer-name', 'Bob');
    expect(second.status).toBe('backordered');
    expect(second.lines[0]).toMatchObject({ allocated: 1, backordered: 3, etaEstimated: true });
    const urgent = await place('WIDGET:2', '--customer-name', 'Cy', '--priority', '5');
    const queue = await run('--json', 'backorders', 'WIDGET');
    expect(queue.json<{ items: { orderId: number; position: number; unitsAhead: number }[] }>().items.map((p) => [p.position, p.orderId, p.unitsAhead])).toEqual([
      [1, urgent.id, 0],
      [2, second.id, 2],
    ]);
    const table = await run('backorders', 'WIDGET');
    expect(table.stdout.split('\n')[0]).toMatch(/^#\s+order\s+customer\s+priority\s+placed\s+age\s+qty\s+waiting\s+ahead\s+eta$/);
    expect(table.stdout).toMatch(new RegExp(`1\\s+${urgent.id}\\s+Cy\\s+5`));
    const all = await run('--json', 'backorders');
    expect(all.json<{ items: { sku: string }[] }>().items.map((p) => p.sku)).toEqual(['WIDGET', 'WIDGET']);
  });

  it('replays a repeated externalId, saying so, and reads orders back', async () => {
    const again = await place('WIDGET:2', '--customer-name', 'Ann', '--external-id', 'WEB-1');
    expect(again.id).toBe(1);
    const said = await run('orders', 'place', 'WIDGET:2', '--customer-name', 'Ann', '--external-id', 'WEB-1');
    expect(said.stdout.split('\n')[0]).toBe('replayed: order 1 was placed before (open); nothing new was placed');
    const fetched = await run('orders', 'get', '1', '--json');
    expect(fetched.json<OrderView>().externalId).toBe('WEB-1');
    const listed = await run('--json', 'orders', 'list', '--status', 'backordered');
    expect(listed.json<{ items: OrderView[] }>().items.map((o) => o.status)).toEqual(['backordered', 'backordered']);
    const table = await run('orders', 'list');
    expect(table.stdout).toMatch(/^id\s+placed\s+status\s+priority\s+customer\s+lines\s+waiting\s+eta$/m);
    expect(table.stdout).toMatch(/1\s+\S+ \S+\s+open\s+0\s+Ann\s+WIDGET×2\s+0\s+–/);
  });

  it('rejects an order it cannot cover with OUT_OF_STOCK, per-line availability and exit 1', async () => {
    const rejected = await run('orders', 'place', 'BOLT:5');
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/^error OUT_OF_STOCK: not enough stock for BOLT \(5 asked for, 1 available, none may wait on backorder\); nothing was reserved\n/);
    expect(rejected.stderr).toMatch(/BOLT\s+5\s+1\s+0/);
    const json = await run('--json', 'orders', 'place', 'BOLT:5');
    expect(JSON.parse(json.stderr).error).toMatchObject({ code: 'OUT_OF_STOCK', details: { lines: [{ sku: 'BOLT', requested: 5, available: 1, backorderable: 0 }] } });
  });

  it('refuses bad lines naming the field, with exit 2', async () => {
    const zero = await run('orders', 'place', 'WIDGET:0');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toBe('error VALIDATION_FAILED: lines[0].quantity: must be at least 1\n');
    const fraction = await run('orders', 'place', 'WIDGET:1', 'BOLT:1.5');
    expect(fraction.stderr).toBe('error VALIDATION_FAILED: lines[1].quantity: must be a whole number\n');
    const bare = await run('orders', 'place', 'WIDGET:1', 'BOLT');
    expect({ code: bare.code, stderr: bare.stderr }).toEqual({ code: 2, stderr: 'error VALIDATION_FAILED: lines[1]: BOLT has no quantity: write each line as SKU:QUANTITY, e.g. BOLT:1\n' });
    const unknown = await run('orders', 'place', 'NOPE:1');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error VALIDATION_FAILED: lines[0].sku: no item with sku NOPE\n');
    const email = await run('orders', 'place', 'WIDGET:1', '--customer-email', 'ann at example.com');
    expect(email.stderr).toBe('error VALIDATION_FAILED: customer.email: must be an e-mail address, such as name@example.com\n');
    const shortage = await run('orders', 'place', 'WIDGET:1', '--shortage', 'sometimes');
    expect(shortage.stderr).toBe('error VALIDATION_FAILED: shortage: must be one of backorder, partial, in_stock_only\n');
    const id = await run('orders', 'get', 'abc');
    expect(id.code).toBe(2);
    expect(id.stderr).toBe('error VALIDATION_FAILED: id: must be a positive whole number\n');
  });

  it('ships, cancels (filling the queue from released stock) and re-prioritises', async () => {
    const shipped = await run('--json', 'orders', 'ship', '1');
    expect(shipped.json<OrderView>()).toMatchObject({ status: 'shipped', lines: [{ shipped: 2, allocated: 0 }] });
    const overShip = await run('orders', 'ship', '2', 'WIDGET:4');
    expect(overShip.code).toBe(1);
    expect(overShip.stderr).toBe('error INSUFFICIENT_ALLOCATION: lines[0].quantity: 4 units of WIDGET asked to ship, but only 1 is allocated\n');
    // Order 2 holds 1 allocated unit; cancelling it frees that unit for the head of the queue (order 3).
    const cancelled = await run('--json', 'orders', 'cancel', '2', '--reason', 'changed mind');
    expect(cancelled.json<OrderView>()).toMatchObject({ status: 'cancelled', lines: [{ cancelled: 4, allocated: 0, backordered: 0 }] });
    const head = await run('orders', 'get', '3', '--json');
    expect(head.json<OrderView>().lines[0]).toMatchObject({ allocated: 1, backordered: 1 });
    const bumped = await run('orders', 'priority', '3', '9');
    expect(bumped.stdout.trim(), bumped.stderr).toBe('order 3 now has priority 9');
    const availability = await run('--json', 'availability', 'WIDGET', 'BOLT');
    expect(availability.json<{ items: { sku: string; status: string; available: number }[] }>().items.map((a) => [a.sku, a.status, a.available])).toEqual([
      ['WIDGET', 'backorder', 0],
      ['BOLT', 'in_stock', 1],
    ]);
    const check = await run('check');
    expect(check.code).toBe(0);
  });

  it('says when a shipment, cancellation or rejection is a replay, finds partly shipped orders still waiting, and what changed since a time', async () => {
    succeeded(await run('stock', 'adjust', 'WIDGET', 'MAIN', '--delta', '4', '--reason', 'receipt'));
    const partly = await place('WIDGET:5');
    expect(partly.lines[0]).toMatchObject({ allocated: 3, backordered: 2 });
    const ship = () => run('orders', 'ship', String(partly.id), 'WIDGET:2', '--idempotency-key', 'ship-a');
    expect((await ship()).stdout.split('\n')[0]).toBe(`shipped from order ${partly.id} (partially_shipped)`);
    expect((await ship()).stdout.split('\n')[0]).toBe(`replayed: this shipment from order ${partly.id} was made before (partially_shipped); nothing more was shipped`);
    const waiting = await run('--json', 'orders', 'list', '--status', 'backordered');
    expect(waiting.json<{ items: OrderView[] }>().items.map((o) => [o.id, o.status])).toEqual([[partly.id, 'partially_shipped']]);
    const cancel = () => run('orders', 'cancel', String(partly.id), 'WIDGET:1', '--idempotency-key', 'cancel-a');
    expect((await cancel()).stdout.split('\n')[0]).toBe(`cancelled units of order ${partly.id} (partially_shipped)`);
    expect((await cancel()).stdout.split('\n')[0]).toBe(`replayed: this cancellation of order ${partly.id} was made before (partially_shipped); nothing more was cancelled`);
    const latest = succeeded(await run('--json', 'orders', 'get', String(partly.id))).json<OrderView>();
    const changed = await run('--json', 'orders', 'list', '--updated-since', latest.updatedAt);
    expect(changed.json<{ items: OrderView[] }>().items.map((o) => o.id)).toEqual([partly.id]);
    const badTime = await run('orders', 'list', '--updated-since', 'soon');
    expect([badTime.code, badTime.stderr]).toEqual([2, expect.stringMatching(/^error VALIDATION_FAILED: updatedSince: must be a date/)]);
    const rejectedTwice = [await run('orders', 'place', 'BOLT:5', '--idempotency-key', 'bolts'), await run('orders', 'place', 'BOLT:5', '--idempotency-key', 'bolts')];
    expect(rejectedTwice.map((r) => [r.code, r.stderr.includes('replayed: the same order was rejected before; this is that answer again')])).toEqual([[1, false], [1, true]]);
  });

  it('says which later order superseded a rejection placed again under its external id', async () => {
    const rejected = await run('--json', 'orders', 'place', 'BOLT:3', '--external-id', 'WEB-9');
    expect(rejected.code).toBe(1);
    const rejectedId = (JSON.parse(rejected.stderr) as { error: { details: { orderId: number } } }).error.details.orderId;
    const placed = await place('BOLT:1', '--external-id', 'WEB-9');
    const shown = succeeded(await run('orders', 'get', String(rejectedId)));
    expect(shown.stdout).toMatch(new RegExp(`status\\s+rejected \\(superseded by order ${placed.id}\\)\n`));
    expect(succeeded(await run('--json', 'orders', 'get', String(rejectedId))).json<OrderView>().supersededBy).toBe(placed.id);
    expect(succeeded(await run('orders', 'get', String(placed.id))).stdout).not.toMatch(/superseded/);
    const listed = succeeded(await run('orders', 'list', '--external-id', 'WEB-9'));
    expect(listed.stdout).toMatch(new RegExp(`^\\s*${rejectedId}\\s+\\S+ \\S+\\s+rejected \\(superseded by ${placed.id}\\)\\s`, 'm'));
  });
});
