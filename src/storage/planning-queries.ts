import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type {
  DemandHistoryRow, DemandQuery, ForecastRecord, ItemDailyUnits, ItemDemandDay, ItemDemandWeek, PlanningFact, PlanningFactFilter,
  PlanningRecords, PlanningRun, RunOutcome, RunTrigger,
} from '../app/planning/ports.js';
import type { PlanningSettings } from '../app/planning/planning-settings.js';
import type { DemandClass } from '../domain/forecast/index.js';
import { IN_LIST_CHUNK, readInChunks } from './chunks.js';
import { countedDemand } from './counted-demand.js';
import type { DialectName } from './dialect-name.js';
import type { Database } from './schema.js';

type Executor = Kysely<Database> | Transaction<Database>;
type Row = Record<string, unknown>;

/** Rows written per INSERT: well inside SQLite's and PostgreSQL's parameter limits. */
const CHUNK = 200;
/** Item ids per query. */
const ID_CHUNK = IN_LIST_CHUNK;

/** The planning port over one Kysely executor; `KyselyUnitOfWork.planning` hands it out. */
export class PlanningQueries implements PlanningRecords {
  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
    private readonly now: string,
  ) {}

  async demandDays(query: DemandQuery): Promise<ItemDemandDay[]> {
    if (query.itemIds.length > ID_CHUNK) return inChunks(query, (chunk) => this.demandDays(chunk));
    if (query.itemIds.length === 0) return [];
    const days = new Map<string, { itemId: number; day: string; allocated: number; backordered: number; lost: number; imported: number; subscriptions: number }>();
    const entry = (itemId: number, day: string) => {
      const key = `${itemId}|${day}`;
      let found = days.get(key);
      if (!found) {
        found = { itemId, day, allocated: 0, backordered: 0, lost: 0, imported: 0, subscriptions: 0 };
        days.set(key, found);
      }
      return found;
    };
    const ids = idList(query.itemIds);
    if (query.locationId === undefined) {
      // Rejected orders keep their lines, fully cancelled: every unit ever asked for is in order_lines
      // (once: a rejection placed again under its externalId counts as its latest attempt).
      const orders = await this.rows(sql`
        select item_id, substr(placed_at, 1, 10) as day, cast(sum(placed_allocated) as bigint) as allocated,
          cast(sum(placed_backordered) as bigint) as backordered,
          cast(sum(quantity - placed_allocated - placed_backordered) as bigint) as lost
        from order_lines where item_id in (${ids}) and placed_at >= ${query.from} and placed_at < ${query.until} and ${countedDemand('order_id')}
        group by item_id, substr(placed_at, 1, 10)`);
      for (const row of orders) {
        const day = entry(Number(row['item_id']), String(row['day']));
        day.allocated += Number(row['allocated']);
        day.backordered += Number(row['backordered']);
        day.lost += Number(row['lost']);
      }
      if (await this.hasTable('subscriptions')) {
        const requests = await this.rows(sql`
          select item_id, substr(created_at, 1, 10) as day, cast(count(*) as bigint) as requests
          from subscriptions where item_id in (${ids}) and created_at >= ${query.from} and created_at < ${query.until}
          group by item_id, substr(created_at, 1, 10)`);
        for (const row of requests) entry(Number(row['item_id']), String(row['day'])).subscriptions += Number(row['requests']);
      }
    } else {
      // Only the units allocated at the moment of placing are known to concern one location.
      const placed = await this.rows(sql`
        select m.item_id, substr(l.placed_at, 1, 10) as day, cast(sum(m.allocated_delta) as bigint) as allocated
        from movements m join order_lines l on l.id = m.line_id
        where m.kind = 'allocation' and m.created_at = l.placed_at and m.location_id = ${query.locationId}
          and m.item_id in (${ids}) and l.placed_at >= ${query.from} and l.placed_at < ${query.until}
        group by m.item_id, substr(l.placed_at, 1, 10)`);
      for (const row of placed) entry(Number(row['item_id']), String(row['day'])).allocated += Number(row['allocated']);
    }
    for (const row of await this.importedTotals(query)) entry(Number(row['item_id']), String(row['day'])).imported += Number(row['units']);
    return [...days.values()].sort((a, b) => a.itemId - b.itemId || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  }

  async demandUnits(query: DemandQuery): Promise<ItemDailyUnits[]> {
    if (query.itemIds.length > ID_CHUNK) return inChunks(query, (chunk) => this.demandUnits(chunk));
    if (query.itemIds.length === 0) return [];
    const ids = idList(query.itemIds);
    const orders = await this.rows(sql`
      select item_id, substr(placed_at, 1, 10) as day, cast(sum(quantity) as bigint) as units
      from order_lines where item_id in (${ids}) and placed_at >= ${query.from} and placed_at < ${query.until} and ${countedDemand('order_id')}
      group by item_id, substr(placed_at, 1, 10)`);
    const imported = await this.importedTotals(query);
    return [...orders, ...imported].map((row) => ({ itemId: Number(row['item_id']), day: String(row['day']), units: Number(row['units']) }));
  }

  async demandWeeks(query: DemandQuery): Promise<ItemDemandWeek[]> {
    if (query.itemIds.length > ID_CHUNK) return inChunks(query, (chunk) => this.demandWeeks(chunk));
    if (query.itemIds.length === 0) return [];
    const ids = idList(query.itemIds);
    const orderDay = sql`substr(placed_at, 1, 10)`;
    const orders = await this.rows(sql`
      select item_id, ${this.weeksBack(orderDay, query.until)} as weeks_back, cast(sum(quantity) as bigint) as units, min(${orderDay}) as first_day
      from order_lines where item_id in (${ids}) and placed_at >= ${query.from} and placed_at < ${query.until} and ${countedDemand('order_id')}
      group by item_id, 2`);
    const imported = await this.rows(sql`
      select item_id, ${this.weeksBack(sql.ref('day'), query.until)} as weeks_back, cast(sum(quantity) as bigint) as units, min(day) as first_day
      from demand_history where item_id in (${ids}) and day >= ${query.from} and day < ${query.until}
      group by item_id, 2`);
    return [...orders, ...imported].map((row) => ({
      itemId: Number(row['item_id']),
      weeksBack: Number(row['weeks_back']),
      units: Number(row['units']),
      firstDay: String(row['first_day']),
    }));
  }

  async firstOrderDays(itemIds: readonly number[]): Promise<Map<number, string>> {
    const rows = await readInChunks(itemIds, (chunk) =>
      this.db.selectFrom('order_lines').select(['item_id', (eb) => eb.fn.min<string>('placed_at').as('first')]).where('item_id', 'in', chunk).groupBy('item_id').execute());
    return new Map(rows.map((row) => [row.item_id, String(row.first).slice(0, 10)]));
  }

  async importedHistory(itemIds: readonly number[], from: string, to: string): Promise<DemandHistoryRow[]> {
    const rows = await readInChunks(itemIds, (chunk) =>
      this.db.selectFrom('demand_history').select(['item_id', 'location_id', 'day', 'quantity']).where('item_id', 'in', chunk).where('day', '>=', from).where('day', '<=', to).execute());
    return rows.map((r) => ({ itemId: r.item_id, locationId: r.location_id, day: r.day, quantity: r.quantity }));
  }

  async upsertDemandHistory(rows: readonly DemandHistoryRow[]): Promise<void> {
    const network = rows.filter((r) => r.locationId === null);
    const located = rows.filter((r) => r.locationId !== null);
    const values = (list: readonly DemandHistoryRow[]) =>
      list.map((r) => ({ item_id: r.itemId, location_id: r.locationId, day: r.day, quantity: r.quantity, imported_at: this.now }));
    for (let start = 0; start < network.length; start += CHUNK) {
      await this.db
        .insertInto('demand_history')
        .values(values(network.slice(start, start + CHUNK)))
        .onConflict((oc) => oc.columns(['item_id', 'day']).where('location_id', 'is', null).doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity'), imported_at: eb.ref('excluded.imported_at') })))
        .execute();
    }
    for (let start = 0; start < located.length; start += CHUNK) {
      await this.db
        .insertInto('demand_history')
        .values(values(located.slice(start, start + CHUNK)))
        .onConflict((oc) => oc.columns(['item_id', 'location_id', 'day']).where('location_id', 'is not', null).doUpdateSet((eb) => ({ quantity: eb.ref('excluded.quantity'), imported_at: eb.ref('excluded.imported_at') })))
        .execute();
    }
  }

  async saveForecasts(forecasts: readonly ForecastRecord[]): Promise<void> {
    for (let start = 0; start < forecasts.length; start += CHUNK) {
      const chunk = forecasts.slice(start, start + CHUNK).map((f) => ({
        item_id: f.itemId,
        method: f.method,
        demand_class: f.demandClass,
        adi: f.adi,
        cv2: f.cv2,
        history_start: f.historyStart,
        history_days: f.historyDays,
        start_day: f.startDay,
        horizon_days: f.horizonDays,
        mean: JSON.stringify(f.mean),
        quantiles: JSON.stringify(f.quantiles),
        dispersion: f.dispersion,
        level_uncertainty: f.levelUncertainty,
        backtest_loss: f.backtestLoss,
        scores: JSON.stringify(f.scores),
        protection_days: f.protectionDays,
        lead_time_rmse: f.leadTimeRmse,
        lead_time_origins: f.leadTimeOrigins,
        computed_at: f.computedAt,
      }));
      await this.db
        .insertInto('forecasts')
        .values(chunk)
        .onConflict((oc) =>
          oc.column('item_id').doUpdateSet((eb) => ({
            method: eb.ref('excluded.method'),
            demand_class: eb.ref('excluded.demand_class'),
            adi: eb.ref('excluded.adi'),
            cv2: eb.ref('excluded.cv2'),
            history_start: eb.ref('excluded.history_start'),
            history_days: eb.ref('excluded.history_days'),
            start_day: eb.ref('excluded.start_day'),
            horizon_days: eb.ref('excluded.horizon_days'),
            mean: eb.ref('excluded.mean'),
            quantiles: eb.ref('excluded.quantiles'),
            dispersion: eb.ref('excluded.dispersion'),
            level_uncertainty: eb.ref('excluded.level_uncertainty'),
            backtest_loss: eb.ref('excluded.backtest_loss'),
            scores: eb.ref('excluded.scores'),
            protection_days: eb.ref('excluded.protection_days'),
            lead_time_rmse: eb.ref('excluded.lead_time_rmse'),
            lead_time_origins: eb.ref('excluded.lead_time_origins'),
            computed_at: eb.ref('excluded.computed_at'),
          })),
        )
        .execute();
    }
  }

  async forecastsOf(itemIds: readonly number[]): Promise<ForecastRecord[]> {
    // The whole catalogue at once when planning it.
    const rows = await readInChunks(itemIds, (chunk) => this.db.selectFrom('forecasts').selectAll().where('item_id', 'in', chunk).execute());
    rows.sort((a, b) => a.item_id - b.item_id);
    return rows.map((r) => ({
      itemId: r.item_id,
      method: r.method,
      demandClass: r.demand_class as DemandClass,
      adi: r.adi === null ? null : Number(r.adi),
      cv2: Number(r.cv2),
      historyStart: r.history_start,
      historyDays: r.history_days,
      startDay: r.start_day,
      horizonDays: r.horizon_days,
      mean: JSON.parse(r.mean) as number[],
      quantiles: JSON.parse(r.quantiles) as { level: number; values: number[] }[],
      dispersion: Number(r.dispersion),
      levelUncertainty: Number(r.level_uncertainty),
      backtestLoss: Number(r.backtest_loss),
      scores: JSON.parse(r.scores) as { method: string; loss: number }[],
      protectionDays: r.protection_days,
      leadTimeRmse: r.lead_time_rmse === null ? null : Number(r.lead_time_rmse),
      leadTimeOrigins: r.lead_time_origins,
      computedAt: r.computed_at,
    }));
  }

  async planningFacts(filter: PlanningFactFilter): Promise<PlanningFact[]> {
    const ids = filter.itemIds;
    if (ids !== undefined && ids.length > ID_CHUNK) {
      const facts: PlanningFact[] = [];
      for (let start = 0; start < ids.length; start += ID_CHUNK) facts.push(...(await this.planningFacts({ ...filter, itemIds: ids.slice(start, start + ID_CHUNK) })));
      return facts;
    }
    if (ids !== undefined && ids.length === 0) return [];
    const only = (column: string) => (filter.itemIds === undefined ? sql`` : sql`and ${sql.ref(column)} in (${idList(filter.itemIds)})`);
    const rows = await this.rows(sql`
      select i.id, i.sku, i.name, i.unit_cost, i.lead_time_days, i.backordered, i.discontinued, i.created_at,
        coalesce(st.on_hand, 0) as on_hand, coalesce(st.allocated, 0) as allocated,
        coalesce(po.incoming, 0) as incoming, coalesce(po.drafted, 0) as drafted,
        link.supplier_id, s.code as supplier_code, link.moq, link.pack_size, link.unit_cost as link_cost,
        link.lead_time_days as link_lead_time, s.lead_time_days as supplier_lead_time
      from items i
      left join (
        select sl.item_id, cast(sum(sl.on_hand) as bigint) as on_hand, cast(sum(sl.allocated) as bigint) as allocated
        from stock_levels sl join locations l on l.id = sl.location_id
        where l.active = 1 ${only('sl.item_id')} group by sl.item_id
      ) st on st.item_id = i.id
      left join (
        select pl.item_id,
          cast(sum(case when p.status in ('ordered', 'partially_received') and pl.quantity > pl.received + pl.cancelled
            then pl.quantity - pl.received - pl.cancelled else 0 end) as bigint) as incoming,
          cast(sum(case when p.status = 'draft' then pl.quantity else 0 end) as bigint) as drafted
        from po_lines pl join purchase_orders p on p.id = pl.po_id
        where p.status in ('draft', 'ordered', 'partially_received') ${only('pl.item_id')} group by pl.item_id
      ) po on po.item_id = i.id
      left join item_suppliers link on link.item_id = i.id and link.preferred = 1
      left join suppliers s on s.id = link.supplier_id
      where 1 = 1 ${only('i.id')} ${filter.activeOnly ? sql`and i.discontinued = 0` : sql``}
      order by i.id`);
    return rows.map((r) => {
      const supplierId = r['supplier_id'] === null || r['supplier_id'] === undefined ? null : Number(r['supplier_id']);
      const leadTime = r['link_lead_time'] ?? r['supplier_lead_time'] ?? r['lead_time_days'];
      return {
        itemId: Number(r['id']),
        sku: String(r['sku']),
        name: String(r['name']),
        unitCost: Number(r['unit_cost']),
        discontinued: Number(r['discontinued']) === 1,
        createdDay: String(r['created_at']).slice(0, 10),
        onHand: Number(r['on_hand']),
        allocated: Number(r['allocated']),
        incoming: Number(r['incoming']),
        backordered: Number(r['backordered']),
        drafted: Number(r['drafted']),
        leadTimeDays: Number(leadTime),
        supplier: supplierId === null
          ? null
          : { id: supplierId, code: String(r['supplier_code']), moq: Number(r['moq']), packSize: Number(r['pack_size']), unitCost: Number(r['link_cost']) },
      };
    });
  }

  async claimRun(trigger: RunTrigger, day: string, staleBefore?: string, settings?: PlanningSettings): Promise<number | null> {
    const settingsJson = settings === undefined ? null : JSON.stringify(settings);
    const row = await this.db
      .insertInto('planning_runs')
      .values({ trigger, run_day: day, status: 'running', error: null, started_at: this.now, finished_at: null, settings: settingsJson })
      .onConflict((oc) => oc.doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row !== undefined || trigger !== 'nightly' || staleBefore === undefined) return row?.id ?? null;
    // One UPDATE, so of two processes taking over the same run only one gets its id back.
    const taken = await this.db
      .updateTable('planning_runs')
      .set({ status: 'running', started_at: this.now, finished_at: null, error: null, items: 0, suggestions: 0, settings: settingsJson })
      .where('trigger', '=', 'nightly')
      .where('run_day', '=', day)
      .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'running'), eb('started_at', '<', staleBefore)])]))
      .returning('id')
      .executeTakeFirst();
    return taken?.id ?? null;
  }

  async finishRun(id: number, outcome: RunOutcome): Promise<void> {
    await this.db
      .updateTable('planning_runs')
      .set({ status: outcome.status, items: outcome.items, suggestions: outcome.suggestions, error: outcome.error, finished_at: this.now })
      .where('id', '=', id)
      .execute();
  }

  async latestRuns(limit: number, beforeId?: number): Promise<PlanningRun[]> {
    let query = this.db.selectFrom('planning_runs').selectAll();
    if (beforeId !== undefined) query = query.where('id', '<', beforeId);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      trigger: r.trigger as RunTrigger,
      day: r.run_day,
      status: r.status as PlanningRun['status'],
      items: r.items,
      suggestions: r.suggestions,
      error: r.error,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      settings: r.settings === null ? null : (JSON.parse(r.settings) as PlanningSettings),
    }));
  }

  private async importedTotals(query: DemandQuery): Promise<Row[]> {
    const location = query.locationId === undefined ? sql`` : sql`and location_id = ${query.locationId}`;
    return this.rows(sql`
      select item_id, day, cast(sum(quantity) as bigint) as units from demand_history
      where item_id in (${idList(query.itemIds)}) and day >= ${query.from} and day < ${query.until} ${location}
      group by item_id, day`);
  }

  /** Whole weeks from `day` (a YYYY-MM-DD expression) back from `until`: 0 for the seven days before it. */
  private weeksBack(day: RawBuilder<unknown> | ReturnType<typeof sql.ref>, until: string): RawBuilder<unknown> {
    return this.dialect === 'postgres'
      ? sql`((cast(${until} as date) - cast(${day} as date)) - 1) / 7`
      : sql`(cast(julianday(${until}) - julianday(${day}) as integer) - 1) / 7`;
  }

  /** Back-in-stock subscriptions come with customer communication (migration 0004); without it there is no such signal. */
  private async hasTable(name: string): Promise<boolean> {
    const found = this.dialect === 'postgres'
      ? await sql<Row>`select to_regclass(${name}) as found`.execute(this.db)
      : await sql<Row>`select name as found from sqlite_master where type = 'table' and name = ${name}`.execute(this.db);
    const value = found.rows[0]?.['found'];
    return value !== undefined && value !== null;
  }

  private async rows(statement: RawBuilder<unknown>): Promise<Row[]> {
    return (await (statement as RawBuilder<Row>).execute(this.db)).rows;
  }
}

/** A list of item ids as SQL parameters (the callers pass bounded chunks). */
function idList(ids: readonly number[]): RawBuilder<unknown> {
  return sql.join(ids.map((id) => sql`${id}`));
}

async function inChunks<T>(query: DemandQuery, read: (chunk: DemandQuery) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let start = 0; start < query.itemIds.length; start += ID_CHUNK) out.push(...(await read({ ...query, itemIds: query.itemIds.slice(start, start + ID_CHUNK) })));
  return out;
}
