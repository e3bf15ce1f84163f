import { dateOf, daysBetween } from '../../domain/dates.js';
import { snapshotStatuses } from '../item-status.js';
import type { Store, UnitOfWork } from '../ports.js';
import { oncePerKey, type IdempotencyOptions, type Replayable } from '../once-per-key.js';
import { resolveLocationForStock } from '../resolve.js';
import { fail, invalid, ok, type Failure, type Result } from '../result.js';
import { settleItems } from '../settle-items.js';
import { checkInteger, checkKnownFields, checkQuantity, checkSku, firstFailure, isRecord, MAX_LINES, MAX_QUANTITY } from '../validate.js';
import { lockPurchaseOrder, statusFromLines, wrongStatus } from './lock-purchase-order.js';
import { checkDate } from './new-lines.js';
import { planReceipt, type ReceiptRequestLine } from './plan-receipt.js';
import type { PurchaseOrderLineRecord, PurchaseOrderRecord } from './ports.js';
import { purchaseOrderView, type PurchaseOrderView, type ReceiptView } from './purchase-order-view.js';

interface ReceiveRequest {
  readonly location: string;
  readonly receivedOn?: string;
  readonly allowOverReceipt: boolean;
  readonly lines: readonly ReceiptRequestLine[];
}

export interface ReceiveResult {
  readonly purchaseOrder: PurchaseOrderView;
  /** The receipts this call recorded. */
  readonly receipts: readonly ReceiptView[];
}

/**
 * Receives any part of any lines of a sent order into one active location (SPEC §5), in one
 * transaction: a `receipt` movement (reference `po:<id>`) and a receipt row per line, the order's
 * new status, a `po.received` event (per line: units now, received in all, ordered, still
 * cancelled, and cancelled units this receipt took back), and the backorder queue filled from the new stock with its
 * promise dates refreshed. More than is open is a CONFLICT unless `allowOverReceipt` is true (see
 * planReceipt: extra units on a line whose rest was cancelled are no longer cancelled); a draft,
 * cancelled or fully received order takes nothing. Under an Idempotency-Key a retry (a scanner
 * that lost the answer) answers the first outcome and receives nothing again.
 */
export async function receivePurchaseOrder(store: Store, poId: number, input: unknown, actor: string, options: IdempotencyOptions = {}): Promise<Replayable<ReceiveResult>> {
  const parsed = parseReceive(input);
  if (!parsed.ok) return parsed;
  const request = parsed.value;
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { receivePurchaseOrder: poId, request }, async () => {
    const location = await resolveLocationForStock(tx, request.location);
    if (!location.ok) return location;
    if (!location.value.active) {
      return fail('CONFLICT', `location: ${location.value.code} is inactive, so goods received there would not count as available nor fill waiting orders; receive into an active location or activate it first`, { field: 'location' });
    }
    const locked = await lockPurchaseOrder(tx, poId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    const refused = wrongStatus(order, 'receiving', ['ordered', 'partially_received']);
    if (refused) return refused;
    const today = dateOf(new Date(tx.now));
    const receivedOn = request.receivedOn ?? today;
    const orderedOn = (order.orderedAt ?? tx.now).slice(0, 10);
    if (receivedOn > today) return invalid('receivedOn', 'must not be in the future');
    if (daysBetween(orderedOn, receivedOn) < 0) return invalid('receivedOn', `must not precede the day the order was sent (${orderedOn})`);
    const plan = planReceipt(poId, order.lines, request.lines, request.allowOverReceipt);
    if (!plan.ok) return plan;
    const overfull = await shelfOverflow(tx, request.lines, order.lines, location.value.id);
    if (overfull) return overfull;
    const before = await snapshotStatuses(tx, items);
    const reference = `po:${poId}`;
    for (const { line, quantity, uncancelled } of plan.value) {
      await tx.changeStock(line.itemId, location.value.id, quantity, 0);
      await tx.purchasing.addReceived(line.id, quantity, uncancelled);
    }
    await tx.insertMovements(plan.value.map(({ line, quantity }) => ({
      itemId: line.itemId, locationId: location.value.id, kind: 'receipt' as const, onHandDelta: quantity, allocatedDelta: 0,
      reason: `received on purchase order ${poId} line ${line.lineNo}`, reference, actor,
    })));
    await tx.purchasing.insertReceipts(plan.value.map(({ line, quantity }) => ({
      poId, poLineId: line.id, itemId: line.itemId, locationId: location.value.id, quantity, receivedOn, actor,
    })));
    const received = (await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord;
    const status = statusFromLines(received.lines);
    await tx.purchasing.setPurchaseOrder(poId, status === 'received' ? { status, closedAt: tx.now } : { status });
    await tx.insertEvents([{
      type: 'po.received',
      subjectType: 'po',
      subjectId: String(poId),
      payload: {
        poId,
        supplier: order.supplier,
        reference: order.reference,
        status,
        location: request.location,
        receivedOn,
        lines: plan.value.map(({ line, quantity, uncancelled }) => {
          const now = received.lines.find((l) => l.id === line.id);
          return { lineId: line.id, sku: line.sku, quantity, received: now?.received ?? 0, ordered: line.quantity, cancelled: now?.cancelled ?? 0, uncancelled };
        }),
      },
    }]);
    await settleItems(tx, plan.value.map((p) => p.line.itemId), before, actor);
    const receipts = await tx.purchasing.receiptsOf(poId);
    const view = purchaseOrderView((await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord, receipts);
    return ok({ purchaseOrder: view, receipts: (view.receipts ?? []).slice(-plan.value.length) });
  }));
}

function parseReceive(input: unknown): Result<ReceiveRequest> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['location', 'receivedOn', 'allowOverReceipt', 'lines']),
    checkSku('location', input['location']),
    input['receivedOn'] !== undefined ? checkDate('receivedOn', input['receivedOn']) : null,
    input['allowOverReceipt'] !== undefined && typeof input['allowOverReceipt'] !== 'boolean' ? invalid('allowOverReceipt', 'must be true or false') : null,
  );
  if (failure) return failure;
  const lines = input['lines'];
  if (!Array.isArray(lines) || lines.length === 0) return invalid('lines', 'must be a non-empty list');
  if (lines.length > MAX_LINES) return invalid('lines', `must have at most ${MAX_LINES} lines`);
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    if (!isRecord(line)) return invalid(field, 'must be an object');
    const hasId = line['lineId'] !== undefined;
    const lineFailure = firstFailure(
      checkKnownFields(field, line, ['lineId', 'sku', 'quantity']),
      hasId === (line['sku'] !== undefined) ? invalid(`${field}.lineId`, 'give exactly one of lineId or sku') : null,
      hasId ? checkInteger(`${field}.lineId`, line['lineId'], 1, Number.MAX_SAFE_INTEGER) : checkSku(`${field}.sku`, line['sku']),
      checkQuantity(`${field}.quantity`, line['quantity']),
    );
    if (lineFailure) return lineFailure;
  }
  const receivedOn = input['receivedOn'] as string | undefined;
  return ok({
    location: input['location'] as string,
    ...(receivedOn !== undefined ? { receivedOn } : {}),
    allowOverReceipt: input['allowOverReceipt'] === true,
    lines: lines as ReceiptRequestLine[],
  });
}

/**
 * A CONFLICT naming the first receipt line after which an item would have more than MAX_QUANTITY
 * units on hand at the location, or null.
 */
async function shelfOverflow(
  tx: UnitOfWork,
  requests: readonly ReceiptRequestLine[],
  lines: readonly PurchaseOrderLineRecord[],
  locationId: number,
): Promise<Failure | null> {
  const itemOf = (request: ReceiptRequestLine) =>
    (request.lineId !== undefined ? lines.find((l) => l.id === request.lineId) : lines.find((l) => l.sku === request.sku)) as PurchaseOrderLineRecord;
  const itemIds = [...new Set(requests.map((r) => itemOf(r).itemId))];
  const onHand = new Map((await tx.stocksOf(itemIds)).filter((s) => s.locationId === locationId).map((s) => [s.itemId, s.onHand]));
  for (const [index, request] of requests.entries()) {
    const line = itemOf(request);
    const after = (onHand.get(line.itemId) ?? 0) + request.quantity;
    if (after > MAX_QUANTITY) {
      const field = `lines[${index}].quantity`;
      return fail('CONFLICT', `${field}: would leave ${after} units of ${line.sku} on hand, more than ${MAX_QUANTITY}`, { field });
    }
    onHand.set(line.itemId, after);
  }
  return null;
}
