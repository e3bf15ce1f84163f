import { planRelease, type ReleasePlan } from '../domain/release.js';
import { snapshotStatuses } from './item-status.js';
import { lockOrder } from './lock-order.js';
import { oncePerKey, type IdempotencyOptions } from './once-per-key.js';
import { orderView, type OrderView } from './order-view.js';
import type { LineRecord, NewEvent, NewMovement, OrderRecord, Store, UnitOfWork } from './ports.js';
import { fail, invalid, ok, Rollback, type Result } from './result.js';
import { settleItems } from './settle-items.js';
import { unitCount } from './unit-count.js';
import { checkKnownFields, checkQuantity, checkSku, checkText, firstFailure, isRecord, MAX_LINES } from './validate.js';

/** Units of one sku to cancel; `waitingOnly` cancels backordered units only, never allocated ones. */
export interface CancelLine {
  readonly sku: string;
  readonly quantity: number;
  readonly waitingOnly?: boolean;
}

interface CancelRequest {
  readonly lines: readonly CancelLine[] | null;
  readonly reason: string;
}

/**
 * Cancels a whole order or some units of its lines (SPEC §3): backordered units first, then
 * allocated ones; released stock goes to the head of the queue in the same transaction. With an
 * Idempotency-Key, a retry of the same cancellation answers the first outcome and cancels nothing more.
 */
export async function cancelOrder(store: Store, orderId: number, input: unknown, actor: string, options: IdempotencyOptions = {}): Promise<Result<OrderView>> {
  const parsed = parseCancel(input);
  if (!parsed.ok) return parsed;
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { cancelOrder: orderId, request: parsed.value }, async () => {
    const locked = await lockOrder(tx, orderId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    if (order.status === 'rejected') return fail('CONFLICT', `order ${orderId} was rejected; there is nothing to cancel`, { status: order.status });
    const before = await snapshotStatuses(tx, items);
    const requests = parsed.value.lines ?? order.lines.map((l) => ({ sku: l.sku, quantity: l.allocated + l.backordered })).filter((l) => l.quantity > 0);
    if (requests.length === 0) return fail('CONFLICT', `order ${orderId} has no open units to cancel (it is ${order.status.replaceAll('_', ' ')})`, { status: order.status });
    const [released = []] = await releaseOrderUnits(tx, [{ order, requests }], actor);
    tx.noteOrdersChanged([orderId]);
    await tx.insertEvents([orderCancelledEvent(order, parsed.value.reason, released, parsed.value.lines === null)]);
    await settleItems(tx, items.map((i) => i.id), before, actor);
    return ok(orderView((await tx.findOrder(orderId)) as OrderRecord));
  }));
}

/** One order's cancellation: the order as read under the locks of its items, and the units to release. */
export interface OrderCancellation {
  readonly order: OrderRecord;
  readonly requests: readonly CancelLine[];
}

/** What a cancellation takes from one line, planned before anything is written. */
interface LineRelease {
  readonly orderId: number;
  readonly lineId: number;
  readonly itemId: number;
  readonly quantity: number;
  readonly plan: ReleasePlan;
}

/**
 * Releases units of orders whose items the caller holds locked, by the rules of SPEC §3
 * (backordered units first, then allocated ones, each line's units conserved), order by order and
 * request by request; a request for more than is open is refused with a Rollback. Every release is
 * planned in memory first, then written together: a few statements for any number of orders and
 * lines, never a round trip per line (cancelling an item's whole queue touches thousands). The
 * caller then refreshes the orders' statuses, records `orderCancelledEvent` and settles the items.
 * Returns what was released, per cancellation.
 */
export async function releaseOrderUnits(tx: UnitOfWork, cancellations: readonly OrderCancellation[], actor: string): Promise<CancelLine[][]> {
  const releases: LineRelease[] = [];
  const released = cancellations.map(({ order, requests }) => planOrderRelease(order, requests, releases));
  await writeReleases(tx, releases, actor);
  return released;
}

/** The `order.cancelled` event customers hear of a cancellation by (the reason stays the shop's). */
export function orderCancelledEvent(order: OrderRecord, reason: string, released: readonly CancelLine[], whole: boolean): NewEvent {
  return {
    type: 'order.cancelled', subjectType: 'order', subjectId: String(order.id),
    payload: { orderId: order.id, externalId: order.externalId, customer: order.customer, reason, lines: released.map((l) => ({ sku: l.sku, quantity: l.quantity })), whole },
  };
}

/** A line as a cancellation leaves it, kept in memory while the later requests of its order are planned. */
interface OpenLine {
  readonly line: LineRecord;
  backordered: number;
  allocated: number;
  allocations: LineRecord['allocations'];
}

/** Plans one order's requests into `releases`, each request against the lines as the earlier ones left them. */
function planOrderRelease(order: OrderRecord, requests: readonly CancelLine[], releases: LineRelease[]): CancelLine[] {
  const lines: OpenLine[] = order.lines.map((line) => ({ line, backordered: line.backordered, allocated: line.allocated, allocations: line.allocations }));
  return requests.map((request, index) => {
    planUnits(order.id, lines, request, `lines[${index}]`, releases);
    return { sku: request.sku, quantity: request.quantity };
  });
}

function planUnits(orderId: number, orderLines: readonly OpenLine[], request: CancelLine, field: string, releases: LineRelease[]): void {
  const lines = orderLines.filter((l) => l.line.sku === request.sku);
  if (lines.length === 0) throw new Rollback(invalid(`${field}.sku`, `order ${orderId} has no line for ${request.sku}`));
  // Waiting only: a caller that saw units waiting must not cancel units allocated since.
  const cancellable = (l: OpenLine) => (request.waitingOnly === true ? l.backordered : l.allocated + l.backordered);
  const open = lines.reduce((sum, l) => sum + cancellable(l), 0);
  if (request.quantity > open) {
    const words = request.waitingOnly === true ? 'still waiting (the rest have been allocated or cancelled)' : 'open';
    throw new Rollback(fail('CONFLICT', `${field}.quantity: only ${unitCount(open)} of ${request.sku} ${open === 1 ? 'is' : 'are'} ${words}`, { field: `${field}.quantity`, open }));
  }
  // Waiting units first, from every line of the sku (last lines first), then allocated ones (SPEC §3):
  // units set aside for the customer are not given up while units of the same sku still wait.
  const takes = new Map<OpenLine, number>();
  let need = request.quantity;
  for (const units of [(l: OpenLine) => l.backordered, cancellable]) {
    for (const held of [...lines].reverse()) {
      const take = Math.min(need, units(held) - (takes.get(held) ?? 0));
      if (take <= 0) continue;
      takes.set(held, (takes.get(held) ?? 0) + take);
      need -= take;
    }
  }
  for (const held of [...lines].reverse()) {
    const take = takes.get(held) ?? 0;
    if (take === 0) continue;
    const plan = planRelease(held, take);
    if (!plan) throw new Error(`planUnits: line ${held.line.id} holds fewer than ${take} units`);
    releases.push({ orderId, lineId: held.line.id, itemId: held.line.itemId, quantity: take, plan });
    // The line as the writes will leave it; an allocation released to nothing is gone, as its row will be.
    const takenAt = (locationId: number) => plan.fromAllocations.filter((t) => t.locationId === locationId).reduce((sum, t) => sum + t.quantity, 0);
    held.backordered -= plan.fromBackorder;
    held.allocated -= plan.fromAllocations.reduce((sum, t) => sum + t.quantity, 0);
    held.allocations = held.allocations.map((a) => ({ ...a, quantity: a.quantity - takenAt(a.locationId) })).filter((a) => a.quantity > 0);
  }
}

/**
 * Writes planned releases: allocations given back at their locations (with their ledger movements,
 * in plan order), then every line, every item's waiting count and every cancelled wait at once.
 */
async function writeReleases(tx: UnitOfWork, releases: readonly LineRelease[], actor: string): Promise<void> {
  const movements: NewMovement[] = [];
  const backorderedByItem = new Map<number, number>();
  for (const { orderId, lineId, itemId, plan } of releases) {
    for (const take of plan.fromAllocations) {
      await tx.changeLineAllocation(lineId, itemId, take.locationId, -take.quantity);
      await tx.changeStock(itemId, take.locationId, 0, -take.quantity);
      movements.push({ itemId, locationId: take.locationId, kind: 'deallocation', onHandDelta: 0, allocatedDelta: -take.quantity, reason: 'cancelled', orderId, lineId, actor });
    }
    backorderedByItem.set(itemId, (backorderedByItem.get(itemId) ?? 0) + plan.fromBackorder);
  }
  await tx.changeLines(releases.map(({ lineId, quantity, plan }) => ({
    lineId, backordered: -plan.fromBackorder, allocated: -plan.fromAllocations.reduce((sum, t) => sum + t.quantity, 0), cancelled: quantity,
  })));
  for (const [itemId, units] of [...backorderedByItem].sort(([a], [b]) => a - b)) await tx.changeItemBackordered(itemId, -units);
  await tx.recordBackorderCancellations(releases.filter((r) => r.plan.fromBackorder > 0).map((r) => ({ lineId: r.lineId, itemId: r.itemId, quantity: r.plan.fromBackorder })));
  await tx.insertMovements(movements);
}

function parseCancel(input: unknown): Result<CancelRequest> {
  const body = input ?? {};
  if (!isRecord(body)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', body, ['lines', 'reason']),
    body['reason'] !== undefined ? checkText('reason', body['reason'], { max: 500, multiline: true }) : null,
  );
  if (failure) return failure;
  const reason = (body['reason'] as string | undefined) ?? 'cancelled';
  if (body['lines'] === undefined) return ok({ lines: null, reason });
  const lines = body['lines'];
  if (!Array.isArray(lines) || lines.length === 0) return invalid('lines', 'must be a non-empty list');
  if (lines.length > MAX_LINES) return invalid('lines', `must have at most ${MAX_LINES} lines`);
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    if (!isRecord(line)) return invalid(field, 'must be an object');
    const lineFailure = firstFailure(
      checkKnownFields(field, line, ['sku', 'quantity', 'waitingOnly']),
      checkSku(`${field}.sku`, line['sku']),
      checkQuantity(`${field}.quantity`, line['quantity']),
      line['waitingOnly'] !== undefined && typeof line['waitingOnly'] !== 'boolean' ? invalid(`${field}.waitingOnly`, 'must be true or false') : null,
    );
    if (lineFailure) return lineFailure;
  }
  return ok({ lines: lines as CancelLine[], reason });
}
