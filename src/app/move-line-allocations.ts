import type { Rehoming } from '../domain/clawback.js';
import type { Item, LocatedStock, Location } from '../domain/types.js';
import type { NewEvent, NewMovement, QueueRow, UnitOfWork } from './ports.js';

/** One line's allocated units to move away from a location, and why. */
export interface LineAllocationMove {
  readonly item: Item;
  readonly from: Location;
  /** The plan for the line (planRehoming): units to take to other locations; its `backordered` is the caller's. */
  readonly line: Rehoming;
  /** Stock at the other locations, for their codes. */
  readonly elsewhere: readonly LocatedStock[];
  /** Why they move, in words (`stock count fell below allocations`). */
  readonly why: string;
  readonly customer: QueueRow['customer'] | undefined;
  readonly actor: string;
}

/**
 * Moves the allocated units one line's plan takes away from `from`: each move takes units the line
 * holds at `from` and allocates them from free units at another location, written as a
 * deallocation and allocation pair whose reason says where to and why, and told as one
 * `allocation.moved` event, so a warehouse that learned where the units wait (from
 * `backorder.allocated` or a pick list) learns they now wait elsewhere. Returns the movements and
 * the event to write; notes the order as changed when anything moved.
 */
export async function moveLineAllocations(tx: UnitOfWork, move: LineAllocationMove): Promise<{ movements: NewMovement[]; events: NewEvent[] }> {
  const { item, from, line, actor } = move;
  const movements: NewMovement[] = [];
  const ref = { itemId: item.id, onHandDelta: 0, orderId: line.orderId, lineId: line.lineId, actor };
  const to: { location: string; quantity: number }[] = [];
  for (const take of line.moves) {
    const code = move.elsewhere.find((s) => s.locationId === take.locationId)?.locationCode ?? String(take.locationId);
    const reason = `moved from ${from.code} to ${code}: ${move.why}`;
    await tx.changeLineAllocation(line.lineId, item.id, from.id, -take.quantity);
    await tx.changeStock(item.id, from.id, 0, -take.quantity);
    await tx.changeLineAllocation(line.lineId, item.id, take.locationId, take.quantity);
    await tx.changeStock(item.id, take.locationId, 0, take.quantity);
    movements.push({ ...ref, locationId: from.id, kind: 'deallocation', allocatedDelta: -take.quantity, reason });
    movements.push({ ...ref, locationId: take.locationId, kind: 'allocation', allocatedDelta: take.quantity, reason });
    to.push({ location: code, quantity: take.quantity });
  }
  if (to.length === 0) return { movements, events: [] };
  tx.noteOrdersChanged([line.orderId]);
  const event: NewEvent = {
    type: 'allocation.moved',
    subjectType: 'order',
    subjectId: String(line.orderId),
    payload: {
      orderId: line.orderId,
      lineId: line.lineId,
      sku: item.sku,
      quantity: to.reduce((sum, t) => sum + t.quantity, 0),
      from: from.code,
      to,
      reason: move.why,
      customer: move.customer ?? { id: null, email: null, name: null },
    },
  };
  return { movements, events: [event] };
}
