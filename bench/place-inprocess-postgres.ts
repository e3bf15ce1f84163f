import pg from 'pg';
import { placeOrder } from '../src/app/place-order.js';
import { openStore } from '../src/storage/open-store.js';
import { QUICK, report } from './machine.js';
import { freshPostgresSchema, POSTGRES_URL } from './postgres-schema.js';
import { seedCatalogue, seededRandom, threeSkus } from './seed-catalogue.js';

const SKUS = QUICK ? 1_000 : 10_000;
const ORDERS = QUICK ? 500 : 10_000;
const CONNECTIONS = 16;

/** Runs `work` for every order with CONNECTIONS of them in flight at once; returns orders/s. */
async function concurrently(orders: readonly string[][], work: (lines: string[]) => Promise<void>): Promise<number> {
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (next < orders.length) {
      const lines = orders[next++] as string[];
      await work(lines);
    }
  }));
  return orders.length / (Number(process.hrtime.bigint() - started) / 1e9);
}

/** Orders/s through the real use case with a pool of 16 PostgreSQL connections. */
async function measureUseCase(): Promise<number> {
  const schema = await freshPostgresSchema();
  try {
    const store = await openStore({ databaseUrl: POSTGRES_URL, schema: schema.name, poolSize: CONNECTIONS });
    const skus = await seedCatalogue(store, SKUS, 1_000_000);
    const random = seededRandom(1);
    const orders = Array.from({ length: ORDERS }, () => threeSkus(skus, random));
    const rate = await concurrently(orders, async (lines) => {
      const result = await placeOrder(store, { lines: lines.map((sku) => ({ sku, quantity: 1 })) }, { actor: 'bench' });
      if (!result.ok) throw new Error(result.message);
    });
    await store.close();
    return rate;
  } finally {
    await schema.drop();
  }
}

/**
 * The same writes through `pg` directly: per order one transaction that locks its items in id
 * order, reads their stock, inserts the order, lines, allocations, ledger rows and an outbox row.
 */
async function measureBaseline(): Promise<number> {
  const schema = await freshPostgresSchema();
  try {
    const store = await openStore({ databaseUrl: POSTGRES_URL, schema: schema.name });
    const skus = await seedCatalogue(store, SKUS, 1_000_000);
    await store.close();
    const pool = new pg.Pool({ connectionString: POSTGRES_URL, max: CONNECTIONS, options: `-c search_path=${schema.name}` });
    const random = seededRandom(1);
    const orders = Array.from({ length: ORDERS }, () => threeSkus(skus, random));
    const rate = await concurrently(orders, async (lines) => {
      const client = await pool.connect();
      try {
        const now = new Date().toISOString();
        await client.query('begin');
        const items = await client.query<{ id: number; unit_price: number }>('select id, unit_price from items where sku = any($1) order by id for update', [lines]);
        const stock = await client.query<{ item_id: number; location_id: number }>('select item_id, location_id from stock_levels where item_id = any($1)', [items.rows.map((i) => i.id)]);
        const order = await client.query<{ id: number }>(`insert into orders (request_hash, priority, shortage, status, placed_at, updated_at) values ('h', 0, 'backorder', 'open', $1, $1) returning id`, [now]);
        const orderId = order.rows[0]!.id;
        for (const [index, item] of items.rows.entries()) {
          const location = stock.rows.find((s) => s.item_id === item.id)!.location_id;
          const line = await client.query<{ id: number }>(
            `insert into order_lines (order_id, line_no, item_id, quantity, allocated, backordered, shipped, cancelled, unit_price, priority, placed_at) values ($1, $2, $3, 1, 1, 0, 0, 0, $4, 0, $5) returning id`,
            [orderId, index + 1, item.id, item.unit_price, now],
          );
          await client.query('update stock_levels set allocated = allocated + 1 where item_id = $1 and location_id = $2', [item.id, location]);
          await client.query('insert into line_allocations (line_id, item_id, location_id, quantity) values ($1, $2, $3, 1)', [line.rows[0]!.id, item.id, location]);
          await client.query(`insert into movements (item_id, location_id, kind, on_hand_delta, allocated_delta, reason, order_id, line_id, actor, created_at) values ($1, $2, 'allocation', 0, 1, 'order placed', $3, $4, 'bench', $5)`, [item.id, location, orderId, line.rows[0]!.id, now]);
        }
        await client.query(`insert into events (type, subject_type, subject_id, payload, created_at) values ('order.placed', 'order', $1, $2, $3)`, [String(orderId), JSON.stringify({ orderId, lines }), now]);
        await client.query('commit');
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    });
    await pool.end();
    return rate;
  } finally {
    await schema.drop();
  }
}

const baseline = await measureBaseline();
const value = await measureUseCase();
report({
  name: 'place-inprocess-postgres',
  value: Math.round(value),
  unit: 'orders/s',
  baseline: Math.round(baseline),
  ratio: Number((value / baseline).toFixed(3)),
  params: { skus: SKUS, orders: ORDERS, connections: CONNECTIONS, linesPerOrder: 3, quick: QUICK },
  goal: 'ratio ≥ 0.6',
  met: value / baseline >= 0.6,
});
