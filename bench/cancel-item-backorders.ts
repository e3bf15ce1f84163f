import { loadavg } from 'node:os';
import { cancelItemBackorders } from '../src/app/cancel-item-backorders.js';
import { checkInvariants } from '../src/app/check-invariants.js';
import { openStore, type OpenedStore, type StoreOptions } from '../src/storage/open-store.js';
import { onBothDialects } from './both-dialects.js';
import { QUICK, report } from './machine.js';
import { median } from './median.js';
import { seedCatalogue } from './seed-catalogue.js';

const ORDERS = QUICK ? 200 : 1_000;
const RUNS = QUICK ? 2 : 5;

/**
 * Cancels every waiting backorder of an item with 1,000 waiting orders (1–3 units each, every
 * third order on two lines of it), as `POST /items/{sku}/backorders/cancel` does when an item is
 * discontinued: the whole transaction (each order's lines, events, audit, statuses, settling),
 * median of several runs, each on a fresh queue. Baseline: the same cancellation of an item
 * with one waiting order, in the same run, so the ratio is what the queue's length costs.
 */
async function measure(label: 'sqlite' | 'postgres', options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  try {
    const skus = await seedCatalogue(store, RUNS * 2, 0);
    const long: number[] = [];
    const short: number[] = [];
    for (let run = 0; run < RUNS; run += 1) {
      const [longSku, shortSku] = [skus[run * 2] as string, skus[run * 2 + 1] as string];
      await seedQueue(store, longSku, ORDERS);
      await seedQueue(store, shortSku, 1);
      short.push(await timed(() => cancelItemBackorders(store, shortSku, { reason: 'discontinued' }, 'bench')));
      long.push(await timed(() => cancelItemBackorders(store, longSku, { reason: 'discontinued' }, 'bench')));
    }
    const violations = await checkInvariants(store);
    if (violations.length > 0) throw new Error(`cancellations broke invariants: ${JSON.stringify(violations)}`);
    const value = median(long);
    const baseline = median(short);
    const goal = label === 'sqlite' ? 150 : 500;
    report({
      name: `cancel-item-backorders-${label}`,
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(baseline),
      ratio: Number((value / baseline).toFixed(1)),
      params: { orders: ORDERS, runs: RUNS, quick: QUICK, baselineIs: 'the same cancellation with one waiting order' },
      goal: `< ${goal} ms`,
      met: value < goal,
      extra: { worstRunMs: Math.round(Math.max(...long)), loadAverage: Number(loadavg()[0]?.toFixed(1)) },
    });
  } finally {
    await store.close();
  }
}

/** `orders` waiting orders of one item, set-based (the cancellation is what is measured). */
async function seedQueue(store: OpenedStore, sku: string, orders: number): Promise<void> {
  const db = store.db;
  const now = new Date().toISOString();
  const [item] = await db.selectFrom('items').select('id').where('sku', '=', sku).execute();
  const itemId = item!.id;
  let waiting = 0;
  for (let start = 0; start < orders; start += 250) {
    const count = Math.min(250, orders - start);
    const placed = await db
      .insertInto('orders')
      .values(Array.from({ length: count }, (_, i) => ({
        request_hash: 'bench', customer_email: `customer-${start + i}@example.com`, priority: 0, shortage: 'backorder', status: 'backordered', placed_at: now, updated_at: now,
      })))
      .returning('id')
      .execute();
    const lines = placed.flatMap((o, i) => {
      const units = 1 + ((start + i) % 3);
      const line = (lineNo: number) => ({
        order_id: o.id, line_no: lineNo, item_id: itemId, quantity: units, allocated: 0, backordered: units, shipped: 0, cancelled: 0,
        unit_price: 1000, priority: 0, placed_at: now, eta_estimated: 0, placed_allocated: 0, placed_backordered: units,
      });
      return (start + i) % 3 === 0 ? [line(1), line(2)] : [line(1)];
    });
    waiting += lines.reduce((sum, l) => sum + l.backordered, 0);
    await db.insertInto('order_lines').values(lines).execute();
  }
  await db.updateTable('items').set({ backordered: waiting }).where('id', '=', itemId).execute();
}

async function timed(work: () => Promise<{ ok: boolean }>): Promise<number> {
  const started = process.hrtime.bigint();
  const result = await work();
  if (!result.ok) throw new Error(JSON.stringify(result));
  return Number(process.hrtime.bigint() - started) / 1e6;
}


await onBothDialects('cancel', measure);
