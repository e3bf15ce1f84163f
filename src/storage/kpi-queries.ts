import { sql, type Kysely, type Transaction } from 'kysely';
import { daysBetween } from '../domain/dates.js';
import type { DailyBalances, ItemFacts, KpiFacts, LocationFacts } from '../domain/kpi/kpi-facts.js';
import { itemScope, type ItemScope } from './kpi-item-scope.js';
import { FILLED_SQL, readFilledLines, readPromisedLines, RETURNED_SQL } from './kpi-queue-queries.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export interface KpiQuery {
  /** Start of the period, midnight UTC. */
  readonly from: string;
  /** End of the period (exclusive), midnight UTC. */
  readonly until: string;
  /** The instant "still waiting" is judged at: min(until, now). */
  readonly asOf: string;
  readonly skus?: readonly string[] | undefined;
}

type Row = Record<string, unknown>;

/**
 * Reads a period's KPI facts from the daily per-item totals (item_days), the stockout stretches
 * recorded when available units crossed zero, and the few raw rows that need their own times
 * (waiting backorders, fills, promises), so a year with a million ledger movements is summarised
 * without reading those movements.
 */
export async function readKpiFacts(db: Executor, query: KpiQuery): Promise<KpiFacts> {
  const { from, until, asOf } = query;
  const fromDay = from.slice(0, 10);
  const untilDay = until.slice(0, 10);
  let itemQuery = db.selectFrom('items').select(['id', 'sku', 'name', 'unit_price', 'unit_cost', 'created_at']).where('created_at', '<', until).orderBy('sku');
  if (query.skus && query.skus.length > 0) itemQuery = itemQuery.where('sku', 'in', [...query.skus]);
  const items = await itemQuery.execute();
  const ids = new Set(items.map((i) => i.id));
  // Filtered by sku, every statement reads only those items' rows (a one-item report of a
  // 50,000-item catalogue reads one item's history, not the catalogue's); the filter in JavaScript
  // then leaves out items created after the period.
  const scope = itemScope(query.skus && query.skus.length > 0 ? [...ids] : null);
  const rows = async (statement: ReturnType<typeof sql<Row>>) => (await statement.execute(db)).rows.filter((r) => ids.has(Number(r['item_id'])));

  // Revenue sums are taken as decimals (× 1.0): SQLite's sum() of integers fails past 64 bits, and
  // a period's revenue at the largest prices and quantities can get there.
  const totals = byItem(await rows(sql<Row>`
    select item_id, sum(requested) as requested, sum(revenue * 1.0) as revenue, sum(placed_allocated) as allocated,
      sum(placed_backordered) as backordered, sum(lines) as lines, sum(full_lines) as full_lines,
      sum(lost) as lost, sum(lost_revenue * 1.0) as lost_revenue, sum(shipped) as shipped, ${onHandChanges(fromDay)}
    from item_days where day >= ${fromDay} and day < ${untilDay} ${scope('item_id')} group by item_id`));
  const later = byItem(await rows(sql<Row>`
    select item_id, sum(on_hand_delta) as on_hand_delta from item_days where day >= ${untilDay} ${scope('item_id')} group by item_id`));
  const onHandNow = byItem(await rows(sql<Row>`select item_id, sum(on_hand) as on_hand from stock_levels where 1 = 1 ${scope('item_id')} group by item_id`));
  const stockouts = byItem(await rows(sql<Row>`
    select item_id, started_at, ended_at, initial from stockouts
    where started_at < ${until} and (ended_at is null or ended_at > ${from}) ${scope('item_id')} order by item_id, started_at`));
  const waiting = byItem((await waitingAt(db, until, asOf, scope)).filter((r) => ids.has(Number(r['item_id']))));
  const filled = await readFilledLines(db, from, until, scope);
  // Promises due in the period whose day has ended by the as-of instant.
  const promised = await readPromisedLines(db, fromDay, asOf.slice(0, 10) < untilDay ? asOf.slice(0, 10) : untilDay, scope);
  // Filtered by sku, the orders are those with a line for one of the items.
  const withItems = query.skus && query.skus.length > 0 ? sql`and exists (select 1 from order_lines l where l.order_id = orders.id ${scope('l.item_id')})` : sql``;
  // A rejected order placed again under its externalId counts once, as its latest attempt.
  const orders = (await sql<Row>`
    select count(*) as placed, coalesce(sum(placed_full), 0) as full_orders
    from orders where placed_at >= ${from} and placed_at < ${until} and superseded_by is null ${withItems}`.execute(db)).rows[0] ?? {};
  const seriesQuery = sql<Row>`
    select day, sum(requested) as requested, sum(placed_allocated) as allocated, sum(lost) as lost, sum(lost_revenue * 1.0) as lost_revenue
    from item_days where day >= ${fromDay} and day < ${untilDay} ${scope('item_id')} group by day order by day`;
  const suppliers = byItem(await rows(sql<Row>`
    select link.item_id, s.code from item_suppliers link join suppliers s on s.id = link.supplier_id where link.preferred = 1 ${scope('link.item_id')}`));
  const daily = ids.size === 0 ? [] : (await seriesQuery.execute(db)).rows;

  const dailyByDay = new Map(daily.map((d) => [String(d['day']), d]));
  const first = (map: Map<number, Row[]>, id: number) => map.get(id)?.[0] ?? {};
  // Ages in calendar days, as the backorder queue shows them: placed on the period's last day
  // (or today) is 0 days old. The as-of instant ends the period, so its day is the one just before.
  const asOfDay = new Date(Date.parse(asOf) - 1).toISOString().slice(0, 10);
  const facts: ItemFacts[] = items.map((item) => {
    const t = first(totals, item.id);
    const onHandAtEnd = num(first(onHandNow, item.id)['on_hand']) - num(first(later, item.id)['on_hand_delta']);
    const since = item.created_at > from ? item.created_at : from;
    return {
      sku: item.sku,
      name: item.name,
      supplier: suppliers.has(item.id) ? String(first(suppliers, item.id)['code']) : null,
      unitPrice: item.unit_price,
      unitCost: item.unit_cost,
      since,
      unitsRequested: num(t['requested']),
      revenueRequested: num(t['revenue']),
      unitsAllocatedAtPlacement: num(t['allocated']),
      unitsBackorderedAtPlacement: num(t['backordered']),
      lines: num(t['lines']),
      linesFullyAllocated: num(t['full_lines']),
      lostUnits: num(t['lost']),
      lostRevenue: num(t['lost_revenue']),
      stockouts: (stockouts.get(item.id) ?? []).map((o) => ({
        start: String(o['started_at']),
        end: o['ended_at'] === null ? null : String(o['ended_at']),
        initial: num(o['initial']) === 1,
      })),
      waitingByAgeDays: (waiting.get(item.id) ?? []).map((w) => ({
        ageDays: Math.max(0, daysBetween(String(w['placed_at']).slice(0, 10), asOfDay)),
        units: num(w['backordered']),
      })),
      filledLines: filled.get(item.id) ?? [],
      promisedLines: promised.get(item.id) ?? [],
      unitsShipped: num(t['shipped']),
      onHandAtEnd,
      dailyOnHand: dailyBalances(onHandAtEnd, fromDay, since.slice(0, 10), asOfDay, t),
    };
  });
  return {
    from,
    until,
    asOf,
    items: facts,
    locations: await readLocationFacts(db, query, new Map(items.map((i) => [i.id, i.unit_cost])), scope),
    orders: { placed: num(orders['placed']), fullyAllocated: num(orders['full_orders']) },
    series: everyDay(fromDay, untilDay).map((day) => {
      const d = dailyByDay.get(day) ?? {};
      return { bucket: day, requested: num(d['requested']), allocatedAtPlacement: num(d['allocated']), lost: num(d['lost']), lostRevenue: num(d['lost_revenue']) };
    }),
  };
}

/**
 * Each location's side of the period, from the per-location daily rollup, the current stock
 * levels and the recorded per-location stockouts. `unitCosts` holds the items in scope.
 */
async function readLocationFacts(db: Executor, query: KpiQuery, unitCosts: ReadonlyMap<number, number>, scope: ItemScope): Promise<LocationFacts[]> {
  const { from, until, asOf } = query;
  const fromDay = from.slice(0, 10);
  const untilDay = until.slice(0, 10);
  const asOfDay = new Date(Date.parse(asOf) - 1).toISOString().slice(0, 10);
  const inScope = (r: Row) => unitCosts.has(Number(r['item_id']));
  const locations = await db.selectFrom('locations').select(['id', 'code', 'name', 'active']).orderBy('priority').orderBy('code').execute();
  const levels = (await sql<Row>`
    select item_id, location_id, on_hand, created_at from stock_levels where (created_at is null or created_at < ${until}) ${scope('item_id')}`.execute(db)).rows.filter(inScope);
  const inPeriod = byLevel((await sql<Row>`
    select item_id, location_id, sum(shipped) as shipped, sum(received) as received, ${onHandChanges(fromDay)}
    from location_days where day >= ${fromDay} and day < ${untilDay} ${scope('item_id')} group by item_id, location_id`.execute(db)).rows.filter(inScope));
  const later = byLevel((await sql<Row>`
    select item_id, location_id, sum(on_hand_delta) as on_hand_delta
    from location_days where day >= ${untilDay} ${scope('item_id')} group by item_id, location_id`.execute(db)).rows.filter(inScope));
  const stockouts = byLevel((await sql<Row>`
    select item_id, location_id, started_at, ended_at, initial from location_stockouts
    where started_at < ${until} and (ended_at is null or ended_at > ${from}) ${scope('item_id')} order by started_at`.execute(db)).rows.filter(inScope));
  const levelsAt = groupBy(levels, (level) => num(level['location_id']));
  return locations.map((location) => {
    const own = levelsAt.get(location.id) ?? [];
    let unitsShipped = 0;
    let costShipped = 0;
    let unitsReceived = 0;
    let onHandAtEnd = 0;
    const held = own.map((level) => {
      const key = `${num(level['item_id'])}|${location.id}`;
      const cost = unitCosts.get(num(level['item_id'])) ?? 0;
      const period = inPeriod.get(key)?.[0] ?? {};
      const end = num(level['on_hand']) - num(later.get(key)?.[0]?.['on_hand_delta']);
      const since = level['created_at'] === null || String(level['created_at']) < from ? from : String(level['created_at']);
      unitsShipped += num(period['shipped']);
      costShipped += num(period['shipped']) * cost;
      unitsReceived += num(period['received']);
      onHandAtEnd += end;
      return {
        since,
        stockouts: (stockouts.get(key) ?? []).map((o) => ({ start: String(o['started_at']), end: o['ended_at'] === null ? null : String(o['ended_at']), initial: num(o['initial']) === 1 })),
        unitCost: cost,
        dailyOnHand: dailyBalances(end, fromDay, since.slice(0, 10), asOfDay, period),
      };
    });
    return { code: location.code, name: location.name, active: location.active === 1, levels: held, unitsShipped, costShipped, unitsReceived, onHandAtEnd };
  });
}

/**
 * The units of lines placed before `until` that were waiting at `asOf`: today's waiting units, plus
 * those filled or cancelled since, minus those a stock count returned to the queue since (the
 * ledger dates fills and returns; backorder_cancellations dates cancellations).
 */
async function waitingAt(db: Executor, until: string, asOf: string, scope: ItemScope): Promise<Row[]> {
  const now = (await sql<Row>`select id, item_id, placed_at, backordered from order_lines where backordered > 0 and placed_at < ${until} ${scope('item_id')}`.execute(db)).rows;
  const since = (await sql<Row>`
    select l.id, l.item_id, l.placed_at, m.allocated_delta as units from movements m join order_lines l on l.id = m.line_id
    where m.reason = ${FILLED_SQL} and m.created_at >= ${asOf} and l.placed_at < ${until} ${scope('l.item_id')}
    union all
    select l.id, l.item_id, l.placed_at, m.allocated_delta as units from movements m join order_lines l on l.id = m.line_id
    where m.reason = ${RETURNED_SQL} and m.created_at >= ${asOf} and l.placed_at < ${until} ${scope('l.item_id')}
    union all
    select l.id, l.item_id, l.placed_at, c.quantity as units from backorder_cancellations c join order_lines l on l.id = c.line_id
    where c.created_at >= ${asOf} and l.placed_at < ${until} ${scope('l.item_id')}`.execute(db)).rows;
  const lines = new Map<number, { item_id: number; placed_at: string; backordered: number }>();
  const add = (row: Row, units: number) => {
    const id = Number(row['id']);
    const line = lines.get(id) ?? { item_id: Number(row['item_id']), placed_at: String(row['placed_at']), backordered: 0 };
    line.backordered += units;
    lines.set(id, line);
  };
  for (const row of now) add(row, num(row['backordered']));
  for (const row of since) add(row, num(row['units']));
  return [...lines.values()].filter((line) => line.backordered > 0);
}

/**
 * The days since 1970-01-01 of a `day` column written YYYY-MM-DD, in integer arithmetic both
 * dialects share (the civil-from-days inverse; valid for years 1 and after).
 */
export function dayNumber(): ReturnType<typeof sql> {
  const month = sql`cast(substr(day, 6, 2) as integer)`;
  const year = sql`(cast(substr(day, 1, 4) as integer) - case when ${month} <= 2 then 1 else 0 end)`;
  const yearOfEra = sql`(${year} - ${year} / 400 * 400)`;
  const dayOfYear = sql`((153 * (case when ${month} > 2 then ${month} - 3 else ${month} + 9 end) + 2) / 5 + cast(substr(day, 9, 2) as integer) - 1)`;
  return sql`(${year} / 400 * 146097 + ${yearOfEra} * 365 + ${yearOfEra} / 4 - ${yearOfEra} / 100 + ${dayOfYear} - 719468)`;
}

/**
 * A stock's on-hand changes in the period, for dailyBalances: their sum, and their sum weighted by
 * the days from `fromDay` to the change, which is all it needs of each day.
 */
function onHandChanges(fromDay: string): ReturnType<typeof sql> {
  const from = Math.round(Date.parse(`${fromDay}T00:00:00Z`) / 86_400_000);
  return sql`sum(on_hand_delta) as delta, sum(on_hand_delta * (${dayNumber()} - ${sql.lit(from)})) as day_weighted`;
}

/**
 * A stock's daily closing balances from `firstDay` to `lastDay` (both included), from its balance
 * at the end of `lastDay` and its on-hand changes since `fromDay` (onHandChanges): a change on day
 * d is missing from every closing balance before d, so the sum is days × end balance − Σ change ×
 * (days from firstDay to d).
 */
function dailyBalances(endBalance: number, fromDay: string, firstDay: string, lastDay: string, changes: Row): DailyBalances {
  const days = daysBetween(firstDay, lastDay) + 1;
  if (days <= 0) return { days: 0, sum: 0 };
  const missing = num(changes['day_weighted']) - num(changes['delta']) * daysBetween(fromDay, firstDay);
  return { days, sum: days * endBalance - missing };
}

/** Every day from `from` (inclusive) to `until` (exclusive), so charts get a point per day. */
function everyDay(from: string, until: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t < Date.parse(`${until}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Rows grouped by a key, in their order. */
function groupBy<K>(list: readonly Row[], keyOf: (row: Row) => K): Map<K, Row[]> {
  const map = new Map<K, Row[]>();
  for (const row of list) {
    const key = keyOf(row);
    const entries = map.get(key);
    if (entries) entries.push(row);
    else map.set(key, [row]);
  }
  return map;
}

function byItem(list: readonly Row[]): Map<number, Row[]> {
  return groupBy(list, (row) => Number(row['item_id']));
}

/** By stock level: `itemId|locationId`. */
function byLevel(list: readonly Row[]): Map<string, Row[]> {
  return groupBy(list, (row) => `${Number(row['item_id'])}|${Number(row['location_id'])}`);
}

function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
