import type { PromiseDate } from '../domain/eta.js';
import { planPlacement, type ItemState, type PlannedLine, type RequestedLine, type ShortLine } from '../domain/placement.js';
import { orderStatus } from '../domain/order-status.js';
import type { Item, LocatedStock, ShortageMode } from '../domain/types.js';
import { statusesFrom } from './item-status.js';
import { orderView, type OrderView } from './order-view.js';
import { placedOrderView, type PlacedOrder } from './placed-order-view.js';
import { asReplay, checkIdempotencyKey, type Replayable } from './once-per-key.js';
import { hashRequest } from './request-hash.js';
import type { NewEvent, NewOrder, Store, UnitOfWork } from './ports.js';
import { fail, invalid, ok, type Failure, type Result } from './result.js';
import { settleItems, type KnownState } from './settle-items.js';
import { checkEmail, checkInteger, checkKnownFields, checkOneOf, checkQuantity, checkSku, checkText, firstFailure, isRecord, MAX_LINES, MAX_QUANTITY } from './validate.js';

export interface PlaceOrderOptions {
  readonly idempotencyKey?: string | undefined;
  readonly actor: string;
}

interface OrderRequest {
  readonly externalId: string | null;
  readonly customer: NewOrder['customer'];
  readonly priority: number;
  readonly shortage: ShortageMode;
  readonly lines: readonly RequestedLine[];
}

/**
 * Places an order in one transaction (SPEC §3): allocates, backorders or cuts each line per its
 * shortage mode, or rejects the whole order with per-line availability and reserves nothing.
 * Idempotent by key and by externalId: a repeat returns the stored outcome, marked replayed; a
 * different body with the same key is IDEMPOTENCY_MISMATCH. A rejected order answers its key but
 * does not hold its externalId, so the storefront can place that order again (a resend still refused
 * answers as the earlier rejection). Every unit asked for and not accepted is lost demand, once:
 * the latest attempt recorded under an externalId is the customer order's demand, and the
 * rejections before it are marked superseded by it and leave the demand figures.
 */
export async function placeOrder(store: Store, input: unknown, options: PlaceOrderOptions): Promise<Replayable<OrderView>> {
  const prepared = prepareOrder(input, options);
  if (!prepared.ok) return prepared;
  return placePrepared(store, prepared.value);
}

/** Places an order already checked by `prepareOrder`, in a transaction of its own. */
export function placePrepared(store: Store, prepared: PreparedOrder): Promise<Replayable<OrderView>> {
  return store.transaction((tx) => placeWithin(tx, prepared));
}

/**
 * An order request checked and hashed, ready to be placed inside a transaction. The hash is of the
 * request as read (defaults filled in), so a retry that leaves out a default it had spelled out
 * (priority 0) is the same request; `sent` is the body as sent, whose hash (as earlier releases
 * hashed orders) is worked out only when a kept order's hash differs, so retries of orders they
 * placed still replay and no other placement hashes twice.
 */
export interface PreparedOrder {
  readonly request: OrderRequest;
  readonly requestHash: string;
  readonly sent: unknown;
  readonly options: PlaceOrderOptions;
}

/** Checks an order request (naming the first bad field) without touching the database. */
export function prepareOrder(input: unknown, options: PlaceOrderOptions): Result<PreparedOrder> {
  const parsed = parseOrderRequest(input);
  if (!parsed.ok) return parsed;
  const badKey = checkIdempotencyKey(options.idempotencyKey);
  if (badKey) return badKey;
  return ok({ request: parsed.value, requestHash: hashRequest(parsed.value), sent: input, options });
}

/** The skus of a prepared order's lines, once each. */
function skusOf(prepared: PreparedOrder): string[] {
  return [...new Set(prepared.request.lines.map((l) => l.sku))];
}

/**
 * Takes the locks placing these orders needs, in the global lock order, so a batch can take all of
 * its orders' up front: their external ids first (placements under one take turns, so the earlier
 * rejections under it stay as read until the order is recorded), then in one pass in id order their
 * items and the items of the rejections each may supersede. Superseding writes those items' daily
 * totals; without their locks it could wait for a transaction holding one of those rows (placing
 * that item, or superseding too) while that one waits for an item of ours: a deadlock. Returns every
 * item locked.
 */
export async function lockForPlacement(tx: UnitOfWork, orders: readonly PreparedOrder[]): Promise<Item[]> {
  const externalIds = orders.flatMap((o) => (o.request.externalId === null ? [] : [o.request.externalId]));
  await tx.lockExternalIds(externalIds);
  const supersedable = await tx.itemsOfOpenRejections(externalIds);
  return tx.lockItemsBySku([...new Set(orders.flatMap(skusOf))], supersedable);
}

/** Places a prepared order in the caller's transaction: everything `placeOrder` does inside its own. */
export async function placeWithin(tx: UnitOfWork, prepared: PreparedOrder): Promise<Replayable<OrderView>> {
  const { request, requestHash, sent, options } = prepared;
  const skus = new Set(skusOf(prepared));
  const items = (await lockForPlacement(tx, [prepared])).filter((item) => skus.has(item.sku));
  const unknown = request.lines.findIndex((l) => !items.some((i) => i.sku === l.sku));
  if (unknown >= 0) return invalid(`lines[${unknown}].sku`, `no item with sku ${request.lines[unknown]?.sku}`);
  const replay = await findReplay(tx, request, options.idempotencyKey, requestHash, sent);
  if (replay) return replay;
  const stocks = await tx.stocksOf(items.map((i) => i.id));
  const before = statusesFrom(items, stocks);
  const states = new Map(items.map((item) => [item.sku, { item, stocks: stocks.filter((s) => s.itemId === item.id) }]));
  const plan = planPlacement(request.lines, states, request.shortage);
  const order: NewOrder = {
    externalId: request.externalId,
    idempotencyKey: options.idempotencyKey ?? null,
    requestHash,
    customer: request.customer,
    priority: request.priority,
    shortage: request.shortage,
    status: 'rejected',
    rejection: null,
    placedAt: tx.now,
  };
  if (!plan.ok) return (await repeatedRejection(tx, prepared, plan.lines)) ?? reject(tx, order, request, states, plan.lines);
  const overflow = backorderOverflow(plan.lines, items);
  if (overflow) return overflow;
  const placed = await accept(tx, order, plan.lines, states, options.actor);
  const { promises } = await settleItems(tx, items.map((i) => i.id), before, options.actor, stateAfter(items, stocks, plan.lines));
  await tx.insertEvents(placementEvents(placed, order, plan.lines, promises));
  return ok(placedOrderView(placed, order, plan.lines, stocks, promises, tx.now));
}

/**
 * The items and stock levels as accepting `lines` leaves them: the writes are relative changes of
 * exactly these rows, made under the same locks, so nothing needs to be read again.
 */
function stateAfter(items: readonly Item[], stocks: readonly LocatedStock[], lines: readonly PlannedLine[]): KnownState {
  const waiting = new Map<number, number>();
  const taken = new Map<string, number>();
  for (const line of lines) {
    waiting.set(line.itemId, (waiting.get(line.itemId) ?? 0) + line.backordered);
    for (const take of line.takes) taken.set(`${line.itemId}|${take.locationId}`, (taken.get(`${line.itemId}|${take.locationId}`) ?? 0) + take.quantity);
  }
  return {
    items: items.map((item) => ({ ...item, backordered: item.backordered + (waiting.get(item.id) ?? 0) })),
    stocks: stocks.map((stock) => ({ ...stock, allocated: stock.allocated + (taken.get(`${stock.itemId}|${stock.locationId}`) ?? 0) })),
  };
}

/**
 * Stock counters are 32-bit integers on PostgreSQL: an order that would keep more than
 * MAX_QUANTITY units of one item waiting is refused (naming the line) rather than overflowing.
 */
function backorderOverflow(lines: readonly PlannedLine[], items: readonly Item[]): Failure | null {
  const waiting = new Map(items.map((i) => [i.id, i.backordered]));
  for (const [index, line] of lines.entries()) {
    const total = (waiting.get(line.itemId) ?? 0) + line.backordered;
    if (total > MAX_QUANTITY) {
      const field = `lines[${index}].quantity`;
      return fail('CONFLICT', `${field}: would keep ${total} units of ${line.sku} waiting, more than ${MAX_QUANTITY}`, { field });
    }
    waiting.set(line.itemId, total);
  }
  return null;
}

async function findReplay(tx: UnitOfWork, request: OrderRequest, key: string | undefined, hash: string, sent: unknown): Promise<Replayable<OrderView> | null> {
  const byKey = key !== undefined ? await tx.findOrderByIdempotencyKey(key) : null;
  const byExternalId = !byKey && request.externalId !== null ? await tx.findOrderByExternalId(request.externalId) : null;
  const existing = byKey ?? byExternalId;
  if (!existing) return null;
  if (!isSameRequest(existing.requestHash, hash, sent)) {
    const field = byKey ? 'Idempotency-Key' : 'externalId';
    return fail('IDEMPOTENCY_MISMATCH', `${field}: already used by order ${existing.id} with a different request`, { field, orderId: existing.id });
  }
  if (existing.status === 'rejected') return asReplay(rejection(existing.id, existing.shortage, JSON.parse(existing.rejection ?? '[]') as ShortLine[]));
  return asReplay(ok(orderView(existing)));
}

async function accept(tx: UnitOfWork, order: NewOrder, lines: readonly PlannedLine[], states: ReadonlyMap<string, ItemState>, actor: string): Promise<PlacedOrder> {
  const status = orderStatus(lines.map(lineUnits));
  const { orderId, lineIds } = await tx.insertOrder(
    { ...order, status },
    lines.map((line) => ({
      itemId: line.itemId,
      quantity: line.quantity,
      allocated: line.quantity - line.backordered - line.cancelled,
      backordered: line.backordered,
      cancelled: line.cancelled,
      unitPrice: priceOf(states, line.sku),
    })),
  );
  await supersedeEarlierRejections(tx, order.externalId, orderId);
  const allocations = lines.flatMap((line, index) =>
    line.takes.map((take) => ({ lineId: lineIds[index] as number, itemId: line.itemId, locationId: take.locationId, quantity: take.quantity })),
  );
  await tx.allocateStock(allocations);
  await tx.insertLineAllocations(allocations);
  await tx.insertMovements(
    allocations.map((a) => ({
      itemId: a.itemId, locationId: a.locationId, kind: 'allocation' as const, onHandDelta: 0,
      allocatedDelta: a.quantity, reason: 'order placed', orderId, lineId: a.lineId, actor,
    })),
  );
  for (const line of lines) if (line.backordered > 0) await tx.changeItemBackordered(line.itemId, line.backordered);
  await tx.insertLostDemand(
    lines
      .map((line, index) => ({ line, lineId: lineIds[index] as number }))
      .filter(({ line }) => line.cancelled > 0)
      .map(({ line, lineId }) => ({ orderId, lineId, itemId: line.itemId, quantity: line.cancelled, unitPrice: priceOf(states, line.sku), reason: 'unavailable' })),
  );
  return { id: orderId, lineIds, status };
}

/**
 * `order.placed` and a `line.backordered` for each line with units waiting, written once settling
 * has set the promise dates, so the events tell when waiting units are expected (SPEC §6: a
 * storefront tells its customer as the confirmation e-mail does).
 */
function placementEvents(placed: PlacedOrder, order: NewOrder, lines: readonly PlannedLine[], promises: ReadonlyMap<number, PromiseDate>): NewEvent[] {
  const orderId = placed.id;
  const promiseOf = (index: number) => {
    const promise = promises.get(placed.lineIds[index] as number);
    return { eta: promise?.eta ?? null, estimated: promise?.estimated ?? false };
  };
  const backordered = lines.flatMap((line, index): NewEvent[] =>
    line.backordered > 0
      ? [{
          type: 'line.backordered', subjectType: 'order', subjectId: String(orderId),
          payload: { orderId, lineId: placed.lineIds[index], sku: line.sku, quantity: line.backordered, ...promiseOf(index), customer: order.customer },
        }]
      : [],
  );
  const placedLines = lines.map((l, index) => ({
    sku: l.sku, quantity: l.quantity, allocated: l.quantity - l.backordered - l.cancelled, backordered: l.backordered, cancelled: l.cancelled, ...promiseOf(index),
  }));
  return [
    { type: 'order.placed', subjectType: 'order', subjectId: String(orderId), payload: { orderId, externalId: order.externalId, customer: order.customer, priority: order.priority, lines: placedLines } },
    ...backordered,
  ];
}

/**
 * A rejected order sent again with the same externalId and body without an Idempotency-Key (a
 * storefront retrying after a time-out) and still refused: answered as that earlier rejection, with
 * today's figures, and not recorded again, so its units count once as lost demand. Accepted, it is a
 * new order as before. A request with a key of its own is recorded under it, so the key keeps its
 * one outcome.
 */
async function repeatedRejection(tx: UnitOfWork, prepared: PreparedOrder, short: readonly ShortLine[]): Promise<Replayable<OrderView> | null> {
  const { request, requestHash, sent, options } = prepared;
  if (request.externalId === null || options.idempotencyKey !== undefined) return null;
  const earlier = (await tx.rejectedOrdersOf(request.externalId)).find((order) => isSameRequest(order.requestHash, requestHash, sent));
  return earlier ? asReplay(rejection(earlier.id, earlier.shortage, short)) : null;
}

/**
 * Whether a kept order's hash is of this request: as read (defaults filled in), or failing that as
 * sent, as earlier releases hashed orders (worked out only then: see PreparedOrder).
 */
function isSameRequest(kept: string, hash: string, sent: unknown): boolean {
  return kept === hash || kept === hashRequest(sent);
}

/** Records a rejected order (so a retry gets the same answer and the demand is not forgotten); reserves nothing. */
async function reject(tx: UnitOfWork, order: NewOrder, request: OrderRequest, states: ReadonlyMap<string, ItemState>, short: readonly ShortLine[]): Promise<Failure> {
  const { orderId, lineIds } = await tx.insertOrder(
    { ...order, status: 'rejected', rejection: JSON.stringify(short) },
    request.lines.map((line) => ({
      itemId: (states.get(line.sku) as ItemState).item.id, quantity: line.quantity,
      allocated: 0, backordered: 0, cancelled: line.quantity, unitPrice: priceOf(states, line.sku),
    })),
  );
  await supersedeEarlierRejections(tx, order.externalId, orderId);
  await tx.insertLostDemand(
    request.lines.map((line, index) => ({
      orderId, lineId: lineIds[index] as number, itemId: (states.get(line.sku) as ItemState).item.id,
      quantity: line.quantity, unitPrice: priceOf(states, line.sku), reason: 'rejected',
    })),
  );
  await tx.insertEvents([
    { type: 'order.rejected', subjectType: 'order', subjectId: String(orderId), payload: { orderId, externalId: order.externalId, customer: order.customer, lines: short } },
  ]);
  return rejection(orderId, order.shortage, short);
}

/**
 * The latest attempt recorded under an externalId is the customer order's demand: the rejections
 * recorded under it before `orderId` leave the demand figures (lockForPlacement locked their items).
 */
async function supersedeEarlierRejections(tx: UnitOfWork, externalId: string | null, orderId: number): Promise<void> {
  if (externalId !== null) await tx.supersedeRejections(externalId, orderId);
}

function rejection(orderId: number, shortage: ShortageMode, lines: readonly ShortLine[]): Failure {
  return fail('OUT_OF_STOCK', `not enough stock for ${shortfalls(shortage, lines)}; nothing was reserved`, { orderId, lines });
}

/**
 * Each item the order could not cover, with its figures: "BOLT (5 asked for, 1 available, none may
 * wait on backorder) and NUT (…)". Lines of one item draw on the same units, so they count together.
 */
function shortfalls(shortage: ShortageMode, lines: readonly ShortLine[]): string {
  const bySku = new Map<string, ShortLine>();
  for (const line of lines) {
    const seen = bySku.get(line.sku);
    bySku.set(line.sku, seen ? { ...seen, requested: seen.requested + line.requested } : line);
  }
  const short = [...bySku.values()].filter((l) => l.backorderable !== null && l.requested > l.available + l.backorderable);
  const described = short.map((l) => {
    const waiting = shortage === 'in_stock_only' ? '' : `, ${l.backorderable === 0 ? 'none' : `only ${l.backorderable} more`} may wait on backorder`;
    return `${l.sku} (${l.requested} asked for, ${l.available} available${waiting})`;
  });
  return described.length <= 1 ? (described[0] ?? 'this order') : `${described.slice(0, -1).join(', ')} and ${described.at(-1)}`;
}

function priceOf(states: ReadonlyMap<string, ItemState>, sku: string): number {
  return (states.get(sku) as ItemState).item.unitPrice;
}

function lineUnits(line: PlannedLine) {
  return { quantity: line.quantity, allocated: line.quantity - line.backordered - line.cancelled, backordered: line.backordered, shipped: 0, cancelled: line.cancelled };
}

function parseOrderRequest(input: unknown): Result<OrderRequest> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const customer = input['customer'];
  const failure = firstFailure(
    checkKnownFields('', input, ['externalId', 'customer', 'priority', 'shortage', 'lines']),
    input['externalId'] !== undefined && input['externalId'] !== null ? checkText('externalId', input['externalId'], { max: 128 }) : null,
    input['priority'] !== undefined ? checkInteger('priority', input['priority'], -1_000_000, 1_000_000) : null,
    input['shortage'] !== undefined ? checkOneOf('shortage', input['shortage'], ['backorder', 'partial', 'in_stock_only']) : null,
    customer !== undefined && customer !== null ? checkCustomer(customer) : null,
    checkLines(input['lines']),
  );
  if (failure) return failure;
  const c = (isRecord(customer) ? customer : {}) as Record<string, string | undefined>;
  return ok({
    externalId: (input['externalId'] as string | null | undefined) ?? null,
    customer: { id: c['id'] ?? null, email: c['email'] ?? null, name: c['name'] ?? null },
    priority: (input['priority'] as number | undefined) ?? 0,
    shortage: (input['shortage'] as ShortageMode | undefined) ?? 'backorder',
    lines: (input['lines'] as Record<string, unknown>[]).map((l) => ({ sku: l['sku'] as string, quantity: l['quantity'] as number })),
  });
}

function checkCustomer(customer: unknown): Failure | null {
  if (!isRecord(customer)) return invalid('customer', 'must be an object');
  return firstFailure(
    checkKnownFields('customer', customer, ['id', 'email', 'name']),
    customer['id'] !== undefined ? checkText('customer.id', customer['id'], { max: 128 }) : null,
    customer['name'] !== undefined ? checkText('customer.name', customer['name'], { max: 200 }) : null,
    customer['email'] !== undefined ? checkEmail('customer.email', customer['email']) : null,
  );
}

function checkLines(lines: unknown): Failure | null {
  if (!Array.isArray(lines) || lines.length === 0) return invalid('lines', 'must be a non-empty list');
  if (lines.length > MAX_LINES) return invalid('lines', `must have at most ${MAX_LINES} lines`);
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    if (!isRecord(line)) return invalid(field, 'must be an object');
    const failure = firstFailure(
      checkKnownFields(field, line, ['sku', 'quantity']),
      checkSku(`${field}.sku`, line['sku']),
      checkQuantity(`${field}.quantity`, line['quantity']),
    );
    if (failure) return failure;
  }
  return null;
}
