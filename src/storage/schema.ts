import type { Generated } from 'kysely';

/** Kysely's view of the tables (SPEC §1 names, snake_case in SQL). Booleans are 0/1 on both dialects. */
export interface Database {
  items: ItemsTable;
  stockouts: StockoutsTable;
  location_stockouts: LocationStockoutsTable;
  location_days: LocationDaysTable;
  item_days: ItemDaysTable;
  locations: LocationsTable;
  stock_levels: StockLevelsTable;
  movements: MovementsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  line_allocations: LineAllocationsTable;
  request_outcomes: RequestOutcomesTable;
  lost_demand: LostDemandTable;
  backorder_cancellations: BackorderCancellationsTable;
  events: EventsTable;
  suppliers: SuppliersTable;
  item_suppliers: ItemSuppliersTable;
  purchase_orders: PurchaseOrdersTable;
  po_lines: PoLinesTable;
  receipts: ReceiptsTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  webhook_endpoints: WebhookEndpointsTable;
  deliveries: DeliveriesTable;
  line_dates_mailed: LineDatesMailedTable;
  outbox_cursors: OutboxCursorsTable;
  subscriptions: SubscriptionsTable;
  communication_secrets: CommunicationSecretsTable;
  demand_history: DemandHistoryTable;
  forecasts: ForecastsTable;
  planning_runs: PlanningRunsTable;
}

export interface ItemDaysTable {
  item_id: number;
  day: string;
  requested: number;
  revenue: number;
  placed_allocated: number;
  placed_backordered: number;
  lines: number;
  full_lines: number;
  lost: number;
  lost_revenue: number;
  on_hand_delta: number;
  shipped: number;
}

export interface StockoutsTable {
  id: Generated<number>;
  item_id: number;
  started_at: string;
  ended_at: string | null;
  initial: number;
}

export interface ItemsTable {
  id: Generated<number>;
  sku: string;
  name: string;
  unit_price: number;
  unit_cost: number;
  backorder_policy: string;
  backorder_limit: number | null;
  low_stock_threshold: number;
  lead_time_days: number;
  substitutes: string;
  discontinued: number;
  backordered: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface LocationsTable {
  id: Generated<number>;
  code: string;
  name: string;
  priority: number;
  active: number;
  created_at: string;
}

export interface StockLevelsTable {
  item_id: number;
  location_id: number;
  on_hand: number;
  allocated: number;
  /** When stock first arrived at (or was counted at) this location; null only for levels older than the column with no movement. */
  created_at: string | null;
}

/** Stretches of time a location had no available units of an item (like `stockouts`, per location). */
export interface LocationStockoutsTable {
  id: Generated<number>;
  item_id: number;
  location_id: number;
  started_at: string;
  ended_at: string | null;
  initial: number;
}

/** Daily per item and location totals of on-hand changes, shipments and receipts. */
export interface LocationDaysTable {
  item_id: number;
  location_id: number;
  day: string;
  on_hand_delta: number;
  shipped: number;
  received: number;
}

export interface MovementsTable {
  id: Generated<number>;
  item_id: number;
  location_id: number;
  kind: string;
  on_hand_delta: number;
  allocated_delta: number;
  reason: string | null;
  order_id: number | null;
  line_id: number | null;
  reference: string | null;
  actor: string;
  created_at: string;
}

export interface OrdersTable {
  id: Generated<number>;
  /** Unique among orders that were not rejected. */
  external_id: string | null;
  /** The external id a rejected order was placed with (not held: the order may be placed again). */
  rejected_external_id: string | null;
  /** A rejected order placed again under its external id: the next order recorded under it, which counts instead. */
  superseded_by: number | null;
  idempotency_key: string | null;
  request_hash: string;
  customer_id: string | null;
  customer_email: string | null;
  customer_name: string | null;
  priority: number;
  shortage: string;
  status: string;
  rejection: string | null;
  placed_at: string;
  updated_at: string;
  placed_full: Generated<number>;
}

export interface OrderLinesTable {
  id: Generated<number>;
  order_id: number;
  line_no: number;
  item_id: number;
  quantity: number;
  allocated: number;
  backordered: number;
  shipped: number;
  cancelled: number;
  unit_price: number;
  /** Copies of the order's priority and placedAt, so the queue is one index scan. */
  priority: number;
  placed_at: string;
  eta: string | null;
  eta_estimated: number;
  /** The day the promise in `eta` was made (see heldPromiseDates). */
  eta_made_on: string | null;
  first_eta: string | null;
  placed_allocated: Generated<number>;
  placed_backordered: Generated<number>;
}

/** The first outcome of a shipment or cancellation sent with an Idempotency-Key. */
export interface RequestOutcomesTable {
  idempotency_key: string;
  request_hash: string;
  /** The answer as JSON. */
  outcome: string;
  created_at: string;
}

export interface LineAllocationsTable {
  line_id: number;
  item_id: number;
  location_id: number;
  quantity: number;
}

export interface LostDemandTable {
  id: Generated<number>;
  order_id: number | null;
  line_id: number | null;
  item_id: number;
  quantity: number;
  unit_price: number;
  reason: string;
  created_at: string;
}

/** Waiting units cancelled, when (see migration 0013). */
export interface BackorderCancellationsTable {
  id: Generated<number>;
  line_id: number;
  item_id: number;
  quantity: number;
  created_at: string;
}

export interface EventsTable {
  seq: Generated<number>;
  type: string;
  subject_type: string;
  subject_id: string;
  payload: string;
  created_at: string;
}

export interface SuppliersTable {
  id: Generated<number>;
  code: string;
  name: string;
  email: string | null;
  lead_time_days: number;
  created_at: string;
  updated_at: string;
}

export interface ItemSuppliersTable {
  item_id: number;
  supplier_id: number;
  supplier_sku: string | null;
  unit_cost: number;
  lead_time_days: number | null;
  moq: number;
  pack_size: number;
  preferred: number;
}

export interface PurchaseOrdersTable {
  id: Generated<number>;
  supplier_id: number;
  reference: string | null;
  status: string;
  created_at: string;
  ordered_at: string | null;
  closed_at: string | null;
  updated_at: string;
}

export interface PoLinesTable {
  id: Generated<number>;
  po_id: number;
  line_no: number;
  item_id: number;
  quantity: number;
  received: Generated<number>;
  cancelled: Generated<number>;
  unit_cost: number;
  expected_on: string;
  /** 1 while `expected_on` is the lead time from the day the line was made (counted again on sending). */
  expected_by_lead_time: Generated<number>;
  promised_on: string | null;
}

export interface ReceiptsTable {
  id: Generated<number>;
  po_id: number;
  po_line_id: number;
  item_id: number;
  location_id: number;
  quantity: number;
  received_on: string;
  actor: string;
  created_at: string;
}

/** API keys: only the SHA-256 hash of a key is stored; `lookup` is the hash's first 16 hex digits. */
export interface ApiKeysTable {
  id: Generated<number>;
  name: string;
  role: string;
  lookup: string;
  key_hash: string;
  created_at: string;
  revoked_at: string | null;
}

/** The audit trail of setting changes; `changes` is JSON `{ field: { from, to } }`. */
export interface AuditLogTable {
  id: Generated<number>;
  created_at: string;
  actor: string;
  subject_type: string;
  subject_key: string;
  action: string;
  changes: string;
}

export interface WebhookEndpointsTable {
  id: Generated<number>;
  url: string;
  secret: string;
  /** JSON list of event types ('order.*' matches a family); empty means every type. */
  event_types: string;
  description: string | null;
  active: number;
  failure_streak: Generated<number>;
  failing_since: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  target: string;
  endpoint_id: number | null;
  event_seq: number;
  event_type: string;
  subject: string;
  status: string;
  attempts: Generated<number>;
  next_attempt_at: string;
  locked_until: string | null;
  locked_by: string | null;
  last_error: string | null;
  last_status: number | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
}

/** The promise date each backordered line's customer was last mailed (see migration 0024). */
export interface LineDatesMailedTable {
  line_id: number;
  /** null: the mail said the line had no date (yet, or any more). */
  eta: string | null;
}

export interface OutboxCursorsTable {
  name: string;
  last_seq: number;
  gap_horizon: number | null;
  /** JSON list of the transactions that were writing events when the hole was seen (PostgreSQL). */
  gap_writers: string | null;
  gap_seen_at: string | null;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  item_id: number;
  sku: string;
  email: string;
  email_key: string;
  status: string;
  requests: Generated<number>;
  created_at: string;
  notified_at: string | null;
  /** The instant of the restock (its transaction) that told this subscriber. */
  notified_for: string | null;
  unsubscribed_at: string | null;
}

export interface CommunicationSecretsTable {
  name: string;
  value: string;
}

/** Demand imported from before Restock took orders (SPEC §7); location_id null is network demand. */
export interface DemandHistoryTable {
  id: Generated<number>;
  item_id: number;
  location_id: number | null;
  day: string;
  quantity: number;
  imported_at: string;
}

/** The latest forecast of each item; `mean` and `quantiles` are JSON per 7-day step from `start_day`. */
export interface ForecastsTable {
  item_id: number;
  method: string;
  demand_class: string;
  adi: number | null;
  cv2: number;
  history_start: string;
  history_days: number;
  start_day: string;
  horizon_days: number;
  mean: string;
  quantiles: string;
  dispersion: number;
  level_uncertainty: number;
  backtest_loss: number;
  scores: string;
  protection_days: number;
  lead_time_rmse: number | null;
  lead_time_origins: number;
  computed_at: string;
}

export interface PlanningRunsTable {
  id: Generated<number>;
  trigger: string;
  run_day: string;
  status: string;
  items: Generated<number>;
  suggestions: Generated<number>;
  error: string | null;
  started_at: string;
  finished_at: string | null;
  /** The PlanningSettings the run used, as JSON; null for runs before migration 0021. */
  settings: string | null;
}
