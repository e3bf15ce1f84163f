import { backorderQueue, backorderQueuePage } from '../src/app/backorder-queue.js';
import { encodeCursor } from '../src/app/pagination.js';
import { openStore, type StoreOptions } from '../src/storage/open-store.js';
import { onBothDialects } from './both-dialects.js';
import { QUICK, report } from './machine.js';
import { median } from './median.js';
import { seedCatalogue } from './seed-catalogue.js';

const BACKORDERS = QUICK ? 500 : 10_000;
const PAGE = 50;
const RUNS = QUICK ? 3 : 15;

/**
 * A page of one item's backorder queue (GET /backorders?sku=…&limit=50) far down a long queue:
 * the page reads its own lines and a count of those ahead. Baseline: reading the whole queue once,
 * which is what every page cost before pages were read by keyset.
 */
async function measure(label: 'sqlite' | 'postgres', options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  await seedCatalogue(store, 1, 0);
  const [item] = await store.db.selectFrom('items').select(['id', 'sku']).execute();
  if (!item) throw new Error('no item seeded');
  await store.db.updateTable('items').set({ backordered: BACKORDERS }).where('id', '=', item.id).execute();
  for (let start = 0; start < BACKORDERS; start += 500) {
    const count = Math.min(500, BACKORDERS - start);
    // Ten orders share each instant and priorities vary, so the keyset's ties are exercised.
    const rows = Array.from({ length: count }, (_, i) => ({ at: new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor((start + i) / 10))).toISOString(), priority: (start + i) % 3 }));
    const orders = await store.db
      .insertInto('orders')
      .values(rows.map((r) => ({ request_hash: 'bench', priority: r.priority, shortage: 'backorder', status: 'backordered', placed_at: r.at, updated_at: r.at })))
      .returning('id')
      .execute();
    await store.db
      .insertInto('order_lines')
      .values(orders.map((o, i) => ({ order_id: o.id, line_no: 1, item_id: item.id, quantity: 1, allocated: 0, backordered: 1, shipped: 0, cancelled: 0, unit_price: 1000, priority: rows[i]?.priority ?? 0, placed_at: rows[i]?.at ?? '', eta_estimated: 0 })))
      .execute();
  }
  const whole = await backorderQueue(store, item.sku);
  if (!whole.ok) throw new Error(whole.message);
  const before = whole.value[BACKORDERS - PAGE - 1];
  if (!before) throw new Error('queue too short');
  const cursor = encodeCursor({ sku: item.sku, priority: before.priority, placedAt: before.placedAt, lineId: before.lineId });
  const pageTimes: number[] = [];
  const wholeTimes: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    let started = process.hrtime.bigint();
    const page = await backorderQueuePage(store, item.sku, { limit: PAGE, cursor });
    pageTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
    if (!page.ok || page.value.items.length !== PAGE || page.value.items[0]?.position !== BACKORDERS - PAGE + 1) throw new Error(`wrong last page: ${JSON.stringify(page).slice(0, 300)}`);
    started = process.hrtime.bigint();
    await backorderQueue(store, item.sku);
    wholeTimes.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  const value = median(pageTimes);
  const baseline = median(wholeTimes);
  report({
    name: `queue-page-${label}`,
    value: Number(value.toFixed(2)),
    unit: 'ms',
    baseline: Number(baseline.toFixed(2)),
    ratio: Number((value / baseline).toFixed(3)),
    params: { backorders: BACKORDERS, pageSize: PAGE, runs: RUNS, quick: QUICK },
    goal: 'recorded',
    met: null,
  });
  await store.close();
}

await onBothDialects('queue-page', measure);
