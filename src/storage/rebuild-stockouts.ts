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
      select r.item_id, r.at, cast(r.after as integer) as available, i.created_at from running r join items i on i.id = r.item_id
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
