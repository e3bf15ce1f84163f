import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

/**
 * Re-derives the stockout history of every item from the ledger alone: the instants where an
 * item's available units (over active locations) cross zero. Use cases record the same history
 * as they go; this rebuilds it for data loaded in bulk (imports, benchmarks) or to audit it.
 */
export async function rebuildStockouts(db: Kysely<Database>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    await sql`delete from stockouts`.execute(trx);
    const { rows } = await sql<{ item_id: number; at: string; available: number; created_at: string }>`
      with changes as (
        select m.item_id, m.created_at as at, sum(m.on_hand_delta - m.allocated_delta) as delta
        from movements m join locations l on l.id = m.location_id
        where l.active = 1 group by m.item_id, m.created_at
      ), running as (
        select item_id, at, delta, sum(delta) over (partition by item_id order by at rows between unbounded preceding and current row) as after
        from changes
      )
      select r.item_id, r.at, cast(r.after as bigint) as available, i.created_at from running r join items i on i.id = r.item_id
      where (r.after - r.delta > 0 and r.after <= 0) or (r.after - r.delta <= 0 and r.after > 0)
      order by r.item_id, r.at`.execute(trx);
    const items = await trx.selectFrom('items').select(['id', 'created_at']).execute();
    const crossings = new Map<number, { at: string; available: number }[]>();
    for (const row of rows) {
      const list = crossings.get(Number(row.item_id)) ?? [];
      list.push({ at: row.at, available: Number(row.available) });
      crossings.set(Number(row.item_id), list);
    }
    const stretches: { item_id: number; started_at: string; ended_at: string | null; initial: number }[] = [];
    for (const item of items) {
      let open: { started_at: string; initial: number } | null = { started_at: item.created_at, initial: 1 };
      for (const crossing of crossings.get(item.id) ?? []) {
        if (crossing.available > 0 && open) {
          stretches.push({ item_id: item.id, ...open, ended_at: crossing.at });
          open = null;
        } else if (crossing.available <= 0 && !open) {
          open = { started_at: crossing.at, initial: 0 };
        }
      }
      if (open) stretches.push({ item_id: item.id, ...open, ended_at: null });
    }
    for (let start = 0; start < stretches.length; start += 500) {
      await trx.insertInto('stockouts').values(stretches.slice(start, start + 500)).execute();
    }
    return stretches.length;
  });
}

/**
 * Re-derives the stockout history of every stock level from the ledger: the instants where the
 * available units of an item at one location (on hand − allocated there) cross zero. A level that
 * first appears with nothing available starts out of stock (`initial`).
 */
export async function rebuildLocationStockouts(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ item_id: number; location_id: number; at: string; before: number; after: number }>`
    with changes as (
      select item_id, location_id, created_at as at, sum(on_hand_delta - allocated_delta) as delta
      from movements group by item_id, location_id, created_at
    ), running as (
      select item_id, location_id, at, delta,
        sum(delta) over (partition by item_id, location_id order by at rows between unbounded preceding and current row) as after,
        row_number() over (partition by item_id, location_id order by at) as n
      from changes
    )
    select item_id, location_id, at, cast(after - delta as bigint) as before, cast(after as bigint) as after from running
    where n = 1 or (after - delta > 0 and after <= 0) or (after - delta <= 0 and after > 0)
    order by item_id, location_id, at`.execute(db);
  await sql`delete from location_stockouts`.execute(db);
  const stretches: { item_id: number; location_id: number; started_at: string; ended_at: string | null; initial: number }[] = [];
  let open: (typeof stretches)[number] | null = null;
  let level = '';
  for (const row of rows) {
    const key = `${row.item_id}|${row.location_id}`;
    if (key !== level) {
      if (open) stretches.push(open);
      open = null;
      level = key;
      // The level's first movement: it starts out of stock unless that movement made units available.
      if (Number(row.after) <= 0) open = { item_id: Number(row.item_id), location_id: Number(row.location_id), started_at: row.at, ended_at: null, initial: 1 };
      continue;
    }
    if (Number(row.after) > 0 && open) {
      stretches.push({ ...open, ended_at: row.at });
      open = null;
    } else if (Number(row.after) <= 0 && !open) {
      open = { item_id: Number(row.item_id), location_id: Number(row.location_id), started_at: row.at, ended_at: null, initial: 0 };
    }
  }
  if (open) stretches.push(open);
  for (let start = 0; start < stretches.length; start += 500) {
    await db.insertInto('location_stockouts').values(stretches.slice(start, start + 500)).execute();
  }
  return stretches.length;
}
