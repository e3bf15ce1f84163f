import { sql, type Kysely, type Transaction } from 'kysely';
import type { NewMovement } from '../app/ports.js';
import type { Database, LocationDaysTable } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;


/**
 * Daily per item and location totals of on-hand changes, shipments and receipts, written beside
 * the ledger rows they summarise (same transaction), so KPIs per location over a year never read
 * the movements themselves. Movements that change only `allocated` leave no trace here.
 */
export async function rollUpLocationMovements(db: Executor, movements: readonly NewMovement[], now: string): Promise<void> {
  const day = now.slice(0, 10);
  const facts = new Map<string, Omit<LocationDaysTable, 'day'>>();
  for (const m of movements) {
    if (m.onHandDelta === 0) continue;
    const key = `${m.itemId}|${m.locationId}`;
    let entry = facts.get(key);
    if (!entry) {
      entry = { item_id: m.itemId, location_id: m.locationId, on_hand_delta: 0, shipped: 0, received: 0 };
      facts.set(key, entry);
    }
    entry.on_hand_delta += m.onHandDelta;
    if (m.kind === 'shipment') entry.shipped -= m.onHandDelta;
    if (m.kind === 'receipt') entry.received += m.onHandDelta;
  }
  if (facts.size === 0) return;
  await db
    .insertInto('location_days')
    .values([...facts.values()].map((f) => ({ ...f, day })))
    .onConflict((oc) =>
      oc.columns(['item_id', 'location_id', 'day']).doUpdateSet({
        on_hand_delta: sql`location_days.on_hand_delta + excluded.on_hand_delta`,
        shipped: sql`location_days.shipped + excluded.shipped`,
        received: sql`location_days.received + excluded.received`,
      }),
    )
    .execute();
}

/** Recomputes the rollup from the ledger (bulk loads, audits, the migration that introduced it). */
export async function rebuildLocationDays(db: Executor): Promise<void> {
  await sql`delete from location_days`.execute(db);
  await sql`insert into location_days (item_id, location_id, day, on_hand_delta, shipped, received)
    select item_id, location_id, substr(created_at, 1, 10), sum(on_hand_delta),
      sum(case when kind = 'shipment' then -on_hand_delta else 0 end), sum(case when kind = 'receipt' then on_hand_delta else 0 end)
    from movements where on_hand_delta <> 0 group by item_id, location_id, substr(created_at, 1, 10)`.execute(db);
}
