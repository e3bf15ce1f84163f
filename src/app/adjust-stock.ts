import { planClawback } from '../domain/clawback.js';
import type { Item, Location } from '../domain/types.js';
import { snapshotStatuses } from './item-status.js';
import type { NewEvent, Store, UnitOfWork } from './ports.js';
import { refreshOrderStatuses } from './refresh-order-status.js';
import { resolveItem, resolveLocationForStock } from './resolve.js';
import { fail, invalid, ok, type Result } from './result.js';
import { settleItems } from './settle-items.js';
import { checkInteger, checkKnownFields, checkQuantity, checkSku, checkText, firstFailure, isRecord, MAX_QUANTITY } from './validate.js';

export interface AdjustmentResult {
  readonly sku: string;
  readonly location: string;
  readonly onHand: number;
  readonly allocated: number;
  readonly delta: number;
  /** Allocated units taken back into the queue because the count fell below them. */
  readonly returnedToQueue: number;
}

/**
 * Changes on-hand stock by a delta or to an absolute count, with a reason (SPEC §3). A rise fills
 * the backorder queue; a fall below `allocated` takes the allocations of the lowest-priority,
 * newest lines back into the queue, so `0 ≤ allocated ≤ onHand` always holds.
 */
export async function adjustStock(store: Store, input: unknown, actor: string): Promise<Result<AdjustmentResult>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const hasDelta = input['delta'] !== undefined;
  const hasCount = input['count'] !== undefined;
  const failure = firstFailure(
    checkKnownFields('', input, ['sku', 'location', 'delta', 'count', 'reason']),
    checkSku('sku', input['sku']),
    checkSku('location', input['location']),
    hasDelta === hasCount ? invalid(hasDelta ? 'count' : 'delta', 'give exactly one of delta or count') : null,
    hasDelta ? checkInteger('delta', input['delta'], -MAX_QUANTITY, MAX_QUANTITY) : null,
    hasDelta && input['delta'] === 0 ? invalid('delta', 'must not be zero') : null,
    hasCount ? checkQuantity('count', input['count'], { allowZero: true }) : null,
    checkText('reason', input['reason'], { max: 500 }),
  );
  if (failure) return failure;
  const request = input as { sku: string; location: string; delta?: number; count?: number; reason: string };
  return store.transaction(async (tx) => {
    const found = await resolveItem(tx, request.sku);
    if (!found.ok) return found;
    const location = await resolveLocationForStock(tx, request.location);
    if (!location.ok) return location;
    const [item] = await tx.lockItems([found.value.id]);
    const before = await snapshotStatuses(tx, [item as Item]);
    const level = (await tx.stocksOf([found.value.id])).find((s) => s.locationId === location.value.id);
    const onHand = level?.onHand ?? 0;
    const delta = request.delta ?? (request.count as number) - onHand;
    if (onHand + delta < 0) {
      return fail('CONFLICT', `delta: would leave ${onHand + delta} units on hand`, { field: 'delta', onHand });
    }
    if (onHand + delta > MAX_QUANTITY) {
      return fail('CONFLICT', `delta: would leave ${onHand + delta} units on hand, more than ${MAX_QUANTITY}`, { field: 'delta', onHand });
    }
    if (delta === 0) return ok(result(item as Item, location.value, onHand, level?.allocated ?? 0, 0, 0));
    const returned = await clawBack(tx, item as Item, location.value, onHand + delta, level?.allocated ?? 0, actor);
    await tx.changeStock(found.value.id, location.value.id, delta, 0);
    await tx.insertMovements([
      { itemId: found.value.id, locationId: location.value.id, kind: 'adjustment', onHandDelta: delta, allocatedDelta: 0, reason: request.reason, actor },
    ]);
    const promises = await settleItems(tx, [found.value.id], before, actor);
    // Written once settling has set their promise dates, so each says when the units are expected.
    await tx.insertEvents(
      returned.events.map((event) => {
        const promise = promises.get(event.payload.lineId);
        return { ...event, payload: { ...event.payload, eta: promise?.eta ?? null, estimated: promise?.estimated ?? false } };
      }),
    );
    const after = (await tx.stocksOf([found.value.id])).find((s) => s.locationId === location.value.id);
    return ok(result(item as Item, location.value, after?.onHand ?? 0, after?.allocated ?? 0, delta, returned.units));
  });
}

function result(item: Item, location: Location, onHand: number, allocated: number, delta: number, returnedToQueue: number): AdjustmentResult {
  return { sku: item.sku, location: location.code, onHand, allocated, delta, returnedToQueue };
}

/** Units taken back into the queue, and the `line.backordered` event of each line they came from. */
interface Clawback {
  readonly units: number;
  readonly events: readonly LineBackordered[];
}

interface LineBackordered extends NewEvent {
  readonly payload: { readonly lineId: number } & Record<string, unknown>;
}

/**
 * Takes allocations back into the queue until `allocated ≤ newOnHand` at this location. Its events
 * are the caller's to write, once the lines' promise dates are set.
 */
async function clawBack(tx: UnitOfWork, item: Item, location: Location, newOnHand: number, allocated: number, actor: string): Promise<Clawback> {
  const shortfall = allocated - newOnHand;
  if (shortfall <= 0) return { units: 0, events: [] };
  const plan = planClawback(await tx.allocationsAt(item.id, location.id), shortfall);
  // The same payload as a placement's line.backordered: whoever hears of it learns whose order it is.
  const customers = await tx.orderCustomers([...new Set(plan.map((take) => take.orderId))]);
  const events: LineBackordered[] = [];
  for (const take of plan) {
    await tx.changeLineAllocation(take.lineId, item.id, location.id, -take.quantity);
    await tx.changeLine(take.lineId, { allocated: -take.quantity, backordered: take.quantity });
    events.push({
      type: 'line.backordered',
      subjectType: 'order',
      subjectId: String(take.orderId),
      payload: {
        orderId: take.orderId, lineId: take.lineId, sku: item.sku, quantity: take.quantity, reason: 'stock count fell below allocations',
        customer: customers.get(take.orderId) ?? { id: null, email: null, name: null },
      },
    });
  }
  await tx.changeStock(item.id, location.id, 0, -shortfall);
  await tx.insertMovements(
    plan.map((take) => ({
      itemId: item.id, locationId: location.id, kind: 'deallocation' as const, onHandDelta: 0, allocatedDelta: -take.quantity,
      reason: 'returned to queue: stock count fell below allocations', orderId: take.orderId, lineId: take.lineId, actor,
    })),
  );
  await tx.changeItemBackordered(item.id, shortfall);
  await refreshOrderStatuses(tx, [...new Set(plan.map((p) => p.orderId))]);
  return { units: shortfall, events };
}
