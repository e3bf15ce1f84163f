import { sql, type Kysely } from 'kysely';
import type { Store } from '../../src/app/ports.js';
import type { Database } from '../../src/storage/schema.js';

/** The Kysely handle behind a store opened by `openStore` (tests read tables directly). */
export function dbOf(store: Store): Kysely<Database> {
  const db = (store as Store & { db?: Kysely<Database> }).db;
  if (!db) throw new Error('store has no db handle');
  return db;
}

/**
 * Every row of every table (whatever migrations exist now), each table's rows sorted, so two dumps
 * are equal exactly when nothing was written in between.
 */
export async function dumpAllTables(store: Store): Promise<Record<string, string[]>> {
  const db = dbOf(store);
  const names =
    store.dialect === 'sqlite'
      ? (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)).rows.map((r) => r.name)
      : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db)).rows.map((r) => r.name);
  const dump: Record<string, string[]> = {};
  for (const name of names) {
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db)).rows;
    dump[name] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return dump;
}

export interface LineRow {
  readonly id: number;
  readonly orderId: number;
  readonly lineNo: number;
  readonly sku: string;
  readonly quantity: number;
  readonly allocated: number;
  readonly backordered: number;
  readonly shipped: number;
  readonly cancelled: number;
  readonly priority: number;
  readonly placedAt: string;
  readonly eta: string | null;
  readonly orderStatus: string;
}

export interface RunSnapshot {
  readonly items: Map<string, { backordered: number; limit: number | null; policy: string; discontinued: boolean }>;
  /** `${sku}|${code}` → level. */
  readonly stock: Map<string, { onHand: number; allocated: number }>;
  readonly lines: Map<number, LineRow>;
  /** line id → location code → units. */
  readonly allocations: Map<number, Map<string, number>>;
}

/** The stock, lines and allocations of the items whose sku starts with `prefix`. */
export async function snapshotRun(store: Store, prefix: string): Promise<RunSnapshot> {
  const db = dbOf(store);
  const like = `${prefix}%`;
  const items = await db.selectFrom('items').select(['sku', 'backordered', 'backorder_limit', 'backorder_policy', 'discontinued']).where('sku', 'like', like).execute();
  const stock = await db
    .selectFrom('stock_levels as s')
    .innerJoin('items as i', 'i.id', 's.item_id')
    .innerJoin('locations as l', 'l.id', 's.location_id')
    .select(['i.sku', 'l.code', 's.on_hand', 's.allocated'])
    .where('i.sku', 'like', like)
    .execute();
  const lines = await db
    .selectFrom('order_lines as ol')
    .innerJoin('items as i', 'i.id', 'ol.item_id')
    .innerJoin('orders as o', 'o.id', 'ol.order_id')
    .select(['ol.id', 'ol.order_id', 'ol.line_no', 'i.sku', 'ol.quantity', 'ol.allocated', 'ol.backordered', 'ol.shipped', 'ol.cancelled', 'ol.priority', 'ol.placed_at', 'ol.eta', 'o.status'])
    .where('i.sku', 'like', like)
    .execute();
  const allocations = await db
    .selectFrom('line_allocations as a')
    .innerJoin('items as i', 'i.id', 'a.item_id')
    .innerJoin('locations as l', 'l.id', 'a.location_id')
    .select(['a.line_id', 'l.code', 'a.quantity'])
    .where('i.sku', 'like', like)
    .execute();
  const byLine = new Map<number, Map<string, number>>();
  for (const a of allocations) {
    if (a.quantity === 0) continue;
    const map = byLine.get(a.line_id) ?? new Map<string, number>();
    map.set(a.code, a.quantity);
    byLine.set(a.line_id, map);
  }
  return {
    items: new Map(items.map((i) => [i.sku, { backordered: i.backordered, limit: i.backorder_limit, policy: i.backorder_policy, discontinued: i.discontinued === 1 }])),
    stock: new Map(stock.map((s) => [`${s.sku}|${s.code}`, { onHand: s.on_hand, allocated: s.allocated }])),
    lines: new Map(
      lines.map((l) => [
        l.id,
        {
          id: l.id, orderId: l.order_id, lineNo: l.line_no, sku: l.sku, quantity: l.quantity, allocated: l.allocated, backordered: l.backordered,
          shipped: l.shipped, cancelled: l.cancelled, priority: l.priority, placedAt: l.placed_at, eta: l.eta, orderStatus: l.status,
        },
      ]),
    ),
    allocations: byLine,
  };
}
