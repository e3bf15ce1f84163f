import type { Store } from '../src/app/ports.js';

/**
 * Seeds `count` items with plenty of stock at one location through set-based inserts (the use
 * cases are what benchmarks measure, not the seeding).
 */
export async function seedCatalogue(store: Store & { db: import('kysely').Kysely<import('../src/storage/schema.js').Database> }, count: number, onHand: number): Promise<string[]> {
  const now = new Date().toISOString();
  const db = store.db;
  const [location] = await db.insertInto('locations').values({ code: 'MAIN', name: 'Main', priority: 0, active: 1, created_at: now }).returning('id').execute();
  const skus: string[] = [];
  for (let start = 0; start < count; start += 500) {
    const batch = Array.from({ length: Math.min(500, count - start) }, (_, i) => `SKU-${String(start + i).padStart(6, '0')}`);
    skus.push(...batch);
    const items = await db
      .insertInto('items')
      .values(batch.map((sku) => ({
        sku, name: `Item ${sku}`, unit_price: 1000, unit_cost: 600, backorder_policy: 'allow', backorder_limit: null,
        low_stock_threshold: 0, lead_time_days: 14, substitutes: '[]', discontinued: 0, created_at: now, updated_at: now,
      })))
      .returning('id')
      .execute();
    await db.insertInto('stock_levels').values(items.map((i) => ({ item_id: i.id, location_id: location!.id, on_hand: onHand, allocated: 0 }))).execute();
    await db.insertInto('movements').values(items.map((i) => ({
      item_id: i.id, location_id: location!.id, kind: 'receipt', on_hand_delta: onHand, allocated_delta: 0, reason: 'seed',
      order_id: null, line_id: null, reference: null, actor: 'bench', created_at: now,
    }))).execute();
  }
  return skus;
}

/** A deterministic pseudo-random generator (mulberry32), so every run places the same orders. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Three distinct skus for one order. */
export function threeSkus(skus: readonly string[], random: () => number): string[] {
  const picked = new Set<string>();
  while (picked.size < 3) picked.add(skus[Math.floor(random() * skus.length)] as string);
  return [...picked];
}
