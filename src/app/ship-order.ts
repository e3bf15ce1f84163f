import { snapshotStatuses } from './item-status.js';
import { lockOrder } from './lock-order.js';
import { oncePerKey, type Replayable, type IdempotencyOptions } from './once-per-key.js';
import { orderView, type OrderView } from './order-view.js';
import type { NewMovement, OrderRecord, Store } from './ports.js';
import { fail, invalid, ok, Rollback, type Failure, type Result } from './result.js';
import { settleItems } from './settle-items.js';
import { unitCount } from './unit-count.js';
import { checkKnownFields, checkQuantity, checkSku, firstFailure, isRecord, MAX_LINES } from './validate.js';

interface ShipmentLine {
  readonly sku: string;
  readonly quantity: number;
  readonly location?: string;
}

/**
 * Ships allocated units (SPEC §3): onHand and allocated fall together and a shipment movement is
 * written per location. Shipping more than is allocated is INSUFFICIENT_ALLOCATION and ships nothing.
 * With an Idempotency-Key, a retry of the same shipment answers the first outcome, marked replayed,
 * and ships nothing.
 */
export async function shipOrder(store: Store, orderId: number, input: unknown, actor: string, options: IdempotencyOptions = {}): Promise<Replayable<OrderView>> {
  const parsed = parseShipment(input);
  if (!parsed.ok) return parsed;
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { shipOrder: orderId, lines: parsed.value }, async () => {
    const locked = await lockOrder(tx, orderId);
    if (!locked.ok) return locked;
    const { order, items } = locked.value;
    const before = await snapshotStatuses(tx, items);
    const locations = await tx.listLocations();
    const movements: NewMovement[] = [];
    const remaining = new Map(order.lines.map((l) => [l.id, l.allocations.map((a) => ({ ...a }))]));
    for (const [index, request] of parsed.value.entries()) {
      const field = `lines[${index}]`;
      const location = request.location === undefined ? undefined : locations.find((l) => l.code === request.location);
      if (request.location !== undefined && !location) throw new Rollback(fail('NOT_FOUND', `${field}.location: no location with code ${request.location}`, { field: `${field}.location` }));
      const candidates = order.lines.filter((l) => l.sku === request.sku);
      if (candidates.length === 0) throw new Rollback(invalid(`${field}.sku`, `order ${orderId} has no line for ${request.sku}`));
      let need = request.quantity;
      for (const line of candidates) {
        for (const allocation of remaining.get(line.id) ?? []) {
          if (need === 0) break;
          if (location && allocation.locationId !== location.id) continue;
          const take = Math.min(need, allocation.quantity);
          if (take === 0) continue;
          allocation.quantity -= take;
          need -= take;
          await tx.changeLineAllocation(line.id, line.itemId, allocation.locationId, -take);
          await tx.changeLine(line.id, { allocated: -take, shipped: take });
          await tx.changeStock(line.itemId, allocation.locationId, -take, -take);
          movements.push({ itemId: line.itemId, locationId: allocation.locationId, kind: 'shipment', onHandDelta: -take, allocatedDelta: -take, reason: 'shipped', orderId, lineId: line.id, actor });
        }
      }
      if (need > 0) {
        throw new Rollback(shortOfAllocation(field, request, request.quantity - need));
      }
    }
    await tx.insertMovements(movements);
    tx.noteOrdersChanged([orderId]);
    const shipped = (await tx.findOrder(orderId)) as OrderRecord;
    await tx.insertEvents([{
      type: 'order.shipped', subjectType: 'order', subjectId: String(orderId),
      payload: { orderId, externalId: order.externalId, customer: order.customer, status: shipped.status, lines: parsed.value },
    }]);
    await settleItems(tx, items.map((i) => i.id), before, actor);
    return ok(orderView(shipped));
  }));
}

/** "lines[0].quantity: 4 units of WIDGET asked to ship, but only 1 is allocated (at MAIN)". */
function shortOfAllocation(field: string, request: ShipmentLine, allocated: number): Failure {
  const have = allocated === 0 ? 'none is' : `only ${allocated} ${allocated === 1 ? 'is' : 'are'}`;
  const at = request.location ? ` at ${request.location}` : '';
  const message = `${field}.quantity: ${unitCount(request.quantity)} of ${request.sku} asked to ship, but ${have} allocated${at}`;
  return fail('INSUFFICIENT_ALLOCATION', message, { field: `${field}.quantity`, allocated });
}

function parseShipment(input: unknown): Result<ShipmentLine[]> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const unknownField = checkKnownFields('', input, ['lines']);
  if (unknownField) return unknownField;
  const lines = input['lines'];
  if (!Array.isArray(lines) || lines.length === 0) return invalid('lines', 'must be a non-empty list');
  if (lines.length > MAX_LINES) return invalid('lines', `must have at most ${MAX_LINES} lines`);
  for (const [index, line] of lines.entries()) {
    const field = `lines[${index}]`;
    if (!isRecord(line)) return invalid(field, 'must be an object');
    const failure = firstFailure(
      checkKnownFields(field, line, ['sku', 'quantity', 'location']),
      checkSku(`${field}.sku`, line['sku']),
      checkQuantity(`${field}.quantity`, line['quantity']),
      line['location'] !== undefined ? checkSku(`${field}.location`, line['location']) : null,
    );
    if (failure) return failure;
  }
  return ok(lines as ShipmentLine[]);
}
