import { adjustStock } from '../adjust-stock.js';
import { backorderQueue } from '../backorder-queue.js';
import { cancelOrder } from '../cancel-order.js';
import { changeOrderPriority } from '../change-order-priority.js';
import { listOrders } from '../list-orders.js';
import { listStockLevels } from '../list-stock-levels.js';
import { updateItem } from '../manage-items.js';
import type { OrderView } from '../order-view.js';
import { placeOrder } from '../place-order.js';
import { shipOrder } from '../ship-order.js';
import { transferStock } from '../transfer-stock.js';
import { DEMO_SUPPLIERS, type DemoItem } from './catalogue.js';
import { DEMO_ACTOR, expectOk, setTime, type DemoRun } from './demo-run.js';
import type { DemoOrder } from './order-plan.js';

/** Places one planned order at its time; a rejection (OUT_OF_STOCK) is part of the story, not an error. */
export async function placeDemoOrder(run: DemoRun, order: DemoOrder, externalId: string): Promise<void> {
  run.clock.set(new Date(order.at));
  const { customer } = order;
  const result = await placeOrder(run.store, {
    externalId,
    customer: { id: customer.id, name: customer.name, email: customer.email },
    priority: customer.priority,
    shortage: customer.shortage,
    lines: order.lines,
  }, { actor: 'demo:storefront' });
  if (!result.ok && result.code === 'OUT_OF_STOCK') {
    run.counters.ordersRejected += 1;
    run.counters.unitsLost += order.lines.reduce((sum, l) => sum + l.quantity, 0);
    return;
  }
  const placed = expectOk(result, 'placing an order');
  run.counters.ordersPlaced += 1;
  run.counters.unitsLost += placed.lines.reduce((sum, l) => sum + l.cancelled, 0);
}

/** Ships, in the afternoon, every complete order placed before `day` (ship-complete, as many shops do). */
export async function shipReadyOrders(run: DemoRun, day: string): Promise<void> {
  setTime(run, day, '16:00');
  for (const order of await ordersWithStatus(run, 'open')) {
    if (order.placedAt >= `${day}T00:00`) continue;
    const lines = order.lines.filter((l) => l.allocated > 0).map((l) => ({ sku: l.sku, quantity: l.allocated }));
    if (lines.length === 0) continue;
    expectOk(await shipOrder(run.store, order.id, { lines }, DEMO_ACTOR), `shipping order ${order.id}`);
    run.counters.shipments += 1;
  }
}

/** Weekly: some customers tired of waiting cancel, and now and then a backorder is escalated. */
export async function customerService(run: DemoRun, day: string): Promise<void> {
  setTime(run, day, '14:00');
  const waiting = await ordersWithStatus(run, 'backordered');
  for (const order of waiting) {
    const age = (Date.parse(`${day}T14:00:00Z`) - Date.parse(order.placedAt)) / 86_400_000;
    if (age > 35 && run.random.chance(0.08)) {
      expectOk(await cancelOrder(run.store, order.id, { reason: 'customer cancelled: waited too long' }, DEMO_ACTOR), 'cancelling an order');
      run.counters.ordersCancelled += 1;
    }
  }
  const stillWaiting = waiting.filter((o) => o.priority < 8 && Date.parse(o.placedAt) < Date.parse(`${day}T00:00:00Z`) - 14 * 86_400_000);
  if (stillWaiting.length > 0 && run.random.chance(0.15)) {
    const order = run.random.pick(stillWaiting);
    expectOk(await changeOrderPriority(run.store, order.id, { priority: 8 }, DEMO_ACTOR), 'escalating an order');
  }
}

/** Monthly: a few cycle counts find damaged units, and the trade counter is topped up from the warehouse. */
export async function monthlyHousekeeping(run: DemoRun, day: string, bestSellers: readonly DemoItem[]): Promise<void> {
  setTime(run, day, '08:30');
  for (let n = 0; n < 3; n += 1) {
    const item = run.random.pick(run.items);
    const home = homeOf(item);
    const level = (expectOk(await listStockLevels(run.store, { sku: item.sku, location: home }), 'reading stock')).items[0];
    if (!level || level.onHand === 0) continue;
    expectOk(await adjustStock(run.store, { sku: item.sku, location: home, delta: -1, reason: 'cycle count: damaged in storage' }, DEMO_ACTOR), 'a cycle count');
  }
  setTime(run, day, '09:00');
  for (const item of bestSellers) {
    const levels = expectOk(await listStockLevels(run.store, { sku: item.sku }), 'reading stock').items;
    const home = levels.find((l) => l.location === homeOf(item));
    const counter = levels.find((l) => l.location === 'SHOP');
    if (!home || home.available < 6 || (counter?.onHand ?? 0) >= 2) continue;
    expectOk(await transferStock(run.store, { sku: item.sku, from: home.location, to: 'SHOP', quantity: 2, reason: 'top up the trade counter' }, DEMO_ACTOR), 'a transfer');
  }
}

/** Marks an item discontinued and cancels what still waits for it: it will not come again. */
export async function discontinue(run: DemoRun, day: string, item: DemoItem): Promise<void> {
  setTime(run, day, '10:00');
  expectOk(await updateItem(run.store, item.sku, { discontinued: true }, DEMO_ACTOR), 'discontinuing an item');
  for (const position of expectOk(await backorderQueue(run.store, item.sku), 'reading a queue')) {
    const lines = [{ sku: item.sku, quantity: position.backordered }];
    expectOk(await cancelOrder(run.store, position.orderId, { lines, reason: 'item discontinued' }, DEMO_ACTOR), 'cancelling a discontinued line');
  }
}

/** The location an item's supplier delivers to. */
export function homeOf(item: DemoItem): string {
  return DEMO_SUPPLIERS.find((s) => s.code === item.supplier)?.location ?? 'MAIN';
}

async function ordersWithStatus(run: DemoRun, status: string): Promise<OrderView[]> {
  const orders: OrderView[] = [];
  let cursor: string | undefined;
  do {
    const page = expectOk(await listOrders(run.store, { status, cursor, limit: 500 }), 'listing orders');
    orders.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return orders;
}
