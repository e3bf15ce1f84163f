import { planClawback, planRehoming } from '../domain/clawback.js';
import { RETURNED_TO_QUEUE } from '../domain/queue-reasons.js';
import type { Item, Location } from '../domain/types.js';
import { snapshotStatuses } from './item-status.js';
import type { NewEvent, NewMovement, Store, UnitOfWork } from './ports.js';
import { oncePerKey, type IdempotencyOptions, type Replayable } from './once-per-key.js';
import { moveLineAllocations } from './move-line-allocations.js';
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
  /** Allocated units the count moved to free units at other locations instead (their orders wait for nothing). */
  readonly movedToOtherLocations: number;
  /** Units of waiting backorders the change filled (a rise, or a fall that freed no units: 0). */
  readonly backordersFilled: number;
}

/**
 * Changes on-hand stock by a delta or to an absolute count, with a reason (SPEC §3). A rise fills
 * the backorder queue; a fall below `allocated` takes the allocations of the lowest-priority,
 * newest lines back into the queue, so `0 ≤ allocated ≤ onHand` always holds. Under an
 * Idempotency-Key a retry answers the first outcome and changes nothing (a delta applied twice
 * would count goods twice).
 */
export async function adjustStock(store: Store, input: unknown, actor: string, options: IdempotencyOptions = {}): Promise<Replayable<AdjustmentResult>> {
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
    checkText('reason', input['reason'], { max: 500, multiline: true }),
  );
  if (failure) return failure;
  const request = input as { sku: string; location: string; delta?: number; count?: number; reason: string };
  return store.transaction((tx) => oncePerKey(tx, options.idempotencyKey, { adjustStock: request }, async () => {
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
    if (delta === 0) return ok(result(item as Item, location.value, onHand, level?.allocated ?? 0, 0, NO_CLAWBACK, 0));
    const returned = await clawBack(tx, item as Item, location.value, onHand + delta, level?.allocated ?? 0, actor);
    await tx.changeStock(found.value.id, location.value.id, delta, 0);
    await tx.insertMovements([
      { itemId: found.value.id, locationId: location.value.id, kind: 'adjustment', onHandDelta: delta, allocatedDelta: 0, reason: request.reason, actor },
    ]);
    const { promises, filledUnits } = await settleItems(tx, [found.value.id], before, actor);
    // Written once settling has set their promise dates, so each says when the units are expected.
    await tx.insertEvents(
      returned.events.map((event) => {
        const promise = promises.get(event.payload.lineId);
        return { ...event, payload: { ...event.payload, eta: promise?.eta ?? null, estimated: promise?.estimated ?? false } };
      }),
    );
    const after = (await tx.stocksOf([found.value.id])).find((s) => s.locationId === location.value.id);
    return ok(result(item as Item, location.value, after?.onHand ?? 0, after?.allocated ?? 0, delta, returned, filledUnits));
  }));
}

function result(item: Item, location: Location, onHand: number, allocated: number, delta: number, clawback: Clawback, backordersFilled: number): AdjustmentResult {
  return { sku: item.sku, location: location.code, onHand, allocated, delta, returnedToQueue: clawback.units, movedToOtherLocations: clawback.moved, backordersFilled };
}

/** Units taken back into the queue, units moved to other locations, and the `line.backordered` event of each line waiting again. */
interface Clawback {
  readonly units: number;
  readonly moved: number;
  readonly events: readonly LineBackordered[];
}

interface LineBackordered extends NewEvent {
  readonly payload: { readonly lineId: number } & Record<string, unknown>;
}

const NO_CLAWBACK: Clawback = { units: 0, moved: 0, events: [] };


/**
 * Brings `allocated ≤ newOnHand` back at this location: takes allocations of the lowest-priority,
 * newest lines, moves what free units at other active locations can cover there (planRehoming: the
 * customer's order is served from elsewhere, with nothing to tell), and returns the rest to the
 * queue. Its events are the caller's to write, once the lines' promise dates are set.
 */
async function clawBack(tx: UnitOfWork, item: Item, location: Location, newOnHand: number, allocated: number, actor: string): Promise<Clawback> {
  const shortfall = allocated - newOnHand;
  if (shortfall <= 0) return NO_CLAWBACK;
  const plan = planClawback(await tx.allocationsAt(item.id, location.id), shortfall);
  const elsewhere = (await tx.stocksOf([item.id])).filter((s) => s.locationId !== location.id);
  const rehomed = planRehoming(plan, elsewhere);
  const waiting = rehomed.filter((r) => r.backordered > 0);
  // The same payload as a placement's line.backordered: whoever hears of it learns whose order it is.
  const customers = await tx.orderCustomers([...new Set(rehomed.map((r) => r.orderId))]);
  const movements: NewMovement[] = [];
  const movedEvents: NewEvent[] = [];
  for (const line of rehomed) {
    const moved = await moveLineAllocations(tx, { item, from: location, line, elsewhere, why: 'stock count fell below allocations', customer: customers.get(line.orderId), actor });
    movements.push(...moved.movements);
    movedEvents.push(...moved.events);
    if (line.backordered === 0) continue;
    await tx.changeLineAllocation(line.lineId, item.id, location.id, -line.backordered);
    await tx.changeLine(line.lineId, { allocated: -line.backordered, backordered: line.backordered });
    movements.push({ itemId: item.id, locationId: location.id, kind: 'deallocation', onHandDelta: 0, allocatedDelta: -line.backordered, reason: RETURNED_TO_QUEUE, orderId: line.orderId, lineId: line.lineId, actor });
  }
  const units = waiting.reduce((sum, r) => sum + r.backordered, 0);
  await tx.changeStock(item.id, location.id, 0, -units);
  await tx.insertMovements(movements);
  await tx.insertEvents(movedEvents);
  await tx.changeItemBackordered(item.id, units);
  tx.noteOrdersChanged([...new Set(waiting.map((r) => r.orderId))]);
  const events = waiting.map((r): LineBackordered => ({
    type: 'line.backordered',
    subjectType: 'order',
    subjectId: String(r.orderId),
    payload: {
      orderId: r.orderId, lineId: r.lineId, sku: item.sku, quantity: r.backordered, reason: 'stock count fell below allocations',
      customer: customers.get(r.orderId) ?? { id: null, email: null, name: null },
    },
  }));
  return { units, moved: shortfall - units, events };
}
