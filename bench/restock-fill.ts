import { monitorEventLoopDelay } from 'node:perf_hooks';
import { adjustStock } from '../src/app/adjust-stock.js';
import { checkInvariants } from '../src/app/check-invariants.js';
import { openStore, type StoreOptions } from '../src/storage/open-store.js';
import { QUICK, report } from './machine.js';
import { onBothDialects } from './both-dialects.js';
import { seedCatalogue } from './seed-catalogue.js';

const BACKORDERS = QUICK ? 500 : 10_000;

/**
 * One receipt fills every waiting backorder of an item: the time of that single transaction,
 * and the longest event-loop block while it runs. Baseline: a receipt with an empty queue.
 */
async function measure(label: 'sqlite' | 'postgres', options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  await seedCatalogue(store, 2, 0);
  const now = new Date().toISOString();
  const [item] = await store.db.selectFrom('items').select('id').where('sku', '=', 'SKU-000000').execute();
  await store.db.updateTable('items').set({ backordered: BACKORDERS }).where('id', '=', item!.id).execute();
  for (let start = 0; start < BACKORDERS; start += 500) {
    const count = Math.min(500, BACKORDERS - start);
    const orders = await store.db
      .insertInto('orders')
      .values(Array.from({ length: count }, () => ({ request_hash: 'bench', priority: 0, shortage: 'backorder', status: 'backordered', placed_at: now, updated_at: now })))
      .returning('id')
      .execute();
    await store.db
      .insertInto('order_lines')
      .values(orders.map((o) => ({ order_id: o.id, line_no: 1, item_id: item!.id, quantity: 1, allocated: 0, backordered: 1, shipped: 0, cancelled: 0, unit_price: 1000, priority: 0, placed_at: now, eta_estimated: 0 })))
      .execute();
  }
  const emptyQueue = await timed(() => adjustStock(store, { sku: 'SKU-000001', location: 'MAIN', delta: BACKORDERS, reason: 'receipt' }, 'bench'));
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const fill = await timed(() => adjustStock(store, { sku: 'SKU-000000', location: 'MAIN', delta: BACKORDERS, reason: 'receipt' }, 'bench'));
  await new Promise((resolve) => setTimeout(resolve, 20));
  delay.disable();
  const violations = await checkInvariants(store);
  const [{ waiting }] = (await store.db.selectFrom('order_lines').select((eb) => eb.fn.sum<number>('backordered').as('waiting')).execute()) as [{ waiting: number }];
  if (violations.length > 0 || Number(waiting) !== 0) throw new Error(`fill left ${waiting} waiting, violations: ${JSON.stringify(violations)}`);
  const goal = label === 'sqlite' ? 150 : 500;
  report({
    name: `restock-fill-${label}`,
    value: Math.round(fill),
    unit: 'ms',
    baseline: Math.round(emptyQueue),
    ratio: Number((fill / emptyQueue).toFixed(1)),
    params: { backorders: BACKORDERS, quick: QUICK },
    goal: `< ${goal} ms`,
    met: fill < goal,
    extra: { longestEventLoopBlockMs: Math.round(delay.max / 1e6) },
  });
  await store.close();
}

async function timed(work: () => Promise<{ ok: boolean }>): Promise<number> {
  const started = process.hrtime.bigint();
  const result = await work();
  if (!result.ok) throw new Error(JSON.stringify(result));
  return Number(process.hrtime.bigint() - started) / 1e6;
}

await onBothDialects('fill', measure);
