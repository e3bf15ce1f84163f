import { sql, type Kysely, type Transaction } from 'kysely';
import { chunks } from './chunks.js';
import type { NewLine, NewLostDemand, NewMovement } from '../app/ports.js';
import type { Database, ItemDaysTable } from './schema.js';
import type { DialectName } from './dialect-name.js';
import { runCompiled } from './compiled-queries.js';
import { countedDemand } from './counted-demand.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** One item's totals for one day: the item_days row without its key. */
type DayFacts = Omit<ItemDaysTable, 'item_id' | 'day'>;

const EMPTY: DayFacts = { requested: 0, revenue: 0, placed_allocated: 0, placed_backordered: 0, lines: 0, full_lines: 0, lost: 0, lost_revenue: 0, on_hand_delta: 0, shipped: 0 };
const COLUMNS = Object.keys(EMPTY) as (keyof DayFacts)[];

/**
 * Daily per-item totals kept beside the rows they summarise, in the same transaction, so KPIs
 * over a year read a few hundred thousand small rows instead of every ledger movement. The
 * writer already holds the item's lock, so the upsert never contends with another item's.
 */
async function add(db: Executor, dialect: DialectName, facts: Map<string, DayFacts>): Promise<void> {
  if (facts.size === 0) return;
  const rows = [...facts.entries()].map(([key, f]) => {
    const [itemId, day] = key.split('|') as [string, string];
    return { item_id: Number(itemId), day, ...f };
  });
  for (const chunk of chunks(rows, 500)) {
    await runCompiled(db, dialect, 'addItemDays', { rows: chunk }, (v) =>
      db
        .insertInto('item_days')
        .values(v.rows)
        .onConflict((oc) =>
          oc.columns(['item_id', 'day']).doUpdateSet(Object.fromEntries(COLUMNS.map((c) => [c, sql`item_days.${sql.ref(c)} + excluded.${sql.ref(c)}`]))),
        ),
    );
  }
}

function bucket(facts: Map<string, DayFacts>, itemId: number, instant: string): DayFacts {
  const key = `${itemId}|${instant.slice(0, 10)}`;
  let entry = facts.get(key);
  if (!entry) {
    entry = { ...EMPTY };
    facts.set(key, entry);
  }
  return entry;
}

/** Demand facts of the lines of an order placed at `placedAt` (what each line asked for and got at once). */
export async function rollUpLines(db: Executor, dialect: DialectName, lines: readonly NewLine[], placedAt: string): Promise<void> {
  const facts = new Map<string, DayFacts>();
  for (const line of lines) {
    const day = bucket(facts, line.itemId, placedAt);
    day.requested += line.quantity;
    day.revenue += line.quantity * line.unitPrice;
    day.placed_allocated += line.allocated;
    day.placed_backordered += line.backordered;
    day.lines += 1;
    day.full_lines += line.allocated === line.quantity ? 1 : 0;
  }
  await add(db, dialect, facts);
}

/** On-hand changes and shipments of ledger movements written at `now`. */
export async function rollUpMovements(db: Executor, dialect: DialectName, movements: readonly NewMovement[], now: string): Promise<void> {
  const facts = new Map<string, DayFacts>();
  for (const movement of movements) {
    if (movement.onHandDelta === 0) continue;
    const day = bucket(facts, movement.itemId, now);
    day.on_hand_delta += movement.onHandDelta;
    if (movement.kind === 'shipment') day.shipped -= movement.onHandDelta;
  }
  await add(db, dialect, facts);
}

/** Units asked for and not accepted, recorded at `now`. */
export async function rollUpLostDemand(db: Executor, dialect: DialectName, rows: readonly NewLostDemand[], now: string): Promise<void> {
  const facts = new Map<string, DayFacts>();
  for (const row of rows) {
    const day = bucket(facts, row.itemId, now);
    day.lost += row.quantity;
    day.lost_revenue += row.quantity * row.unitPrice;
  }
  await add(db, dialect, facts);
}

/**
 * Takes the demand facts of these orders back out of the days they were counted on: their lines'
 * units, revenue and lines (on the day each was placed) and their lost units (on the day each was
 * recorded). For rejected orders a later attempt at the same customer order superseded, which
 * counts instead; the rows themselves stay. The caller holds the locks of the lines' items.
 */
export async function takeOrdersOut(db: Executor, dialect: DialectName, orderIds: readonly number[]): Promise<void> {
  const facts = new Map<string, DayFacts>();
  for (const chunk of chunks(orderIds, 500)) {
    const { rows } = await sql<{ kind: string; item_id: number; at: string; quantity: number; unit_price: number; placed_allocated: number; placed_backordered: number }>`
      select 'line' as kind, item_id, placed_at as at, quantity, unit_price, placed_allocated, placed_backordered from order_lines where order_id in (${sql.join(chunk)})
      union all
      select 'lost', item_id, created_at, quantity, unit_price, 0, 0 from lost_demand where order_id in (${sql.join(chunk)})`.execute(db);
    for (const row of rows) {
      const day = bucket(facts, row.item_id, row.at);
      const [quantity, unitPrice] = [Number(row.quantity), Number(row.unit_price)];
      if (row.kind === 'lost') {
        day.lost -= quantity;
        day.lost_revenue -= quantity * unitPrice;
        continue;
      }
      day.requested -= quantity;
      day.revenue -= quantity * unitPrice;
      day.placed_allocated -= Number(row.placed_allocated);
      day.placed_backordered -= Number(row.placed_backordered);
      day.lines -= 1;
      day.full_lines -= Number(row.placed_allocated) === quantity ? 1 : 0;
    }
  }
  await add(db, dialect, facts);
}

/** Recomputes every rollup from the base tables (bulk loads, audits), leaving out superseded orders as `takeOrdersOut` does. */
export async function rebuildItemDays(db: Executor): Promise<void> {
  await sql`delete from item_days`.execute(db);
  await sql`insert into item_days (item_id, day, requested, revenue, placed_allocated, placed_backordered, lines, full_lines, lost, lost_revenue, on_hand_delta, shipped)
    select item_id, day, sum(requested), sum(revenue), sum(placed_allocated), sum(placed_backordered), sum(lines), sum(full_lines), sum(lost), sum(lost_revenue), sum(on_hand_delta), sum(shipped)
    from (
      select item_id, substr(placed_at, 1, 10) as day, quantity as requested, quantity * 1.0 * unit_price as revenue, placed_allocated, placed_backordered,
        1 as lines, case when placed_allocated = quantity then 1 else 0 end as full_lines, 0 as lost, 0 as lost_revenue, 0 as on_hand_delta, 0 as shipped
      from order_lines where ${countedDemand('order_id')}
      union all
      select item_id, substr(created_at, 1, 10), 0, 0, 0, 0, 0, 0, quantity, quantity * 1.0 * unit_price, 0, 0 from lost_demand where ${countedDemand('order_id')}
      union all
      select item_id, substr(created_at, 1, 10), 0, 0, 0, 0, 0, 0, 0, 0, on_hand_delta, case when kind = 'shipment' then -on_hand_delta else 0 end
      from movements where on_hand_delta <> 0
    ) facts group by item_id, day`.execute(db);
  await sql`update orders set placed_full = case when not exists (
      select 1 from order_lines l where l.order_id = orders.id and l.placed_allocated <> l.quantity) then 1 else 0 end`.execute(db);
}
