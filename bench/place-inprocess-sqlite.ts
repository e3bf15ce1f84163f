import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { placeOrder } from '../src/app/place-order.js';
import { openStore } from '../src/storage/open-store.js';
import { QUICK, report } from './machine.js';
import { seedCatalogue, seededRandom, threeSkus } from './seed-catalogue.js';

const SKUS = QUICK ? 1_000 : 10_000;
const ORDERS = QUICK ? 500 : 10_000;

/** Orders/s through the real placeOrder use case on an embedded SQLite file. */
async function measureUseCase(dir: string): Promise<number> {
  const store = await openStore({ sqlitePath: join(dir, 'use-case.db') });
  const skus = await seedCatalogue(store, SKUS, 1_000_000);
  const random = seededRandom(1);
  const orders = Array.from({ length: ORDERS }, () => threeSkus(skus, random));
  const started = process.hrtime.bigint();
  for (const lines of orders) {
    const result = await placeOrder(store, { lines: lines.map((sku) => ({ sku, quantity: 1 })) }, { actor: 'bench' });
    if (!result.ok) throw new Error(result.message);
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await store.close();
  return ORDERS / seconds;
}

/**
 * The same rows written by hand-written prepared statements, one transaction per order: the
 * least a correct placement must do (read stock, write order, lines, allocations, ledger, outbox).
 */
async function measureBaseline(dir: string): Promise<number> {
  const path = join(dir, 'baseline.db');
  const store = await openStore({ sqlitePath: path });
  const skus = await seedCatalogue(store, SKUS, 1_000_000);
  await store.close();
  const db = new BetterSqlite3(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const item = db.prepare('select id, unit_price from items where sku = ?');
  const stock = db.prepare('select location_id, on_hand - allocated as available from stock_levels where item_id = ? order by location_id');
  const insertOrder = db.prepare(`insert into orders (request_hash, priority, shortage, status, placed_at, updated_at) values (?, 0, 'backorder', 'open', ?, ?)`);
  const insertLine = db.prepare(`insert into order_lines (order_id, line_no, item_id, quantity, allocated, backordered, shipped, cancelled, unit_price, priority, placed_at) values (?, ?, ?, 1, 1, 0, 0, 0, ?, 0, ?)`);
  const allocate = db.prepare('update stock_levels set allocated = allocated + 1 where item_id = ? and location_id = ?');
  const insertAllocation = db.prepare('insert into line_allocations (line_id, item_id, location_id, quantity) values (?, ?, ?, 1)');
  const insertMovement = db.prepare(`insert into movements (item_id, location_id, kind, on_hand_delta, allocated_delta, reason, order_id, line_id, actor, created_at) values (?, ?, 'allocation', 0, 1, 'order placed', ?, ?, 'bench', ?)`);
  const insertEvent = db.prepare(`insert into events (type, subject_type, subject_id, payload, created_at) values ('order.placed', 'order', ?, ?, ?)`);
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const random = seededRandom(1);
  const orders = Array.from({ length: ORDERS }, () => threeSkus(skus, random));
  const started = process.hrtime.bigint();
  for (const lines of orders) {
    const now = new Date().toISOString();
    begin.run();
    const orderId = Number(insertOrder.run('hash', now, now).lastInsertRowid);
    lines.forEach((sku, index) => {
      const row = item.get(sku) as { id: number; unit_price: number };
      const level = stock.get(row.id) as { location_id: number; available: number };
      const lineId = Number(insertLine.run(orderId, index + 1, row.id, row.unit_price, now).lastInsertRowid);
      allocate.run(row.id, level.location_id);
      insertAllocation.run(lineId, row.id, level.location_id);
      insertMovement.run(row.id, level.location_id, orderId, lineId, now);
    });
    insertEvent.run(String(orderId), JSON.stringify({ orderId, lines }), now);
    commit.run();
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  db.close();
  return ORDERS / seconds;
}

const dir = mkdtempSync(join(tmpdir(), 'restock-bench-'));
try {
  const baseline = await measureBaseline(dir);
  const value = await measureUseCase(dir);
  report({
    name: 'place-inprocess-sqlite',
    value: Math.round(value),
    unit: 'orders/s',
    baseline: Math.round(baseline),
    ratio: Number((value / baseline).toFixed(3)),
    params: { skus: SKUS, orders: ORDERS, linesPerOrder: 3, quick: QUICK },
    goal: 'ratio ≥ 0.5',
    met: value / baseline >= 0.5,
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
