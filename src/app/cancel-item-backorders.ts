import { recordSettingChange } from './audit-trail.js';
import { orderCancelledEvent, releaseOrderUnits } from './cancel-order.js';
import { snapshotStatuses } from './item-status.js';
import { oncePerKey, type Replayable, type IdempotencyOptions } from './once-per-key.js';
import type { NewEvent, OrderRecord, Store } from './ports.js';
import { fail, invalid, ok, type Result } from './result.js';
import { settleItems } from './settle-items.js';
import { checkKnownFields, checkSku, checkText, firstFailure, isRecord } from './validate.js';
import { countWaiting, type WaitingBackorders } from './waiting-backorders.js';

/** Orders read, planned and written together; a queue of thousands takes a few rounds of a few statements each. */
const ORDERS_PER_CHUNK = 500;

/** What cancelling an item's waiting backorders did: the units, lines and orders, and each order's share. */
export interface ItemBackordersCancelled {
  readonly sku: string;
  readonly reason: string;
  readonly cancelled: WaitingBackorders;
  readonly orders: readonly { readonly orderId: number; readonly externalId: string | null; readonly units: number }[];
}

/**
 * Cancels every unit still waiting in an item's backorder queue, for a reason (an item that will
 * not come again, say), in one transaction: each order's units go by the rules of a cancellation
 * (cancelOrder's releaseOrderUnits, waiting units only, never allocated ones), each order's customer
 * hears of it by its own `order.cancelled` event, and the audit trail records who did it and why.
 * Only the item is locked: waiting units hold no stock, so no other item changes. With an
 * Idempotency-Key, a retry answers the first outcome (marked replayed) and cancels nothing more.
 */
export async function cancelItemBackorders(store: Store, sku: string, input: unknown, actor: string, options: IdempotencyOptions = {}): Promise<Replayable<ItemBackordersCancelled>> {
  const badSku = checkSku('sku', sku);
  if (badSku) return badSku;
  const parsed = parseRequest(input);
  if (!parsed.ok) return parsed;
  const { reason } = parsed.value;
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { cancelItemBackorders: sku, request: parsed.value }, async () => {
    const [item] = await tx.lockItemsBySku([sku]);
    if (!item) return fail('NOT_FOUND', `sku: no item with sku ${sku}`, { field: 'sku' });
    const queue = await tx.waitingLinesOf(item.id);
    if (queue.length === 0) return fail('CONFLICT', `no backorders of ${sku} are waiting; there is nothing to cancel`);
    const before = await snapshotStatuses(tx, [item]);
    const unitsByOrder = new Map<number, number>();
    for (const line of queue) unitsByOrder.set(line.orderId, (unitsByOrder.get(line.orderId) ?? 0) + line.backordered);
    const orders: { orderId: number; externalId: string | null; units: number }[] = [];
    const events: NewEvent[] = [];
    // A chunk of orders at a time, in queue order: a few statements per chunk, however long the queue.
    const waiting = [...unitsByOrder];
    for (let start = 0; start < waiting.length; start += ORDERS_PER_CHUNK) {
      const chunk = waiting.slice(start, start + ORDERS_PER_CHUNK);
      const found = new Map((await tx.findOrders(chunk.map(([orderId]) => orderId))).map((o) => [o.id, o]));
      const cancellations = chunk.map(([orderId, units]) => ({ order: found.get(orderId) as OrderRecord, units }));
      const released = await releaseOrderUnits(tx, cancellations.map(({ order, units }) => ({ order, requests: [{ sku, quantity: units, waitingOnly: true }] })), actor);
      cancellations.forEach(({ order, units }, index) => {
        events.push(orderCancelledEvent(order, reason, released[index] ?? [], false));
        orders.push({ orderId: order.id, externalId: order.externalId, units });
      });
    }
    tx.noteOrdersChanged([...unitsByOrder.keys()]);
    await tx.insertEvents(events);
    await settleItems(tx, [item.id], before, actor);
    const cancelled = countWaiting(queue);
    await recordSettingChange(tx, actor, {
      subjectType: 'item', subjectKey: sku, action: 'backorders_cancelled',
      before: { backordered: cancelled.units, orders: [...unitsByOrder.keys()] },
      after: { backordered: 0, orders: [], reason },
    });
    return ok({ sku, reason, cancelled, orders });
  }));
}

function parseRequest(input: unknown): Result<{ reason: string }> {
  const body = input ?? {};
  if (!isRecord(body)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', body, ['reason']),
    body['reason'] === undefined ? invalid('reason', 'is required: say why the customers\' backorders are cancelled') : checkText('reason', body['reason'], { max: 500, multiline: true }),
  );
  if (failure) return failure;
  return ok({ reason: body['reason'] as string });
}
