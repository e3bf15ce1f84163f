import { createHash } from 'node:crypto';
import { sql, type Compilable, type ExpressionBuilder, type Kysely, type QueryResult, type RawBuilder, type Selectable, type Transaction } from 'kysely';
import { DEFAULT_SUBSCRIPTION_POLICY, type SubscriptionPolicy } from '../app/communication/subscription-policy.js';
import type { AllocationAtLocation } from '../domain/clawback.js';
import type { IncomingSupply } from '../domain/eta.js';
import { orderStatus, WAITING_STATUSES } from '../domain/order-status.js';
import type { Item, LocatedStock, Location, OrderStatus, ShortageMode } from '../domain/types.js';
import type {
  ItemFilter, LineChange, LineRecord, Movement, MovementFilter, NewEvent, NewItem, NewLine, NewLostDemand,
  EtaChange, NewMovement, NewOrder, OrderFilter, OrderRecord, QueueRow, StoredEvent, UnitOfWork, WaitingLineRow,
} from '../app/ports.js';
import type { DialectName } from './dialect-name.js';
import type { InvariantViolation } from '../app/check-invariants.js';
import { findInvariantViolations } from './invariant-queries.js';
import { readKpiFacts, type KpiQuery } from './kpi-queries.js';
import { rollUpLines, rollUpLostDemand, rollUpMovements, takeOrdersOut } from './item-day-rollup.js';
import type { KpiFacts } from '../domain/kpi/kpi-facts.js';
import { CommunicationQueries } from './communication-queries.js';
import { PurchasingQueries } from './purchasing-queries.js';
import { PlanningQueries } from './planning-queries.js';
import { rollUpLocationMovements } from './location-day-rollup.js';
import { ApiKeyQueries } from './api-key-queries.js';
import { AuditQueries } from './audit-queries.js';
import type { BackorderFilter, BackorderRow, QueuePage, QueuePlace, StockLevelFilter, StockLevelRow } from '../app/ports.js';
import type { QueueKey } from '../domain/queue.js';
import { toItem, toLocation, toQueueRow } from './rows.js';
import type { Database, OrderLinesTable, OrdersTable } from './schema.js';
import { chunks, IN_LIST_CHUNK, readInChunks } from './chunks.js';
import { runCompiled, type QueryValues } from './compiled-queries.js';

type Executor = Kysely<Database> | Transaction<Database>;

/** The UnitOfWork port over one Kysely executor (a transaction, or the pool for plain reads). */
export class KyselyUnitOfWork implements UnitOfWork {
  /** Savepoints opened so far in this transaction, for unique names. */
  private savepoints = 0;
  /** Orders whose lines' units changed in this transaction, not yet written (see noteOrdersChanged). */
  private changedOrders = new Set<number>();
  /** Orders whose lines changed otherwise (a promise date), to be marked updated with them. */
  private markedOrders = new Set<number>();

  constructor(
    private readonly db: Executor,
    private readonly dialect: DialectName,
    readonly now: string,
    readonly subscriptionPolicy: SubscriptionPolicy = DEFAULT_SUBSCRIPTION_POLICY,
  ) {}

  async savepoint<T>(work: () => Promise<T>): Promise<T> {
    const name = sql.raw(`restock_sp_${++this.savepoints}`);
    await sql`savepoint ${name}`.execute(this.db);
    // What was noted before it stands or falls with the transaction; what is noted inside it, with
    // it. A write of noted orders inside it (a read of one of them) is undone with it, so they are
    // noted again.
    const noted = { changed: new Set(this.changedOrders), marked: new Set(this.markedOrders) };
    try {
      const result = await work();
      await sql`release savepoint ${name}`.execute(this.db);
      return result;
    } catch (error) {
      await sql`rollback to savepoint ${name}`.execute(this.db);
      await sql`release savepoint ${name}`.execute(this.db);
      this.changedOrders = noted.changed;
      this.markedOrders = noted.marked;
      throw error;
    }
  }

  noteOrdersChanged(orderIds: readonly number[], alsoMarked: readonly number[] = []): void {
    for (const id of orderIds) this.changedOrders.add(id);
    for (const id of alsoMarked) this.markedOrders.add(id);
  }

  /**
   * Writes the orders noted since the last write, once: their rows locked in ascending id, then their
   * lines summed into each one's status, then one statement per chunk of rows for status and
   * updated_at. The store calls it just before a transaction commits, and a read of an order noted
   * calls it first, so nothing ever reads a stale status.
   *
   * Once per transaction, because written step by step (a cancellation's own order, then the
   * orders its freed units fill; an import's rows one by one), two transactions holding different
   * item locks and sharing two orders could each hold one the other waits for, a deadlock PostgreSQL
   * breaks by failing one (40P01) after deadlock_timeout, to be retried whole. Locked in one
   * ascending pass, whoever locks the lowest order they share goes first and the other waits.
   * Locked before their lines are summed: another transaction holding other items' locks may be
   * changing other lines of the same orders (a receipt of one item and one of another, both filling
   * an order waiting for each); summed first, each would count the other's line as it was and store
   * a status neither order of events gives; the second to lock now reads the first's lines.
   */
  async writeNotedOrders(): Promise<void> {
    const changed = [...this.changedOrders];
    const marked = [...this.markedOrders];
    if (changed.length === 0 && marked.length === 0) return;
    if (changed.length > 0) await this.lockOrderRows([...changed, ...marked]);
    const refreshed: number[] = [];
    const statuses = new Map<number, OrderStatus>();
    for (const totals of await this.orderUnitTotals(changed)) {
      if (totals.status === 'rejected') continue;
      refreshed.push(totals.orderId);
      const status = orderStatus([totals]);
      if (status !== totals.status) statuses.set(totals.orderId, status);
    }
    await this.markOrdersUpdated([...refreshed, ...marked], statuses);
    // Forgotten once written, not before: a read meanwhile (or a caught failure) still finds them noted.
    for (const id of changed) this.changedOrders.delete(id);
    for (const id of marked) this.markedOrders.delete(id);
  }

  /** Orders as `read` finds them, every one current: one noted and not yet written is written, then read again. */
  private async currentOrders(read: () => Promise<Selectable<OrdersTable>[]>): Promise<OrderRecord[]> {
    let rows = await read();
    if (rows.some((o) => this.changedOrders.has(o.id) || this.markedOrders.has(o.id))) {
      await this.writeNotedOrders();
      rows = await read();
    }
    return this.withLines(rows);
  }

  /** Runs a query of a hot path compiled once per shape (see runCompiled); `name` is its call site. */
  private compiled<R, V extends QueryValues>(name: string, values: V, build: (placeholders: V) => Compilable<R> | RawBuilder<R>): Promise<QueryResult<R>> {
    return runCompiled(this.db, this.dialect, name, values, build);
  }

  async insertItem(item: NewItem): Promise<Item> {
    const row = await this.db
      .insertInto('items')
      .values({ ...itemColumns(item), created_at: this.now, updated_at: this.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    // A new item has nothing available yet: that stretch is measured, but not counted as a stockout.
    await this.recordStockout(row.id, true, true);
    return toItem(row);
  }

  async updateItem(id: number, patch: Partial<NewItem>): Promise<void> {
    await this.db.updateTable('items').set({ ...itemColumns(patch), updated_at: this.now }).where('id', '=', id).execute();
  }

  async findItems(skus: readonly string[]): Promise<Item[]> {
    // Imports look up every sku of a file at once.
    return (await readInChunks(skus, (chunk) => this.db.selectFrom('items').selectAll().where('sku', 'in', chunk).execute())).map(toItem);
  }

  async listItems(filter: ItemFilter): Promise<Item[]> {
    let query = this.db.selectFrom('items').selectAll().orderBy('sku').limit(filter.limit);
    if (filter.afterSku !== undefined) query = query.where('sku', '>', filter.afterSku);
    if (filter.search) {
      const pattern = `%${filter.search.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) =>
        eb.or([
          eb(sql`lower(sku)`, 'like', sql`${pattern} escape '\\'`),
          eb(sql`lower(name)`, 'like', sql`${pattern} escape '\\'`),
        ]),
      );
    }
    return (await query.execute()).map(toItem);
  }

  async lockItems(ids: readonly number[]): Promise<Item[]> {
    if (ids.length === 0) return [];
    // An import may lock the whole catalogue: in ascending runs, so locks are still taken in id
    // order, and no statement binds more parameters than the driver allows (SQLite: 32,766).
    if (ids.length > IN_LIST_CHUNK) return readInChunks(ascendingIds(ids), (chunk) => this.lockItems(chunk));
    const { rows } = await this.compiled('lockItems', { ids: [...ids] }, (v) => {
      const query = this.db.selectFrom('items').selectAll().where('id', 'in', v.ids).orderBy('id');
      // NO KEY UPDATE, not UPDATE: item locks exclude each other all the same, but no longer block
      // the key-share lock every row referencing an item takes (a draft PO's lines, say).
      return this.dialect === 'postgres' ? query.forNoKeyUpdate() : query;
    });
    return rows.map(toItem);
  }

  async lockItemsBySku(skus: readonly string[], alsoItemIds: readonly number[] = []): Promise<Item[]> {
    if (skus.length === 0) return this.lockItems(alsoItemIds);
    if (alsoItemIds.length > 0) {
      // One statement for both, so every row is locked in the one ascending pass.
      const { rows } = await this.compiled('lockItemsBySkuOrId', { skus: [...skus], ids: [...alsoItemIds] }, (v) => {
        const query = this.db.selectFrom('items').selectAll().where((eb) => eb.or([eb('sku', 'in', v.skus), eb('id', 'in', v.ids)])).orderBy('id');
        return this.dialect === 'postgres' ? query.forNoKeyUpdate() : query;
      });
      return rows.map(toItem);
    }
    const { rows } = await this.compiled('lockItemsBySku', { skus: [...skus] }, (v) => {
      const query = this.db.selectFrom('items').selectAll().where('sku', 'in', v.skus).orderBy('id');
      return this.dialect === 'postgres' ? query.forNoKeyUpdate() : query;
    });
    return rows.map(toItem);
  }

  async lockExternalIds(externalIds: readonly string[]): Promise<void> {
    // SQLite's writers take turns on the whole file already.
    if (this.dialect !== 'postgres' || externalIds.length === 0) return;
    // Ascending keys, so two batches sharing two external ids take them in the same order. The rows
    // of unnest come in array order, and each is locked as it comes.
    const keys = [...new Set(externalIds.map(externalIdLockKey))].sort((a, b) => a - b);
    await sql`select pg_advisory_xact_lock(${EXTERNAL_ID_LOCKS}, k) from unnest(cast(${keys} as integer[])) as t(k)`.execute(this.db);
  }

  async lockLocationCreation(): Promise<void> {
    if (this.dialect === 'postgres') await sql`select pg_advisory_xact_lock(${LOCATION_CREATION_LOCK}, 0)`.execute(this.db);
  }

  async changeItemBackordered(itemId: number, delta: number): Promise<void> {
    if (delta === 0) return;
    await this.compiled('changeItemBackordered', { itemId, delta }, (v) =>
      this.db.updateTable('items').set({ backordered: sql`backordered + ${v.delta}` }).where('id', '=', v.itemId),
    );
  }

  async insertLocation(location: Omit<Location, 'id'>): Promise<Location> {
    const row = await this.db
      .insertInto('locations')
      .values({ code: location.code, name: location.name, priority: location.priority, active: location.active ? 1 : 0, created_at: this.now })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toLocation(row);
  }

  async updateLocation(id: number, patch: Partial<Omit<Location, 'id' | 'code'>>): Promise<void> {
    const set: Record<string, unknown> = {};
    if (patch.name !== undefined) set['name'] = patch.name;
    if (patch.priority !== undefined) set['priority'] = patch.priority;
    if (patch.active !== undefined) set['active'] = patch.active ? 1 : 0;
    if (Object.keys(set).length > 0) await this.db.updateTable('locations').set(set).where('id', '=', id).execute();
  }

  async findLocations(codes: readonly string[]): Promise<Location[]> {
    return (await readInChunks(codes, (chunk) => this.db.selectFrom('locations').selectAll().where('code', 'in', chunk).execute())).map(toLocation);
  }

  async lockLocations(codes: readonly string[], purpose: 'stock' | 'settings'): Promise<Location[]> {
    if (codes.length === 0) return [];
    let query = this.db.selectFrom('locations').selectAll().where('code', 'in', [...codes]).orderBy('id');
    // FOR SHARE beside FOR NO KEY UPDATE: both leave alone the key-share locks of foreign-key checks.
    if (this.dialect === 'postgres') query = purpose === 'stock' ? query.forShare() : query.forNoKeyUpdate();
    return (await query.execute()).map(toLocation);
  }

  async listLocations(): Promise<Location[]> {
    return (await this.db.selectFrom('locations').selectAll().orderBy('priority').orderBy('id').execute()).map(toLocation);
  }

  async stockedItemsAt(locationId: number): Promise<number[]> {
    const rows = await this.db.selectFrom('stock_levels').select('item_id').where('location_id', '=', locationId).execute();
    return rows.map((r) => r.item_id);
  }

  async stocksOf(itemIds: readonly number[]): Promise<LocatedStock[]> {
    if (itemIds.length === 0) return [];
    // In ascending runs: the rows come in item order, as from one statement.
    if (itemIds.length > IN_LIST_CHUNK) return readInChunks(ascendingIds(itemIds), (chunk) => this.stocksOf(chunk));
    const { rows } = await this.compiled('stocksOf', { ids: [...itemIds] }, (v) =>
      this.db
        .selectFrom('stock_levels as s')
        .innerJoin('locations as l', 'l.id', 's.location_id')
        .select(['s.item_id', 's.location_id', 's.on_hand', 's.allocated', 'l.code', 'l.priority', 'l.active'])
        .where('s.item_id', 'in', v.ids)
        .orderBy('s.item_id')
        .orderBy('l.priority')
        .orderBy('s.location_id'),
    );
    return rows.map((r) => ({
      itemId: r.item_id,
      locationId: r.location_id,
      onHand: r.on_hand,
      allocated: r.allocated,
      locationCode: r.code,
      locationPriority: r.priority,
      locationActive: r.active === 1,
    }));
  }

  async changeStock(itemId: number, locationId: number, onHandDelta: number, allocatedDelta: number): Promise<void> {
    if (onHandDelta === 0 && allocatedDelta === 0) return;
    // One UPDATE with relative deltas (never a value computed in JavaScript); the row is created
    // only the first time stock arrives there. The table's CHECKs refuse any overdraw.
    const updated = await this.compiled('changeStock', { itemId, locationId, onHandDelta, allocatedDelta }, (v) =>
      this.db
        .updateTable('stock_levels')
        .set({ on_hand: sql`on_hand + ${v.onHandDelta}`, allocated: sql`allocated + ${v.allocatedDelta}` })
        .where('item_id', '=', v.itemId)
        .where('location_id', '=', v.locationId),
    );
    if (Number(updated.numAffectedRows ?? 0) > 0) return;
    await this.db
      .insertInto('stock_levels')
      .values({ item_id: itemId, location_id: locationId, on_hand: onHandDelta, allocated: allocatedDelta, created_at: this.now })
      .execute();
  }

  async allocateStock(takes: readonly { itemId: number; locationId: number; quantity: number }[]): Promise<void> {
    // One row per stock level: an UPDATE … FROM joining a level twice would apply only one of them.
    const perLevel = new Map<string, { item_id: number; location_id: number; quantity: number }>();
    for (const take of takes) {
      const key = `${take.itemId}|${take.locationId}`;
      const level = perLevel.get(key) ?? { item_id: take.itemId, location_id: take.locationId, quantity: 0 };
      level.quantity += take.quantity;
      perLevel.set(key, level);
    }
    for (const chunk of chunks([...perLevel.values()].filter((l) => l.quantity !== 0), 300)) {
      const updated = await this.compiled('allocateStock', { levels: chunk }, (v) => {
        const values = sql.join(v.levels.map((l) => sql`(cast(${l.item_id} as integer), cast(${l.location_id} as integer), cast(${l.quantity} as integer))`));
        const source = this.dialect === 'postgres'
          ? sql`(values ${values}) as v(item_id, location_id, quantity)`
          : sql`(select column1 as item_id, column2 as location_id, column3 as quantity from (values ${values})) as v`;
        return sql`update stock_levels set allocated = allocated + v.quantity
          from ${source} where stock_levels.item_id = v.item_id and stock_levels.location_id = v.location_id`;
      });
      if (Number(updated.numAffectedRows ?? 0) !== chunk.length) {
        throw new Error(`allocateStock: ${chunk.length - Number(updated.numAffectedRows ?? 0)} of ${chunk.length} stock levels do not exist`);
      }
    }
  }

  async insertMovements(movements: readonly NewMovement[]): Promise<void> {
    await rollUpMovements(this.db, this.dialect, movements, this.now);
    await rollUpLocationMovements(this.db, movements, this.now);
    for (const chunk of chunks(movements, 400)) await this.insertMovementChunk(chunk);
  }

  private async insertMovementChunk(movements: readonly NewMovement[]): Promise<void> {
    const rows = movements.map((m) => ({
      item_id: m.itemId,
      location_id: m.locationId,
      kind: m.kind,
      on_hand_delta: m.onHandDelta,
      allocated_delta: m.allocatedDelta,
      reason: m.reason,
      order_id: m.orderId ?? null,
      line_id: m.lineId ?? null,
      reference: m.reference ?? null,
      actor: m.actor,
      created_at: this.now,
    }));
    await this.compiled('insertMovements', { rows }, (v) => this.db.insertInto('movements').values(v.rows));
  }

  async listMovements(filter: MovementFilter): Promise<Movement[]> {
    let query = this.db
      .selectFrom('movements as m')
      .innerJoin('items as i', 'i.id', 'm.item_id')
      .innerJoin('locations as l', 'l.id', 'm.location_id')
      .select(['m.id', 'i.sku', 'l.code', 'm.item_id', 'm.location_id', 'm.kind', 'm.on_hand_delta', 'm.allocated_delta', 'm.reason', 'm.order_id', 'm.line_id', 'm.reference', 'm.actor', 'm.created_at'])
      .orderBy('m.id', filter.newestFirst === true ? 'desc' : 'asc')
      .limit(filter.limit);
    if (filter.sku !== undefined) query = query.where('i.sku', '=', filter.sku);
    if (filter.location !== undefined) query = query.where('l.code', '=', filter.location);
    if (filter.kind !== undefined) query = query.where('m.kind', '=', filter.kind);
    if (filter.since !== undefined) query = query.where('m.created_at', '>=', filter.since);
    if (filter.until !== undefined) query = query.where('m.created_at', '<', filter.until);
    if (filter.since !== undefined && await this.periodIsRecent(filter.since)) {
      // Pages go in id order, so the time filter alone left the whole ledger before `since` to walk past.
      // The ids of the period's movements bound it (implied by the filter, so no row changes), found in
      // the time index's range of the period; `+ 0` keeps min and max from walking the ids instead.
      let period = this.db.selectFrom('movements as p').where('p.created_at', '>=', filter.since);
      if (filter.until !== undefined) period = period.where('p.created_at', '<', filter.until);
      query = query.where('m.id', '>=', period.select(sql<number>`min(p.id + 0)`.as('first_id')));
      if (filter.until !== undefined) query = query.where('m.id', '<=', period.select(sql<number>`max(p.id + 0)`.as('last_id')));
    }
    if (filter.afterId !== undefined) query = query.where('m.id', filter.newestFirst === true ? '<' : '>', filter.afterId);
    return (await query.execute()).map((r) => ({
      id: r.id,
      sku: r.sku,
      location: r.code,
      itemId: r.item_id,
      locationId: r.location_id,
      kind: r.kind as Movement['kind'],
      onHandDelta: r.on_hand_delta,
      allocatedDelta: r.allocated_delta,
      reason: r.reason,
      orderId: r.order_id,
      lineId: r.line_id,
      reference: r.reference,
      actor: r.actor,
      createdAt: r.created_at,
    }));
  }

  /**
   * Whether `since` falls in the newer half of the ledger (ids follow time closely, if not exactly):
   * bounding a page by the period's ids reads the period's range of the time index, cheaper than
   * walking past the older movements only when the period is the smaller part.
   */
  private async periodIsRecent(since: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('movements as p')
      .select(['p.id', (eb) => eb.selectFrom('movements').select((m) => m.fn.max('id').as('last')).as('last_id')])
      .where('p.created_at', '>=', since)
      .orderBy('p.created_at')
      .limit(1)
      .executeTakeFirst();
    // None at or after `since`: the bound finds none either, in an empty range of the index.
    return row === undefined || row.id > Number(row.last_id ?? 0) / 2;
  }

  async findOrder(id: number): Promise<OrderRecord | null> {
    const [order] = await this.currentOrders(async () => (await this.compiled('findOrder', { id }, (v) => this.db.selectFrom('orders').selectAll().where('id', '=', v.id))).rows);
    return order ?? null;
  }

  async findOrders(ids: readonly number[]): Promise<OrderRecord[]> {
    const found: OrderRecord[] = [];
    for (const chunk of chunks([...new Set(ids)], IN_LIST_CHUNK)) {
      const read = async () => (await this.compiled('findOrders', { ids: chunk }, (v) => this.db.selectFrom('orders').selectAll().where('id', 'in', v.ids))).rows;
      for (const order of await this.currentOrders(read)) found.push(order);
    }
    return found;
  }

  async findOrderByIdempotencyKey(key: string): Promise<OrderRecord | null> {
    // Asked before every placement that carries a key, and nearly always answered with nothing.
    const [order] = await this.currentOrders(async () => (await this.compiled('findOrderByIdempotencyKey', { key }, (v) => this.db.selectFrom('orders').selectAll().where('idempotency_key', '=', v.key))).rows);
    return order ?? null;
  }

  async findOrderByExternalId(externalId: string): Promise<OrderRecord | null> {
    const [order] = await this.currentOrders(async () => (await this.compiled('findOrderByExternalId', { externalId }, (v) => this.db.selectFrom('orders').selectAll().where('external_id', '=', v.externalId))).rows);
    return order ?? null;
  }

  async rejectedOrdersOf(externalId: string): Promise<Pick<OrderRecord, 'id' | 'requestHash' | 'shortage'>[]> {
    // A rejected order is written once and never changed: nothing noted in this unit of work to write first.
    const rows = await this.db.selectFrom('orders').select(['id', 'request_hash', 'shortage'])
      .where('rejected_external_id', '=', externalId).orderBy('id', 'desc').execute();
    return rows.map((r) => ({ id: r.id, requestHash: r.request_hash, shortage: r.shortage as ShortageMode }));
  }

  async itemsOfOpenRejections(externalIds: readonly string[]): Promise<number[]> {
    const rows = await readInChunks([...new Set(externalIds)], async (chunk) => (await this.compiled('itemsOfOpenRejections', { externalIds: chunk }, (v) =>
      this.db
        .selectFrom('orders as o')
        .innerJoin('order_lines as l', 'l.order_id', 'o.id')
        .select('l.item_id')
        .distinct()
        .where('o.rejected_external_id', 'in', v.externalIds)
        .where('o.superseded_by', 'is', null),
    )).rows);
    return [...new Set(rows.map((r) => r.item_id))];
  }

  async supersedeRejections(externalId: string, orderId: number): Promise<void> {
    // Only placements under this external id write these rows, and they take turns (lockExternalIds):
    // no other transaction waits for them, whatever order the update meets them in.
    const { rows } = await this.compiled('supersedeRejections', { externalId, orderId }, (v) =>
      this.db
        .updateTable('orders')
        .set({ superseded_by: v.orderId })
        .where('rejected_external_id', '=', v.externalId)
        .where('superseded_by', 'is', null)
        .where('id', '<', v.orderId)
        .returning('id'),
    );
    await takeOrdersOut(this.db, this.dialect, rows.map((r) => r.id));
  }

  async listOrders(filter: OrderFilter): Promise<OrderRecord[]> {
    let query = this.db.selectFrom('orders').selectAll().orderBy('id', 'desc').limit(filter.limit);
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.waiting === true) {
      query = query
        .where('status', 'in', [...WAITING_STATUSES])
        .where((eb) => eb.exists(eb.selectFrom('order_lines as w').select('w.id').whereRef('w.order_id', '=', 'orders.id').where('w.backordered', '>', 0)));
    }
    if (filter.afterId !== undefined) query = query.where('id', '<', filter.afterId);
    const { externalId, customerEmail, customerId } = filter;
    if (externalId !== undefined) query = query.where((eb) => eb.or([eb('external_id', '=', externalId), eb('rejected_external_id', '=', externalId)]));
    if (customerEmail !== undefined) query = query.where(sql`lower(customer_email)`, '=', customerEmail.toLowerCase());
    if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
    if (filter.updatedSince !== undefined) query = query.where('updated_at', '>=', filter.updatedSince);
    if (filter.locationId !== undefined) {
      const locationId = filter.locationId;
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('line_allocations as la').innerJoin('order_lines as al', 'al.id', 'la.line_id').select('al.order_id')
          .where('la.location_id', '=', locationId).where('la.quantity', '>', 0),
      );
    }
    if (filter.sku !== undefined) {
      const sku = filter.sku;
      query = query.where('id', 'in', (eb) =>
        eb.selectFrom('order_lines as ol').innerJoin('items as i', 'i.id', 'ol.item_id').select('ol.order_id').where('i.sku', '=', sku),
      );
    }
    // Chosen by status and updated_at, so every order noted is written before, not only those found.
    await this.writeNotedOrders();
    return this.withLines(await query.execute());
  }

  /** The orders with their lines and each line's allocations. */
  private async withLines(orders: readonly Selectable<OrdersTable>[]): Promise<OrderRecord[]> {
    if (orders.length === 0) return [];
    const ids = orders.map((o) => o.id);
    const lines = await this.db
      .selectFrom('order_lines as ol')
      .innerJoin('items as i', 'i.id', 'ol.item_id')
      .select(['ol.id', 'ol.order_id', 'ol.line_no', 'ol.item_id', 'i.sku', 'ol.quantity', 'ol.allocated', 'ol.backordered', 'ol.shipped', 'ol.cancelled', 'ol.unit_price', 'ol.eta', 'ol.eta_estimated'])
      .where('ol.order_id', 'in', ids)
      .orderBy('ol.order_id')
      .orderBy('ol.line_no')
      .execute();
    // In chunks of lines: the orders of a chunk (findOrders) may have more lines than a statement may bind.
    const allocations = await readInChunks(lines.map((l) => l.id), (lineIds) => this.db
      .selectFrom('line_allocations as a')
      .innerJoin('locations as l', 'l.id', 'a.location_id')
      .select(['a.line_id', 'a.location_id', 'l.code', 'a.quantity', 'l.priority'])
      .where('a.line_id', 'in', lineIds)
      .orderBy('a.line_id')
      .orderBy('l.priority')
      .orderBy('a.location_id')
      .execute());
    const byLine = new Map<number, LineRecord['allocations'][number][]>();
    for (const a of allocations) {
      const list = byLine.get(a.line_id) ?? [];
      list.push({ locationId: a.location_id, location: a.code, quantity: a.quantity });
      byLine.set(a.line_id, list);
    }
    const byOrder = new Map<number, LineRecord[]>();
    for (const l of lines) {
      const list = byOrder.get(l.order_id) ?? [];
      list.push({
        id: l.id,
        lineNo: l.line_no,
        itemId: l.item_id,
        sku: l.sku,
        quantity: l.quantity,
        allocated: l.allocated,
        backordered: l.backordered,
        shipped: l.shipped,
        cancelled: l.cancelled,
        unitPrice: l.unit_price,
        eta: l.eta,
        etaEstimated: l.eta_estimated === 1,
        allocations: byLine.get(l.id) ?? [],
      });
      byOrder.set(l.order_id, list);
    }
    return orders.map((o) => ({
      id: o.id,
      externalId: o.external_id ?? o.rejected_external_id,
      idempotencyKey: o.idempotency_key,
      requestHash: o.request_hash,
      customer: { id: o.customer_id, email: o.customer_email, name: o.customer_name },
      priority: o.priority,
      shortage: o.shortage as ShortageMode,
      status: o.status as OrderStatus,
      supersededBy: o.superseded_by,
      rejection: o.rejection,
      placedAt: o.placed_at,
      updatedAt: o.updated_at,
      lines: byOrder.get(o.id) ?? [],
    }));
  }

  async insertOrder(order: NewOrder, lines: readonly NewLine[]): Promise<{ orderId: number; lineIds: number[] }> {
    // A rejection does not hold the external id: the same order may be placed again (see 0017).
    const rejected = order.status === 'rejected';
    const row = {
      external_id: rejected ? null : order.externalId,
      rejected_external_id: rejected ? order.externalId : null,
      idempotency_key: order.idempotencyKey,
      request_hash: order.requestHash,
      customer_id: order.customer.id,
      customer_email: order.customer.email,
      customer_name: order.customer.name,
      priority: order.priority,
      shortage: order.shortage,
      status: order.status,
      rejection: order.rejection,
      placed_at: order.placedAt,
      updated_at: this.now,
      placed_full: lines.length > 0 && lines.every((l) => l.allocated === l.quantity) ? 1 : 0,
    };
    const inserted = await this.compiled('insertOrder', { row }, (v) => this.db.insertInto('orders').values(v.row).returning('id'));
    const orderId = (inserted.rows[0] as { id: number }).id;
    if (lines.length === 0) return { orderId, lineIds: [] };
    const rows = lines.map((l, index) => ({
      order_id: orderId,
      line_no: index + 1,
      item_id: l.itemId,
      quantity: l.quantity,
      allocated: l.allocated,
      backordered: l.backordered,
      shipped: 0,
      cancelled: l.cancelled,
      unit_price: l.unitPrice,
      priority: order.priority,
      placed_at: order.placedAt,
      eta_estimated: 0,
      placed_allocated: l.allocated,
      placed_backordered: l.backordered,
    }));
    const insertedLines = await this.compiled('insertLines', { rows }, (v) => this.db.insertInto('order_lines').values(v.rows).returning(['id', 'line_no']));
    await rollUpLines(this.db, this.dialect, lines, order.placedAt);
    return { orderId, lineIds: [...insertedLines.rows].sort((a, b) => a.line_no - b.line_no).map((r) => r.id) };
  }

  async setOrderStatus(orderId: number, status: OrderStatus): Promise<void> {
    await this.db.updateTable('orders').set({ status, updated_at: this.updatedNow(this.now) }).where('id', '=', orderId).execute();
  }

  /**
   * An order's new updated_at: `now`, or the stamp already there if that is later: a transaction's clock is read when it begins,
   * so one that waited for a row another changed and committed meanwhile would stamp it earlier
   * than that change, and a caller polling by updatedAt that saw the later stamp would miss it.
   */
  private updatedNow(now: string): RawBuilder<string> {
    return this.dialect === 'postgres' ? sql<string>`greatest(orders.updated_at, ${now})` : sql<string>`max(orders.updated_at, ${now})`;
  }

  private async markOrdersUpdated(orderIds: readonly number[], statuses: ReadonlyMap<number, OrderStatus> = new Map()): Promise<void> {
    // Ascending ids, chunk after chunk: every call takes these rows' locks in the same order.
    // Never earlier than the stamp already there (see updatedNow).
    const ids = [...new Set(orderIds)].sort((a, b) => a - b);
    for (const chunk of chunks(ids, 500)) {
      const rows = chunk.map((id) => ({ id, status: statuses.get(id) ?? null }));
      await this.compiled('markOrdersUpdated', { now: this.now, rows }, (v) => {
        const values = sql.join(v.rows.map((r) => sql`(cast(${r.id} as integer), cast(${r.status} as varchar(24)))`));
        if (this.dialect === 'sqlite') {
          return sql`update orders set status = coalesce(v.status, orders.status), updated_at = ${this.updatedNow(v.now)}
            from (select column1 as id, column2 as status from (values ${values})) as v where orders.id = v.id`;
        }
        // An UPDATE locks rows in whatever order its plan meets them; a SELECT … ORDER BY … FOR NO
        // KEY UPDATE locks them in its output order. Materialized, so it is never folded into the UPDATE.
        return sql`with locked as materialized (
            select o.id, v.status from orders as o join (values ${values}) as v(id, status) on v.id = o.id
            order by o.id for no key update of o)
          update orders set status = coalesce(locked.status, orders.status), updated_at = ${this.updatedNow(v.now)}
          from locked where orders.id = locked.id`;
      });
    }
  }

  private async lockOrderRows(orderIds: readonly number[]): Promise<void> {
    if (this.dialect !== 'postgres') return;
    for (const chunk of chunks([...new Set(orderIds)].sort((a, b) => a - b), 500)) {
      await this.compiled('lockOrderRows', { ids: chunk }, (v) => this.db.selectFrom('orders').select('id').where('id', 'in', v.ids).orderBy('id').forNoKeyUpdate());
    }
  }

  async setOrderPriority(orderId: number, priority: number): Promise<void> {
    await this.db.updateTable('orders').set({ priority, updated_at: this.updatedNow(this.now) }).where('id', '=', orderId).execute();
    await this.db.updateTable('order_lines').set({ priority }).where('order_id', '=', orderId).execute();
  }

  async changeLine(lineId: number, change: LineChange): Promise<void> {
    const set: Record<string, unknown> = {};
    for (const column of ['allocated', 'backordered', 'shipped', 'cancelled'] as const) {
      const delta = change[column];
      if (delta !== undefined && delta !== 0) set[column] = sql`${sql.ref(column)} + ${delta}`;
    }
    if (Object.keys(set).length === 0) return;
    if (change.backordered !== undefined && change.backordered !== 0) {
      set['eta'] = sql`case when backordered + ${change.backordered} = 0 then null else eta end`;
      // A line with nothing waiting has no promise, estimated or not.
      set['eta_estimated'] = sql`case when backordered + ${change.backordered} = 0 then 0 else eta_estimated end`;
      // Nor a day it was made on: a line with no date and a day is one whose date was withdrawn.
      set['eta_made_on'] = sql`case when backordered + ${change.backordered} = 0 then null else eta_made_on end`;
    }
    await this.db.updateTable('order_lines').set(set).where('id', '=', lineId).execute();
  }

  async changeLines(changes: readonly ({ readonly lineId: number } & LineChange)[]): Promise<void> {
    // One row per line: an UPDATE … FROM joining a line twice would apply only one of its changes.
    const perLine = new Map<number, { line_id: number; allocated: number; backordered: number; shipped: number; cancelled: number }>();
    for (const change of changes) {
      const line = perLine.get(change.lineId) ?? { line_id: change.lineId, allocated: 0, backordered: 0, shipped: 0, cancelled: 0 };
      line.allocated += change.allocated ?? 0;
      line.backordered += change.backordered ?? 0;
      line.shipped += change.shipped ?? 0;
      line.cancelled += change.cancelled ?? 0;
      perLine.set(change.lineId, line);
    }
    const rows = [...perLine.values()].filter((l) => l.allocated !== 0 || l.backordered !== 0 || l.shipped !== 0 || l.cancelled !== 0);
    for (const chunk of chunks(rows, 500)) {
      await this.compiled('changeLines', { rows: chunk }, (v) => {
        const values = sql.join(v.rows.map((l) => sql`(cast(${l.line_id} as integer), cast(${l.allocated} as integer), cast(${l.backordered} as integer), cast(${l.shipped} as integer), cast(${l.cancelled} as integer))`));
        const source = this.dialect === 'postgres'
          ? sql`(values ${values}) as v(line_id, allocated, backordered, shipped, cancelled)`
          : sql`(select column1 as line_id, column2 as allocated, column3 as backordered, column4 as shipped, column5 as cancelled from (values ${values})) as v`;
        // As changeLine: a line left with nothing waiting has no promise, no estimate, no day it was made on.
        const emptied = sql`v.backordered <> 0 and order_lines.backordered + v.backordered = 0`;
        return sql`update order_lines set allocated = order_lines.allocated + v.allocated, backordered = order_lines.backordered + v.backordered,
          shipped = order_lines.shipped + v.shipped, cancelled = order_lines.cancelled + v.cancelled,
          eta = case when ${emptied} then null else eta end,
          eta_estimated = case when ${emptied} then 0 else eta_estimated end,
          eta_made_on = case when ${emptied} then null else eta_made_on end
          from ${source} where order_lines.id = v.line_id`;
      });
    }
  }

  async insertLineAllocations(rows: readonly { lineId: number; itemId: number; locationId: number; quantity: number }[]): Promise<void> {
    for (const chunk of chunks(rows, 500)) {
      const values = chunk.map((r) => ({ line_id: r.lineId, item_id: r.itemId, location_id: r.locationId, quantity: r.quantity }));
      await this.compiled('insertLineAllocations', { rows: values }, (v) => this.db.insertInto('line_allocations').values(v.rows));
    }
  }

  async addLineAllocations(rows: readonly { lineId: number; itemId: number; locationId: number; quantity: number }[]): Promise<void> {
    for (const chunk of chunks(rows, 500)) {
      const values = chunk.map((r) => ({ line_id: r.lineId, item_id: r.itemId, location_id: r.locationId, quantity: r.quantity }));
      await this.compiled('addLineAllocations', { rows: values }, (v) =>
        this.db
          .insertInto('line_allocations')
          .values(v.rows)
          .onConflict((oc) => oc.columns(['line_id', 'location_id']).doUpdateSet({ quantity: sql`line_allocations.quantity + excluded.quantity` })),
      );
    }
  }

  async moveBackorderedToAllocated(changes: readonly { lineId: number; quantity: number }[]): Promise<void> {
    for (const chunk of chunks(changes, 500)) {
      const rows = chunk.map((c) => ({ line_id: c.lineId, quantity: c.quantity }));
      await this.compiled('moveBackorderedToAllocated', { rows }, (v) => {
        const values = sql.join(v.rows.map((c) => sql`(cast(${c.line_id} as integer), cast(${c.quantity} as integer))`));
        // Both dialects accept UPDATE … FROM; the VALUES list is named the same way on each.
        const source = this.dialect === 'postgres'
          ? sql`(values ${values}) as v(line_id, quantity)`
          : sql`(select column1 as line_id, column2 as quantity from (values ${values})) as v`;
        return sql`update order_lines set allocated = allocated + v.quantity, backordered = backordered - v.quantity,
          eta = case when backordered - v.quantity = 0 then null else eta end,
          eta_estimated = case when backordered - v.quantity = 0 then 0 else eta_estimated end,
          eta_made_on = case when backordered - v.quantity = 0 then null else eta_made_on end
          from ${source} where order_lines.id = v.line_id`;
      });
    }
  }

  private async orderUnitTotals(orderIds: readonly number[]) {
    const totals = [];
    for (const chunk of chunks(orderIds, 500)) {
      const { rows } = await this.compiled('orderUnitTotals', { ids: chunk }, (v) =>
        this.db
          .selectFrom('orders as o')
          .innerJoin('order_lines as l', 'l.order_id', 'o.id')
          .select([
            'o.id', 'o.status',
            sql<number>`cast(sum(l.allocated) as bigint)`.as('allocated'),
            sql<number>`cast(sum(l.backordered) as bigint)`.as('backordered'),
            sql<number>`cast(sum(l.shipped) as bigint)`.as('shipped'),
            sql<number>`cast(sum(l.cancelled) as bigint)`.as('cancelled'),
            sql<number>`cast(sum(l.quantity) as bigint)`.as('quantity'),
          ])
          .where('o.id', 'in', v.ids)
          .groupBy(['o.id', 'o.status']),
      );
      totals.push(...rows.map((r) => ({ orderId: r.id, status: r.status as OrderStatus, allocated: r.allocated, backordered: r.backordered, shipped: r.shipped, cancelled: r.cancelled, quantity: r.quantity })));
    }
    return totals;
  }

  async changeLineAllocation(lineId: number, itemId: number, locationId: number, delta: number): Promise<void> {
    if (delta === 0) return;
    const updated = await this.db
      .updateTable('line_allocations')
      .set({ quantity: sql`quantity + ${delta}` })
      .where('line_id', '=', lineId)
      .where('location_id', '=', locationId)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await this.db.insertInto('line_allocations').values({ line_id: lineId, item_id: itemId, location_id: locationId, quantity: delta }).execute();
    } else if (delta < 0) {
      await this.db.deleteFrom('line_allocations').where('line_id', '=', lineId).where('location_id', '=', locationId).where('quantity', '=', 0).execute();
    }
  }

  // The queue reads name `backordered > 0` as a literal, not a bound value: only then can SQLite
  // use the partial index order_lines_queue instead of scanning every order line.

  async queueOf(itemId: number): Promise<QueueRow[]> {
    const { rows } = await this.compiled('queueOf', { itemId }, (v) =>
      this.db
        .selectFrom('order_lines as ol')
        .innerJoin('orders as o', 'o.id', 'ol.order_id')
        .innerJoin('items as i', 'i.id', 'ol.item_id')
        .select(QUEUE_ROW_COLUMNS)
        .where('ol.item_id', '=', v.itemId)
        .where('ol.backordered', '>', sql.lit(0))
        .orderBy('ol.priority', 'desc')
        .orderBy('ol.placed_at')
        .orderBy('ol.id'),
    );
    return rows.map(toQueueRow);
  }

  async queuePageOf(itemId: number, after: QueueKey | undefined, limit: number): Promise<QueuePage> {
    const rows = await this.db
      .selectFrom('order_lines as ol')
      .innerJoin('orders as o', 'o.id', 'ol.order_id')
      .innerJoin('items as i', 'i.id', 'ol.item_id')
      .select(QUEUE_ROW_COLUMNS)
      .where('ol.item_id', '=', itemId)
      .where('ol.backordered', '>', sql.lit(0))
      .$if(after !== undefined, (q) => q.where((eb) => servedAfter(eb, after as QueueKey)))
      .orderBy('ol.priority', 'desc')
      .orderBy('ol.placed_at')
      .orderBy('ol.id')
      .limit(limit)
      .execute();
    const ahead = after === undefined ? { lines: 0, units: 0 } : await this.waitingThrough(itemId, after);
    return { rows: rows.map(toQueueRow), linesAhead: ahead.lines, unitsAhead: ahead.units };
  }

  async queuePlacesOf(lineIds: readonly number[]): Promise<Map<number, QueuePlace>> {
    const waiting = await readInChunks([...new Set(lineIds)], (chunk) =>
      this.db.selectFrom('order_lines').select(['id', 'item_id', 'priority', 'placed_at', 'backordered']).where('id', 'in', chunk).where('backordered', '>', sql.lit(0)).execute(),
    );
    const places = new Map<number, QueuePlace>();
    for (const line of waiting) {
      // The lines served up to this one include itself: it stands last among them.
      const through = await this.waitingThrough(line.item_id, { priority: line.priority, placedAt: line.placed_at, lineId: line.id });
      places.set(line.id, { position: through.lines, unitsAhead: through.units - line.backordered });
    }
    return places;
  }

  /** The waiting lines of an item served no later than `key` (its own line too, while it waits): how many, and their units. */
  private async waitingThrough(itemId: number, key: QueueKey): Promise<{ lines: number; units: number }> {
    const row = await this.db
      .selectFrom('order_lines as ol')
      .where('ol.item_id', '=', itemId)
      .where('ol.backordered', '>', sql.lit(0))
      .where((eb) => eb.not(servedAfter(eb, key)))
      .select((eb) => [eb.fn.countAll<number | string>().as('lines'), eb.fn.coalesce(eb.fn.sum<number | string>('ol.backordered'), sql.lit(0)).as('units')])
      .executeTakeFirstOrThrow();
    return { lines: Number(row.lines), units: Number(row.units) };
  }

  async waitingLinesOf(itemId: number): Promise<WaitingLineRow[]> {
    const { rows } = await this.compiled('waitingLinesOf', { itemId }, (v) =>
      this.db
        .selectFrom('order_lines')
        .select(['id', 'order_id', 'backordered', 'eta', 'eta_estimated', 'eta_made_on'])
        .where('item_id', '=', v.itemId)
        .where('backordered', '>', sql.lit(0))
        .orderBy('priority', 'desc')
        .orderBy('placed_at')
        .orderBy('id'),
    );
    return rows.map((r) => ({
      lineId: r.id, orderId: r.order_id, backordered: r.backordered, eta: r.eta, etaEstimated: r.eta_estimated === 1, etaMadeOn: r.eta_made_on,
    }));
  }

  async itemsWithStalePromises(today: string): Promise<number[]> {
    // `backordered > 0` as a literal lets SQLite use the partial index order_lines_queue.
    const passed = this.db
      .selectFrom('order_lines')
      .select('item_id')
      .where('backordered', '>', sql.lit(0))
      .where('eta', '<', today);
    const overdueSince = this.openPoLines()
      .innerJoin('order_lines as l', 'l.item_id', 'pl.item_id')
      .select('pl.item_id as item_id')
      .where('l.backordered', '>', sql.lit(0))
      .where('pl.expected_on', '<', today)
      .whereRef('pl.expected_on', '>=', 'l.eta_made_on');
    const rows = await passed.union(overdueSince).orderBy('item_id').execute();
    return rows.map((r) => r.item_id);
  }

  async orderCustomers(orderIds: readonly number[]): Promise<Map<number, QueueRow['customer']>> {
    const customers = new Map<number, QueueRow['customer']>();
    for (const chunk of chunks(orderIds, 500)) {
      const { rows } = await this.compiled('orderCustomers', { ids: chunk }, (v) =>
        this.db.selectFrom('orders').select(['id', 'customer_id', 'customer_email', 'customer_name']).where('id', 'in', v.ids),
      );
      for (const r of rows) customers.set(r.id, { id: r.customer_id, email: r.customer_email, name: r.customer_name });
    }
    return customers;
  }

  async allocationsAt(itemId: number, locationId: number): Promise<AllocationAtLocation[]> {
    const rows = await this.db
      .selectFrom('line_allocations as a')
      .innerJoin('order_lines as ol', 'ol.id', 'a.line_id')
      .select(['a.line_id', 'ol.order_id', 'ol.priority', 'ol.placed_at', 'a.quantity'])
      .where('a.item_id', '=', itemId)
      .where('a.location_id', '=', locationId)
      .execute();
    return rows.map((r) => ({ lineId: r.line_id, orderId: r.order_id, priority: r.priority, placedAt: r.placed_at, allocated: r.quantity }));
  }

  async setEtas(etas: readonly EtaChange[]): Promise<void> {
    // Lines that share a promise are set together: a queue has at most one distinct date per open
    // PO line (plus the lead-time fallback) and day it was made, so 10,000 new ETAs take a few
    // hundred statements.
    const groups = new Map<string, Omit<EtaChange, 'lineId'> & { ids: number[] }>();
    for (const e of etas) {
      const key = `${e.eta}|${e.estimated ? 1 : 0}|${e.madeOn}`;
      const group = groups.get(key) ?? { eta: e.eta, estimated: e.estimated, madeOn: e.madeOn, ids: [] };
      group.ids.push(e.lineId);
      groups.set(key, group);
    }
    for (const { eta, estimated, madeOn, ids } of groups.values()) {
      for (const chunk of chunks(ids, 500)) {
        await this.compiled('setEtas', { eta, estimated: estimated ? 1 : 0, madeOn, ids: chunk }, (v) =>
          this.db
            .updateTable('order_lines')
            .set({ eta: v.eta, eta_estimated: v.estimated, eta_made_on: v.madeOn, first_eta: sql`coalesce(first_eta, ${v.eta})` })
            .where('id', 'in', v.ids),
        );
      }
    }
  }

  async recordBackorderCancellations(rows: readonly { readonly lineId: number; readonly itemId: number; readonly quantity: number }[]): Promise<void> {
    for (const chunk of chunks(rows, 500)) {
      const values = chunk.map((r) => ({ line_id: r.lineId, item_id: r.itemId, quantity: r.quantity, created_at: this.now }));
      await this.compiled('recordBackorderCancellations', { rows: values }, (v) => this.db.insertInto('backorder_cancellations').values(v.rows));
    }
  }

  async findRequestOutcome(key: string): Promise<{ requestHash: string; outcome: string } | null> {
    const row = await this.db.selectFrom('request_outcomes').select(['request_hash', 'outcome']).where('idempotency_key', '=', key).executeTakeFirst();
    return row ? { requestHash: row.request_hash, outcome: row.outcome } : null;
  }

  async saveRequestOutcome(key: string, requestHash: string, outcome: string): Promise<void> {
    await this.db.insertInto('request_outcomes').values({ idempotency_key: key, request_hash: requestHash, outcome, created_at: this.now }).execute();
  }

  async insertLostDemand(rows: readonly NewLostDemand[]): Promise<void> {
    if (rows.length === 0) return;
    await rollUpLostDemand(this.db, this.dialect, rows, this.now);
    await this.db
      .insertInto('lost_demand')
      .values(rows.map((r) => ({ order_id: r.orderId, line_id: r.lineId, item_id: r.itemId, quantity: r.quantity, unit_price: r.unitPrice, reason: r.reason, created_at: this.now })))
      .execute();
  }

  async insertEvents(events: readonly NewEvent[]): Promise<void> {
    for (const chunk of chunks(events, 500)) {
      const rows = chunk.map((e) => ({ type: e.type, subject_type: e.subjectType, subject_id: e.subjectId, payload: JSON.stringify(e.payload), created_at: this.now }));
      await this.compiled('insertEvents', { rows }, (v) => this.db.insertInto('events').values(v.rows));
    }
  }

  async listEvents(afterSeq: number, limit: number): Promise<StoredEvent[]> {
    const rows = await this.db.selectFrom('events').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type,
      subjectType: r.subject_type as StoredEvent['subjectType'],
      subjectId: r.subject_id,
      payload: JSON.parse(r.payload) as unknown,
      createdAt: r.created_at,
    }));
  }

  async incomingSupplyOf(itemId: number): Promise<IncomingSupply[]> {
    const { rows } = await this.compiled('incomingSupplyOf', { itemId }, (v) =>
      this.openPoLines()
        .select(['pl.expected_on', sql<number>`pl.quantity - pl.received - pl.cancelled`.as('open')])
        .where('pl.item_id', '=', v.itemId)
        .orderBy('pl.expected_on')
        .orderBy('pl.id'),
    );
    return rows.map((r) => ({ expectedOn: r.expected_on, quantity: Number(r.open) }));
  }

  /** Lines of sent purchase orders with units still to come: the incoming supply. */
  private openPoLines() {
    return this.db
      .selectFrom('po_lines as pl')
      .innerJoin('purchase_orders as po', 'po.id', 'pl.po_id')
      .where('po.status', 'in', [sql.lit('ordered'), sql.lit('partially_received')])
      .where(sql<boolean>`pl.received + pl.cancelled < pl.quantity`);
  }

  async incomingUnitsOf(itemIds: readonly number[]): Promise<Map<number, number>> {
    const incoming = new Map<number, number>();
    for (const chunk of chunks(itemIds, 500)) {
      const rows = await this.openPoLines()
        .select(['pl.item_id', sql<number>`sum(pl.quantity - pl.received - pl.cancelled)`.as('open')])
        .where('pl.item_id', 'in', chunk)
        .groupBy('pl.item_id')
        .execute();
      for (const r of rows) incoming.set(r.item_id, Number(r.open));
    }
    return incoming;
  }

  async preferredLeadTimeDays(itemId: number): Promise<number | null> {
    // `preferred = 1` as a literal lets SQLite use the partial index item_suppliers_preferred.
    const { rows } = await this.compiled('preferredLeadTimeDays', { itemId }, (v) =>
      this.db
        .selectFrom('item_suppliers as link')
        .innerJoin('suppliers as s', 's.id', 'link.supplier_id')
        .select(['link.lead_time_days', 's.lead_time_days as supplier_lead_time_days'])
        .where('link.item_id', '=', v.itemId)
        .where('link.preferred', '=', sql.lit(1)),
    );
    const [row] = rows;
    return row ? (row.lead_time_days ?? row.supplier_lead_time_days) : null;
  }

  // ── Purchasing (SPEC §5): suppliers, links, purchase orders and receipts live in their own class.

  get purchasing(): PurchasingQueries {
    return new PurchasingQueries(this.db, this.dialect, this.now);
  }

  // ── Planning (SPEC §7): demand history, forecasts and planning runs.
  get planning(): PlanningQueries {
    return new PlanningQueries(this.db, this.dialect, this.now);
  }

  // ── Communication (SPEC §6): webhook endpoints, deliveries, fan-out cursor, subscriptions.
  get communication(): CommunicationQueries {
    return new CommunicationQueries(this.db, this.dialect, this.now);
  }

  async recordStockout(itemId: number, out: boolean, initial = false): Promise<void> {
    if (out) {
      const row = { item_id: itemId, started_at: this.now, ended_at: null, initial: initial ? 1 : 0 };
      await this.compiled('openStockout', { row }, (v) => this.db.insertInto('stockouts').values(v.row));
    } else {
      await this.compiled('closeStockout', { itemId, now: this.now }, (v) =>
        this.db.updateTable('stockouts').set({ ended_at: v.now }).where('item_id', '=', v.itemId).where('ended_at', 'is', null),
      );
    }
  }

  async recordLocationStockout(itemId: number, locationId: number, out: boolean, initial = false): Promise<void> {
    if (out) {
      await this.db
        .insertInto('location_stockouts')
        .values({ item_id: itemId, location_id: locationId, started_at: this.now, ended_at: null, initial: initial ? 1 : 0 })
        .execute();
    } else {
      await this.db
        .updateTable('location_stockouts')
        .set({ ended_at: this.now })
        .where('item_id', '=', itemId)
        .where('location_id', '=', locationId)
        .where('ended_at', 'is', null)
        .execute();
    }
  }

  kpiFacts(query: KpiQuery): Promise<KpiFacts> {
    return readKpiFacts(this.db, query);
  }

  invariantViolations(): Promise<InvariantViolation[]> {
    return findInvariantViolations(this.db);
  }

  // ── HTTP API: API keys (their own class), stock-level and backorder listings, readiness. ──

  get apiKeys(): ApiKeyQueries {
    return new ApiKeyQueries(this.db, this.dialect, this.now);
  }

  get audit(): AuditQueries {
    return new AuditQueries(this.db, this.now);
  }

  async listStockLevels(filter: StockLevelFilter): Promise<StockLevelRow[]> {
    let query = this.db
      .selectFrom('stock_levels as s')
      .innerJoin('items as i', 'i.id', 's.item_id')
      .innerJoin('locations as l', 'l.id', 's.location_id')
      .select(['s.item_id', 's.location_id', 'i.sku', 'l.code', 'l.active', 's.on_hand', 's.allocated'])
      .orderBy('i.sku')
      .orderBy('l.code')
      .limit(filter.limit);
    if (filter.itemId !== undefined) query = query.where('s.item_id', '=', filter.itemId);
    if (filter.locationId !== undefined) query = query.where('s.location_id', '=', filter.locationId);
    const after = filter.after;
    if (after !== undefined) {
      query = query.where((eb) => eb.or([eb('i.sku', '>', after.sku), eb.and([eb('i.sku', '=', after.sku), eb('l.code', '>', after.location)])]));
    }
    return (await query.execute()).map((r) => ({
      itemId: r.item_id,
      locationId: r.location_id,
      sku: r.sku,
      location: r.code,
      locationActive: r.active === 1,
      onHand: r.on_hand,
      allocated: r.allocated,
    }));
  }

  async listBackorders(filter: BackorderFilter): Promise<BackorderRow[]> {
    // The page's lines first (waiting lines by id), then positions numbered over the whole queues
    // of only the items on the page: numbering every waiting line of the catalogue for each page
    // took a second per page with tens of thousands waiting.
    let page = this.db.selectFrom('order_lines').select(['id', 'item_id']).where('backordered', '>', sql.lit(0)).orderBy('id').limit(filter.limit);
    if (filter.afterLineId !== undefined) page = page.where('id', '>', filter.afterLineId);
    const query = this.db
      .with('page', () => page)
      .with('queued', (db) => db
        .selectFrom('order_lines as ol')
        .innerJoin('orders as o', 'o.id', 'ol.order_id')
        .innerJoin('items as i', 'i.id', 'ol.item_id')
        .select(QUEUE_ROW_COLUMNS)
        .select([
          sql<number>`row_number() over (partition by ol.item_id order by ol.priority desc, ol.placed_at, ol.id)`.as('position'),
          sql<number>`coalesce(sum(ol.backordered) over (partition by ol.item_id order by ol.priority desc, ol.placed_at, ol.id rows between unbounded preceding and 1 preceding), 0)`.as('units_ahead'),
        ])
        .where('ol.backordered', '>', sql.lit(0))
        .where('ol.item_id', 'in', (eb) => eb.selectFrom('page').select('page.item_id')))
      .selectFrom('queued as q')
      .selectAll()
      .where('q.id', 'in', (eb) => eb.selectFrom('page').select('page.id'))
      .orderBy('q.id');
    return (await query.execute()).map((r) => ({
      ...toQueueRow(r),
      position: Number(r.position),
      unitsAhead: Number(r.units_ahead),
    }));
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }
}


/**
 * The first key of the advisory locks placements under an external id take (lockExternalIds): a
 * constant of Restock's own, so its locks never wait for another program's in the same database.
 */
const EXTERNAL_ID_LOCKS = 0x5253_0001;

/** The advisory lock location creations take (lockLocationCreation), with second key 0. */
const LOCATION_CREATION_LOCK = 0x5253_0002;

/** Ids once each, ascending: the order locks are taken in. */
function ascendingIds(ids: readonly number[]): number[] {
  return [...new Set(ids)].sort((a, b) => a - b);
}

/** The second key: 32 bits of the id's SHA-256 (two ids that share one merely take turns). */
function externalIdLockKey(externalId: string): number {
  return createHash('sha256').update(externalId).digest().readInt32BE(0);
}

/** The columns a queue row is read with (toQueueRow), from order_lines `ol`, orders `o` and items `i`. */
const QUEUE_ROW_COLUMNS = ['ol.id', 'ol.order_id', 'ol.priority', 'ol.placed_at', 'ol.backordered', 'ol.quantity', 'ol.allocated', 'ol.eta', 'ol.eta_estimated', 'ol.first_eta', 'i.sku', 'o.customer_id', 'o.customer_email', 'o.customer_name', 'o.external_id'] as const;

/**
 * Whether a line `ol` is served after the line with `key` in its item's queue (SPEC §3: priority
 * desc, then placed_at, then id), whether or not that line still waits.
 */
function servedAfter(eb: ExpressionBuilder<Database & { ol: OrderLinesTable }, 'ol'>, key: QueueKey) {
  return eb.or([
    eb('ol.priority', '<', key.priority),
    eb.and([eb('ol.priority', '=', key.priority), eb('ol.placed_at', '>', key.placedAt)]),
    eb.and([eb('ol.priority', '=', key.priority), eb('ol.placed_at', '=', key.placedAt), eb('ol.id', '>', key.lineId)]),
  ]);
}

function itemColumns(item: Partial<NewItem>) {
  const columns: Record<string, unknown> = {};
  if (item.sku !== undefined) columns['sku'] = item.sku;
  if (item.name !== undefined) columns['name'] = item.name;
  if (item.unitPrice !== undefined) columns['unit_price'] = item.unitPrice;
  if (item.unitCost !== undefined) columns['unit_cost'] = item.unitCost;
  if (item.backorderPolicy !== undefined) columns['backorder_policy'] = item.backorderPolicy;
  if (item.backorderLimit !== undefined) columns['backorder_limit'] = item.backorderLimit;
  if (item.lowStockThreshold !== undefined) columns['low_stock_threshold'] = item.lowStockThreshold;
  if (item.leadTimeDays !== undefined) columns['lead_time_days'] = item.leadTimeDays;
  if (item.substitutes !== undefined) columns['substitutes'] = JSON.stringify(item.substitutes);
  if (item.discontinued !== undefined) columns['discontinued'] = item.discontinued ? 1 : 0;
  return columns as {
    sku: string; name: string; unit_price: number; unit_cost: number; backorder_policy: string;
    backorder_limit: number | null; low_stock_threshold: number; lead_time_days: number; substitutes: string; discontinued: number;
  };
}
