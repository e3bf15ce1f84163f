import type { LocationTake } from '../domain/allocation.js';
import type { AllocationAtLocation } from '../domain/clawback.js';
import type { IncomingSupply } from '../domain/eta.js';
import type { KpiFacts } from '../domain/kpi/kpi-facts.js';
import type { FieldChanges } from '../domain/field-changes.js';
import type { QueueKey } from '../domain/queue.js';
import type { InvariantViolation } from './check-invariants.js';
import type { PurchasingRecords } from './purchasing/ports.js';
import type { PlanningRecords } from './planning/ports.js';
import type { CommunicationRecords } from './communication/ports.js';
import type { Role } from './api-keys.js';
import type { SubscriptionPolicy } from './communication/subscription-policy.js';
import type { Item, LocatedStock, Location, MovementKind, QueueEntry, ShortageMode, OrderStatus } from '../domain/types.js';

/** What the use cases need from storage; implemented over Kysely for SQLite and PostgreSQL. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction. Item rows are the locks: `lockItems` takes them in id order,
   * so two transactions never wait on each other in a cycle. A thrown `Rollback` rolls back and
   * comes back as its Failure value.
   */
  transaction<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  /** Runs reads outside any transaction: each statement sees the data as it is when it runs. */
  read<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  /**
   * Runs reads that must agree with each other (a view built from several statements) as of one
   * moment: none of them sees a change committed while they run. For short reads: on SQLite,
   * writers wait until it ends.
   */
  snapshot<T>(work: (tx: UnitOfWork) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface NewItem {
  readonly sku: string;
  readonly name: string;
  readonly unitPrice: number;
  readonly unitCost: number;
  readonly backorderPolicy: Item['backorderPolicy'];
  readonly backorderLimit: number | null;
  readonly lowStockThreshold: number;
  readonly leadTimeDays: number;
  readonly substitutes: readonly string[];
  readonly discontinued: boolean;
}

export interface NewMovement {
  readonly itemId: number;
  readonly locationId: number;
  readonly kind: MovementKind;
  readonly onHandDelta: number;
  readonly allocatedDelta: number;
  readonly reason: string | null;
  readonly orderId?: number | null;
  readonly lineId?: number | null;
  readonly reference?: string | null;
  readonly actor: string;
}

export interface Movement extends Required<NewMovement> {
  readonly id: number;
  readonly sku: string;
  readonly location: string;
  readonly createdAt: string;
}

export interface NewOrder {
  readonly externalId: string | null;
  readonly idempotencyKey: string | null;
  readonly requestHash: string;
  readonly customer: { readonly id: string | null; readonly email: string | null; readonly name: string | null };
  readonly priority: number;
  readonly shortage: ShortageMode;
  readonly status: OrderStatus;
  readonly rejection: string | null;
  readonly placedAt: string;
}

/** A line of a new order; it takes its number from its place in the order, its priority and time from the order. */
export interface NewLine {
  readonly itemId: number;
  readonly quantity: number;
  readonly allocated: number;
  readonly backordered: number;
  readonly cancelled: number;
  readonly unitPrice: number;
}

export interface LineRecord {
  readonly id: number;
  readonly lineNo: number;
  readonly itemId: number;
  readonly sku: string;
  readonly quantity: number;
  readonly allocated: number;
  readonly backordered: number;
  readonly shipped: number;
  readonly cancelled: number;
  readonly unitPrice: number;
  readonly eta: string | null;
  readonly etaEstimated: boolean;
  readonly allocations: readonly (LocationTake & { readonly location: string })[];
}

export interface OrderRecord {
  readonly id: number;
  readonly externalId: string | null;
  readonly idempotencyKey: string | null;
  readonly requestHash: string;
  readonly customer: { readonly id: string | null; readonly email: string | null; readonly name: string | null };
  readonly priority: number;
  readonly shortage: ShortageMode;
  readonly status: OrderStatus;
  /** A rejected order placed again under its externalId: the next order recorded under it, whose demand counts instead. */
  readonly supersededBy: number | null;
  readonly rejection: string | null;
  readonly placedAt: string;
  readonly updatedAt: string;
  readonly lines: readonly LineRecord[];
}

export interface LineChange {
  readonly allocated?: number;
  readonly backordered?: number;
  readonly shipped?: number;
  readonly cancelled?: number;
}

export interface WaitingLineRow {
  readonly lineId: number;
  readonly orderId: number;
  readonly backordered: number;
  readonly eta: string | null;
  readonly etaEstimated: boolean;
  /** The day `eta` was promised. */
  readonly etaMadeOn: string | null;
}

/** A waiting line's new promise date (null: none, nothing is planned to fill it), the day it was made on. */
export interface EtaChange {
  readonly lineId: number;
  readonly eta: string | null;
  readonly estimated: boolean;
  readonly madeOn: string;
}

export interface QueueRow extends QueueEntry {
  readonly sku: string;
  readonly quantity: number;
  readonly allocated: number;
  readonly eta: string | null;
  readonly etaEstimated: boolean;
  readonly firstEta: string | null;
  readonly customer: { readonly id: string | null; readonly email: string | null; readonly name: string | null };
  readonly externalId: string | null;
}

export interface NewLostDemand {
  readonly orderId: number | null;
  readonly lineId: number | null;
  readonly itemId: number;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly reason: string;
}

export interface NewEvent {
  readonly type: string;
  readonly subjectType: 'order' | 'item' | 'po' | 'subscription' | 'endpoint';
  readonly subjectId: string;
  readonly payload: unknown;
}

export interface StoredEvent extends NewEvent {
  readonly seq: number;
  readonly createdAt: string;
}

export interface MovementFilter {
  readonly sku?: string;
  readonly location?: string;
  readonly kind?: string;
  readonly since?: string;
  readonly until?: string;
  /** Rows past this id in the reading order: greater ids oldest first, smaller ones newest first. */
  readonly afterId?: number;
  /** Newest first (descending ids) instead of the ledger's own order. */
  readonly newestFirst?: boolean;
  readonly limit: number;
}

export interface OrderFilter {
  readonly status?: string;
  /** Only orders with units waiting in a queue (backordered or partially shipped). */
  readonly waiting?: boolean;
  readonly sku?: string;
  /** Only orders with units allocated at this location now (what it has to pick). */
  readonly locationId?: number;
  /** The order placed under this external id (a rejected one too). */
  readonly externalId?: string;
  /** Orders of this customer address, in any case. */
  readonly customerEmail?: string;
  readonly customerId?: string;
  /** Orders changed at or after this instant (stored form). */
  readonly updatedSince?: string;
  readonly afterId?: number;
  readonly limit: number;
}

export interface ItemFilter {
  readonly search?: string;
  readonly afterSku?: string;
  readonly limit: number;
}

/** One transaction's (or one read's) view of the database. */
export interface UnitOfWork {
  /** The transaction's clock, ISO-8601 UTC; every row it writes carries this time. */
  readonly now: string;
  /** Whom a rise of an item's free stock tells among its back-in-stock subscribers (the shop's setting). */
  readonly subscriptionPolicy: SubscriptionPolicy;
  /** Suppliers, item–supplier links, purchase orders and receipts (SPEC §5). */
  readonly purchasing: PurchasingRecords;
  /** Demand history, forecasts and planning runs (SPEC §7). */
  readonly planning: PlanningRecords;
  /** Webhook endpoints, deliveries, the fan-out cursor and back-in-stock subscriptions (SPEC §6). */
  readonly communication: CommunicationRecords;

  insertItem(item: NewItem): Promise<Item>;
  updateItem(id: number, patch: Partial<NewItem>): Promise<void>;
  findItems(skus: readonly string[]): Promise<Item[]>;
  listItems(filter: ItemFilter): Promise<Item[]>;
  /** Locks the items' rows in id order (FOR NO KEY UPDATE on PostgreSQL) and returns them fresh. */
  lockItems(ids: readonly number[]): Promise<Item[]>;
  /** `lockItems` for the items with these skus, and those with `alsoItemIds`, all in one pass in id order. */
  lockItemsBySku(skus: readonly string[], alsoItemIds?: readonly number[]): Promise<Item[]>;
  /**
   * Makes placements under these external ids take turns, until the transaction ends: taken before
   * any item (the lock order: external ids, then items), so what `itemsOfOpenRejections` finds
   * stays so until the placement is recorded. No-op on SQLite, whose writers take turns anyway.
   */
  lockExternalIds(externalIds: readonly string[]): Promise<void>;
  /**
   * Makes location creations take turns until the transaction ends, so two codes that differ only
   * in case cannot both be made (the unique index compares exactly). Nothing else takes it. No-op on
   * SQLite, whose writers take turns anyway.
   */
  lockLocationCreation(): Promise<void>;
  changeItemBackordered(itemId: number, delta: number): Promise<void>;

  insertLocation(location: Omit<Location, 'id'>): Promise<Location>;
  updateLocation(id: number, patch: Partial<Omit<Location, 'id' | 'code'>>): Promise<void>;
  findLocations(codes: readonly string[]): Promise<Location[]>;
  /**
   * Locations by code, locked before any item (the lock order: locations, then items, both in id
   * order): `stock` for a change that may create a stock level there (shared: such changes run side
   * by side), `settings` for a change of the location itself such as (de)activating it, which
   * waits for those and makes them wait. No-ops on SQLite, whose writers take turns anyway.
   */
  lockLocations(codes: readonly string[], purpose: 'stock' | 'settings'): Promise<Location[]>;
  listLocations(): Promise<Location[]>;

  /** Ids of the items that have a stock level at a location. */
  stockedItemsAt(locationId: number): Promise<number[]>;
  stocksOf(itemIds: readonly number[]): Promise<LocatedStock[]>;
  /** Adds deltas to a stock level in one statement (creating it at zero first if needed). */
  changeStock(itemId: number, locationId: number, onHandDelta: number, allocatedDelta: number): Promise<void>;
  /**
   * Allocates units at stock levels that exist (the units were planned from them), all in one
   * statement; fails if a level is missing. The table's CHECKs still refuse any overdraw.
   */
  allocateStock(takes: readonly { itemId: number; locationId: number; quantity: number }[]): Promise<void>;
  insertMovements(movements: readonly NewMovement[]): Promise<void>;
  listMovements(filter: MovementFilter): Promise<Movement[]>;

  findOrder(id: number): Promise<OrderRecord | null>;
  /** The orders with these ids (those that exist), with their lines, in a few statements per chunk of ids. */
  findOrders(ids: readonly number[]): Promise<OrderRecord[]>;
  findOrderByIdempotencyKey(key: string): Promise<OrderRecord | null>;
  findOrderByExternalId(externalId: string): Promise<OrderRecord | null>;
  /** The rejected orders sent with this externalId, newest first (a rejected order does not hold its externalId). */
  rejectedOrdersOf(externalId: string): Promise<Pick<OrderRecord, 'id' | 'requestHash' | 'shortage'>[]>;
  /**
   * The items on the lines of rejected orders under these external ids that nothing superseded yet:
   * those whose daily totals `supersedeRejections` changes, to be locked with the order's own.
   */
  itemsOfOpenRejections(externalIds: readonly string[]): Promise<number[]>;
  /**
   * Marks every earlier rejected order under this external id that nothing superseded yet as
   * superseded by `orderId` (just recorded under it), and takes their lines' units and lost units out
   * of the daily totals of the days they were counted on: the latest attempt at a customer order is
   * its demand. The caller holds their items' locks (itemsOfOpenRejections).
   */
  supersedeRejections(externalId: string, orderId: number): Promise<void>;
  listOrders(filter: OrderFilter): Promise<OrderRecord[]>;
  /** Records a new order with its lines and their daily demand facts; returns the lines' ids in line order. */
  insertOrder(order: NewOrder, lines: readonly NewLine[]): Promise<{ orderId: number; lineIds: number[] }>;
  setOrderStatus(orderId: number, status: OrderStatus): Promise<void>;
  /**
   * Notes that these orders' lines changed in this transaction: their units (`orderIds`: each one's
   * status is derived again from its lines) or only what a line says (`alsoMarked`: a moved promise
   * date). Each is marked updated now, so a caller polling orders by updatedAt sees a fill, a
   * shipment, a cancellation or a return to the queue even when the status stays the same. Written
   * once, just before the transaction commits (or before a read of one of them), every row locked
   * in ascending id, however many steps noted them: written step by step, two transactions holding
   * different items' locks and sharing two orders could each hold one the other waits for.
   */
  noteOrdersChanged(orderIds: readonly number[], alsoMarked?: readonly number[]): void;
  setOrderPriority(orderId: number, priority: number): Promise<void>;
  changeLine(lineId: number, change: LineChange): Promise<void>;
  /** `changeLine` for many lines, in one statement per chunk (the changes of a line named twice add up). */
  changeLines(changes: readonly ({ readonly lineId: number } & LineChange)[]): Promise<void>;
  /** Records the first allocations of freshly inserted lines in one statement. */
  insertLineAllocations(rows: readonly { lineId: number; itemId: number; locationId: number; quantity: number }[]): Promise<void>;
  /** Adds to (or creates) line allocations in bulk: the set-based path of queue filling. */
  addLineAllocations(rows: readonly { lineId: number; itemId: number; locationId: number; quantity: number }[]): Promise<void>;
  /** Moves units of many lines from backordered to allocated in one statement per chunk. */
  moveBackorderedToAllocated(changes: readonly { lineId: number; quantity: number }[]): Promise<void>;
  changeLineAllocation(lineId: number, itemId: number, locationId: number, delta: number): Promise<void>;

  /** The item's waiting backorders in serving order. */
  queueOf(itemId: number): Promise<QueueRow[]>;
  /** Up to `limit` lines of the queue served after `after` (from its head without it), with what waits ahead of them. */
  queuePageOf(itemId: number, after: QueueKey | undefined, limit: number): Promise<QueuePage>;
  /** Where each of these lines that waits stands in its item's queue (lines that do not wait are left out). */
  queuePlacesOf(lineIds: readonly number[]): Promise<Map<number, QueuePlace>>;
  /** The same queue with only what promise dates need: cheap enough to walk on every change. */
  waitingLinesOf(itemId: number): Promise<WaitingLineRow[]>;
  /** Customers of these orders, by order id, for event payloads. */
  orderCustomers(orderIds: readonly number[]): Promise<Map<number, QueueRow['customer']>>;
  /** Open allocations of an item at one location, with their lines' queue keys. */
  allocationsAt(itemId: number, locationId: number): Promise<AllocationAtLocation[]>;
  setEtas(etas: readonly EtaChange[]): Promise<void>;
  /**
   * Ids of the items, in id order, whose waiting lines' promises are out of date by `today`: one's
   * date is before it, or an open purchase-order line that was not overdue when one was made is
   * now (its expected date is on or after that promise's day, and before today).
   */
  itemsWithStalePromises(today: string): Promise<number[]>;

  /** Open purchase-order units of an item not yet received, by expected date. */
  incomingSupplyOf(itemId: number): Promise<IncomingSupply[]>;
  /** Open purchase-order units not yet received, per item (items without any are absent). */
  incomingUnitsOf(itemIds: readonly number[]): Promise<Map<number, number>>;
  /** Lead time of the item's preferred supplier, or null when it has none. */
  preferredLeadTimeDays(itemId: number): Promise<number | null>;

  /** The kept outcome of a request sent with this Idempotency-Key (see oncePerKey), or null. */
  findRequestOutcome(key: string): Promise<{ readonly requestHash: string; readonly outcome: string } | null>;
  saveRequestOutcome(key: string, requestHash: string, outcome: string): Promise<void>;
  insertLostDemand(rows: readonly NewLostDemand[]): Promise<void>;
  /** Records waiting units of lines cancelled now, in the order given (the ledger dates every other change of a backorder). */
  recordBackorderCancellations(rows: readonly { readonly lineId: number; readonly itemId: number; readonly quantity: number }[]): Promise<void>;
  insertEvents(events: readonly NewEvent[]): Promise<void>;
  listEvents(afterSeq: number, limit: number): Promise<StoredEvent[]>;

  /**
   * Records that an item's available units crossed zero now: opens a stockout when `out`, closes
   * the open one otherwise. `initial` marks the stretch before an item ever had stock.
   */
  recordStockout(itemId: number, out: boolean, initial?: boolean): Promise<void>;
  /**
   * The same for one stock level: its available units (on hand − allocated there) crossed zero now.
   * `initial` marks a level that came into being with nothing available.
   */
  recordLocationStockout(itemId: number, locationId: number, out: boolean, initial?: boolean): Promise<void>;
  /** Raw facts for the KPIs of one period (SPEC §8), aggregated in the database. */
  kpiFacts(query: { readonly from: string; readonly until: string; readonly asOf: string; readonly skus?: readonly string[] | undefined }): Promise<KpiFacts>;

  /** Every broken invariant of SPEC §3, found by set-based queries over the whole database. */
  invariantViolations(): Promise<InvariantViolation[]>;
}

// ---------------------------------------------------------------------------------------------
// HTTP API: API keys, listings and readiness. Declared as a second part of UnitOfWork (interface
// declaration merging) so this section stays apart from the core port above.
// ---------------------------------------------------------------------------------------------

export interface NewApiKey {
  readonly name: string;
  readonly role: Role;
  /** First 16 hex digits of `keyHash`: finds the row without comparing the whole hash in SQL. */
  readonly lookup: string;
  readonly keyHash: string;
}

export interface ApiKeyRecord {
  readonly id: number;
  readonly name: string;
  readonly role: Role;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

export interface StoredApiKey extends ApiKeyRecord {
  readonly keyHash: string;
}

export interface StockLevelFilter {
  readonly itemId?: number;
  readonly locationId?: number;
  /** Keyset cursor: levels after this (sku, location code) pair, in that order. */
  readonly after?: { readonly sku: string; readonly location: string };
  readonly limit: number;
}

export interface StockLevelRow {
  readonly itemId: number;
  readonly locationId: number;
  readonly sku: string;
  readonly location: string;
  readonly locationActive: boolean;
  readonly onHand: number;
  readonly allocated: number;
}

export interface BackorderFilter {
  readonly afterLineId?: number;
  readonly limit: number;
}

/** A waiting line's place in its item's queue: 1 is served first; the units waiting ahead of it. */
export interface QueuePlace {
  readonly position: number;
  readonly unitsAhead: number;
}

/** A stretch of an item's queue in serving order, and the lines and units waiting ahead of its first line. */
export interface QueuePage {
  readonly rows: readonly QueueRow[];
  readonly linesAhead: number;
  readonly unitsAhead: number;
}

/** A waiting backorder with its place in its item's queue. */
export interface BackorderRow extends QueueRow {
  readonly position: number;
  /** Backordered units ahead of this line in its item's queue. */
  readonly unitsAhead: number;
}

/** Storage of API keys; `UnitOfWork.apiKeys` hands it out. */
export interface ApiKeyRecords {
  insert(key: NewApiKey): Promise<ApiKeyRecord>;
  list(): Promise<ApiKeyRecord[]>;
  /** Keys (revoked ones too) whose hash starts with `lookup`. */
  findByLookup(lookup: string): Promise<StoredApiKey[]>;
  /** The keys not revoked, locked (FOR UPDATE on PostgreSQL) so a revocation sees a stable set. */
  lockActive(): Promise<ApiKeyRecord[]>;
  revoke(id: number): Promise<void>;
}

export interface UnitOfWork {
  readonly apiKeys: ApiKeyRecords;
  listStockLevels(filter: StockLevelFilter): Promise<StockLevelRow[]>;
  /** Waiting backorders of every item, oldest line first, each with its queue position. */
  listBackorders(filter: BackorderFilter): Promise<BackorderRow[]>;
  /** Answers when the database does (readiness). */
  ping(): Promise<void>;
  /**
   * Runs `work` inside a savepoint of the current transaction: if it throws, everything it wrote
   * is undone (and the error rethrown) while the rest of the transaction stands.
   */
  savepoint<T>(work: () => Promise<T>): Promise<T>;
}

// ---------------------------------------------------------------------------------------------
// Audit trail of setting changes (SPEC §9): who changed which setting, when, and how.
// ---------------------------------------------------------------------------------------------

/** What an audit entry is about: a setting record or a purchase order. */
export type AuditSubjectType = 'item' | 'location' | 'supplier' | 'item_supplier' | 'webhook_endpoint' | 'api_key' | 'purchase_order';

export interface NewAuditEntry {
  readonly actor: string;
  readonly subjectType: AuditSubjectType;
  /** The subject's natural key: sku, location or supplier code, `sku/supplier`, or an id. */
  readonly subjectKey: string;
  /** created, updated, deleted, revoked, sent, cancelled, lines_added, line_removed… */
  readonly action: string;
  readonly changes: FieldChanges;
}

export interface AuditEntry extends NewAuditEntry {
  readonly id: number;
  readonly createdAt: string;
}

export interface AuditFilter {
  readonly subjectType?: AuditSubjectType;
  readonly subjectKey?: string;
  readonly actor?: string;
  readonly since?: string;
  readonly until?: string;
  /** Keyset cursor: entries with a smaller id (the list runs newest first). */
  readonly beforeId?: number;
  readonly limit: number;
}

/** Storage of the audit trail; `UnitOfWork.audit` hands it out. Append-only. */
export interface AuditRecords {
  record(entries: readonly NewAuditEntry[]): Promise<void>;
  list(filter: AuditFilter): Promise<AuditEntry[]>;
}

export interface UnitOfWork {
  readonly audit: AuditRecords;
}
