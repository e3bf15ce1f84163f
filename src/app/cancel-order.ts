import { planRelease } from '../domain/release.js';
import { snapshotStatuses } from './item-status.js';
import { lockOrder } from './lock-order.js';
import { oncePerKey } from './once-per-key.js';
import { orderView, type OrderView } from './order-view.js';
import type { LineRecord, NewEvent, NewMovement, OrderRecord, Store, UnitOfWork } from './ports.js';
import { refreshOrderStatuses } from './refresh-order-status.js';
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
export async function cancelOrder(store: Store, orderId: number, input: unknown, actor: string, options: { readonly idempotencyKey?: string | undefined } = {}): Promise<Result<OrderView>> {
  const parsed = parseCancel(input);
  if (!parsed.ok) return parsed;
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { cancelOrder: orderId, request: parsed.value }, async () => {
    const locked = await lockOrder(tx, orderId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    if (order.status === 'rejected') return fail('CONFLICT', `order ${orderId} was rejected; there is nothing to cancel`);
    const before = await snapshotStatuses(tx, items);
    const requests = parsed.value.lines ?? order.lines.map((l) => ({ sku: l.sku, quantity: l.allocated + l.backordered })).filter((l) => l.quantity > 0);
    if (requests.length === 0) return fail('CONFLICT', `order ${orderId} has no open units to cancel`);
    const released = await releaseOrderUnits(tx, order, requests, actor);
    await refreshOrderStatuses(tx, [orderId]);
    await tx.insertEvents([orderCancelledEvent(order, parsed.value.reason, released, parsed.value.lines === null)]);
    await settleItems(tx, items.map((i) => i.id), before, actor);
    return ok(orderView((await tx.findOrder(orderId)) as OrderRecord));
  }));
}

/**
 * Releases units of an order (as read under the locks) whose items the caller holds locked, by the rules of SPEC §3
 * (backordered units first, then allocated ones, each line's units conserved), request by request;
 * a request for more than is open is refused with a Rollback. The caller then refreshes the order's
 * status, records `orderCancelledEvent` and settles the items. Returns what was released.
 */
export async function releaseOrderUnits(tx: UnitOfWork, order: OrderRecord, requests: readonly CancelLine[], actor: string): Promise<CancelLine[]> {
  const released: CancelLine[] = [];
  for (const [index, request] of requests.entries()) {
    // Read the lines again: an earlier request of the same sku has already released some units.
    const current = index === 0 ? order : ((await tx.findOrder(order.id)) as OrderRecord);
    await cancelUnits(tx, current, request, `lines[${index}]`, actor);
    released.push({ sku: request.sku, quantity: request.quantity });
  }
  return released;
}

/** The `order.cancelled` event customers hear of a cancellation by (the reason stays the shop's). */
export function orderCancelledEvent(order: OrderRecord, reason: string, released: readonly CancelLine[], whole: boolean): NewEvent {
  return {
    type: 'order.cancelled', subjectType: 'order', subjectId: String(order.id),
    payload: { orderId: order.id, externalId: order.externalId, customer: order.customer, reason, lines: released.map((l) => ({ sku: l.sku, quantity: l.quantity })), whole },
  };
}

async function cancelUnits(tx: UnitOfWork, order: OrderRecord, request: CancelLine, field: string, actor: string): Promise<void> {
  const lines = order.lines.filter((l) => l.sku === request.sku);
  if (lines.length === 0) throw new Rollback(invalid(`${field}.sku`, `order ${order.id} has no line for ${request.sku}`));
  // Waiting only: a caller that saw units waiting must not cancel units allocated since.
  const cancellable = (l: LineRecord) => (request.waitingOnly === true ? l.backordered : l.allocated + l.backordered);
  const open = lines.reduce((sum, l) => sum + cancellable(l), 0);
  if (request.quantity > open) {
    const words = request.waitingOnly === true ? 'still waiting (the rest have been allocated or cancelled)' : 'open';
    throw new Rollback(fail('CONFLICT', `${field}.quantity: only ${unitCount(open)} of ${request.sku} ${open === 1 ? 'is' : 'are'} ${words}`, { field: `${field}.quantity`, open }));
  }
  let need = request.quantity;
  for (const line of [...lines].reverse()) {
    const take = Math.min(need, cancellable(line));
    if (take === 0) continue;
    need -= take;
    await releaseLine(tx, order.id, line, take, actor);
  }
}

async function releaseLine(tx: UnitOfWork, orderId: number, line: LineRecord, quantity: number, actor: string): Promise<void> {
  const plan = planRelease(line, quantity);
  if (!plan) throw new Error(`releaseLine: line ${line.id} holds fewer than ${quantity} units`);
  const movements: NewMovement[] = [];
  for (const take of plan.fromAllocations) {
    await tx.changeLineAllocation(line.id, line.itemId, take.locationId, -take.quantity);
    await tx.changeStock(line.itemId, take.locationId, 0, -take.quantity);
    movements.push({ itemId: line.itemId, locationId: take.locationId, kind: 'deallocation', onHandDelta: 0, allocatedDelta: -take.quantity, reason: 'cancelled', orderId, lineId: line.id, actor });
  }
  const fromAllocations = plan.fromAllocations.reduce((sum, t) => sum + t.quantity, 0);
  await tx.changeLine(line.id, { backordered: -plan.fromBackorder, allocated: -fromAllocations, cancelled: quantity });
  await tx.changeItemBackordered(line.itemId, -plan.fromBackorder);
  if (plan.fromBackorder > 0) await tx.recordBackorderCancellation(line.id, line.itemId, plan.fromBackorder);
  await tx.insertMovements(movements);
}

function parseCancel(input: unknown): Result<CancelRequest> {
  const body = input ?? {};
  if (!isRecord(body)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', body, ['lines', 'reason']),
    body['reason'] !== undefined ? checkText('reason', body['reason'], { max: 500 }) : null,
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
