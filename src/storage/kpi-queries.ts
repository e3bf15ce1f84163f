import { sql, type Kysely, type Transaction } from 'kysely';
import type { ItemFacts, KpiFacts } from '../domain/kpi/kpi-facts.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface KpiQuery {
  readonly from: string;
  readonly until: string;
  /** The instant "still waiting" is judged at: min(until, now). */
  readonly asOf: string;
  readonly skus?: readonly string[] | undefined;
}

type Row = Record<string, unknown>;

/**
 * Reads a period's KPI facts with set-based queries: aggregates per item, and only the instants
 * where an item's available units cross zero (window functions over the ledger), so a year of
 * history with a million movements is summarised in the database, not in JavaScript.
 */
export async function readKpiFacts(db: Executor, query: KpiQuery): Promise<KpiFacts> {
  const { from, until, asOf } = query;
  let itemQuery = db.selectFrom('items').select(['id', 'sku', 'name', 'unit_price', 'unit_cost', 'created_at']).where('created_at', '<', until).orderBy('sku');
  if (query.skus && query.skus.length > 0) itemQuery = itemQuery.where('sku', 'in', [...query.skus]);
  const items = await itemQuery.execute();
  const ids = new Set(items.map((i) => i.id));
  const rows = async (statement: ReturnType<typeof sql<Row>>) => (await statement.execute(db)).rows.filter((r) => ids.has(Number(r['item_id'])));
  const byItem = (list: readonly Row[]) => {
    const map = new Map<number, Row[]>();
    for (const row of list) {
      const id = Number(row['item_id']);
      map.set(id, [...(map.get(id) ?? []), row]);
    }
    return map;
  };

  const demand = byItem(await rows(sql<Row>`
    select item_id, cast(sum(quantity) as integer) as requested, cast(sum(quantity * unit_price) as bigint) as revenue,
      cast(sum(placed_allocated) as integer) as allocated, cast(sum(placed_backordered) as integer) as backordered,
      cast(count(*) as integer) as lines, cast(sum(case when placed_allocated = quantity then 1 else 0 end) as integer) as full_lines
    from order_lines where placed_at >= ${from} and placed_at < ${until} group by item_id`));
  const lost = byItem(await rows(sql<Row>`
    select item_id, cast(sum(quantity) as integer) as units, cast(sum(quantity * unit_price) as bigint) as revenue
    from lost_demand where created_at >= ${from} and created_at < ${until} group by item_id`));
  const startLevels = byItem(await rows(sql<Row>`
    select m.item_id, cast(sum(m.on_hand_delta - m.allocated_delta) as integer) as available
    from movements m join locations l on l.id = m.location_id
    where l.active = 1 and m.created_at < ${from} group by m.item_id`));
  const crossings = byItem(await rows(sql<Row>`
    with changes as (
      select m.item_id, m.created_at as at, sum(m.on_hand_delta - m.allocated_delta) as delta
      from movements m join locations l on l.id = m.location_id
      where l.active = 1 and m.created_at < ${until}
      group by m.item_id, m.created_at
    ), running as (
      select item_id, at, delta, sum(delta) over (partition by item_id order by at rows between unbounded preceding and current row) as after
      from changes
    )
    select item_id, at, cast(after as integer) as available from running
    where at >= ${from} and ((after - delta > 0 and after <= 0) or (after - delta <= 0 and after > 0))
    order by item_id, at`));
  const waiting = byItem(await rows(sql<Row>`
    select item_id, placed_at, backordered from order_lines where backordered > 0 and placed_at < ${until}`));
  const fills = byItem(await rows(sql<Row>`
    select m.item_id, m.created_at, l.placed_at, m.allocated_delta as units
    from movements m join order_lines l on l.id = m.line_id
    where m.kind = 'allocation' and m.reason = 'backorder filled' and m.created_at >= ${from} and m.created_at < ${until}`));
  const promises = byItem(await rows(sql<Row>`
    select l.item_id, l.first_eta, l.backordered,
      (select max(m.created_at) from movements m where m.line_id = l.id and m.kind = 'allocation' and m.reason = 'backorder filled') as last_fill
    from order_lines l where l.first_eta is not null and l.placed_at >= ${from} and l.placed_at < ${until}`));
  const flows = byItem(await rows(sql<Row>`
    select item_id,
      cast(sum(case when created_at < ${from} then on_hand_delta else 0 end) as integer) as on_hand_start,
      cast(sum(on_hand_delta) as integer) as on_hand_end,
      cast(sum(case when kind = 'shipment' and created_at >= ${from} then -on_hand_delta else 0 end) as integer) as shipped
    from movements where created_at < ${until} group by item_id`));
  const orders = (await sql<Row>`
    select cast(count(*) as integer) as placed, cast(coalesce(sum(full_order), 0) as integer) as full_orders from (
      select o.id, min(case when l.placed_allocated = l.quantity then 1 else 0 end) as full_order
      from orders o join order_lines l on l.order_id = o.id
      where o.placed_at >= ${from} and o.placed_at < ${until} group by o.id) per_order`.execute(db)).rows[0] ?? {};
  const daily = (await sql<Row>`
    select substr(placed_at, 1, 10) as day, cast(sum(quantity) as integer) as requested, cast(sum(placed_allocated) as integer) as allocated
    from order_lines where placed_at >= ${from} and placed_at < ${until} group by substr(placed_at, 1, 10)`.execute(db)).rows;
  const dailyLost = (await sql<Row>`
    select substr(created_at, 1, 10) as day, cast(sum(quantity) as integer) as units, cast(sum(quantity * unit_price) as bigint) as revenue
    from lost_demand where created_at >= ${from} and created_at < ${until} group by substr(created_at, 1, 10)`.execute(db)).rows;

  const first = (map: Map<number, Row[]>, id: number) => map.get(id)?.[0] ?? {};
  const asOfMs = Date.parse(asOf);
  const facts: ItemFacts[] = items.map((item) => {
    const d = first(demand, item.id);
    const l = first(lost, item.id);
    const f = first(flows, item.id);
    let kept = 0;
    let broken = 0;
    for (const p of promises.get(item.id) ?? []) {
      const eta = String(p['first_eta']);
      const lastFill = p['last_fill'] === null ? null : String(p['last_fill']).slice(0, 10);
      if (Number(p['backordered']) === 0 && lastFill !== null) {
        if (lastFill <= eta) kept += 1;
        else broken += 1;
      } else if (Number(p['backordered']) > 0 && asOf.slice(0, 10) > eta) {
        broken += 1;
      }
    }
    return {
      sku: item.sku,
      name: item.name,
      unitPrice: item.unit_price,
      unitCost: item.unit_cost,
      since: item.created_at > from ? item.created_at : from,
      unitsRequested: num(d['requested']),
      revenueRequested: num(d['revenue']),
      unitsAllocatedAtPlacement: num(d['allocated']),
      unitsBackorderedAtPlacement: num(d['backordered']),
      lines: num(d['lines']),
      linesFullyAllocated: num(d['full_lines']),
      lostUnits: num(l['units']),
      lostRevenue: num(l['revenue']),
      startAvailable: num(first(startLevels, item.id)['available']),
      availableLevels: (crossings.get(item.id) ?? []).map((c) => ({ at: String(c['at']), available: num(c['available']) })),
      waitingByAgeDays: (waiting.get(item.id) ?? []).map((w) => ({
        ageDays: Math.floor((asOfMs - Date.parse(String(w['placed_at']))) / 86_400_000),
        units: num(w['backordered']),
      })),
      fills: (fills.get(item.id) ?? []).map((x) => ({
        days: (Date.parse(String(x['created_at'])) - Date.parse(String(x['placed_at']))) / 86_400_000,
        units: num(x['units']),
      })),
      promises: { kept, broken },
      unitsShipped: num(f['shipped']),
      onHandAtStart: num(f['on_hand_start']),
      onHandAtEnd: num(f['on_hand_end']),
    };
  });
  const lostByDay = new Map(dailyLost.map((r) => [String(r['day']), r]));
  const days = [...new Set([...daily.map((r) => String(r['day'])), ...lostByDay.keys()])].sort();
  const demandByDay = new Map(daily.map((r) => [String(r['day']), r]));
  return {
    from,
    until,
    items: facts,
    orders: { placed: num(orders['placed']), fullyAllocated: num(orders['full_orders']) },
    series: days.map((day) => ({
      bucket: day,
      requested: num(demandByDay.get(day)?.['requested']),
      allocatedAtPlacement: num(demandByDay.get(day)?.['allocated']),
      lost: num(lostByDay.get(day)?.['units']),
      lostRevenue: num(lostByDay.get(day)?.['revenue']),
    })),
  };
}

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
