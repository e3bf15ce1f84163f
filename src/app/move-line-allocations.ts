import type { Rehoming } from '../domain/clawback.js';
import type { Item, LocatedStock, Location } from '../domain/types.js';
import type { NewMovement, UnitOfWork } from './ports.js';

/**
 * Moves the allocated units one line's `rehoming` plans away from `from`: each move takes units the
 * line holds at `from` and allocates them from free units at another location (one of
 * `elsewhere`), written as a deallocation and allocation pair whose reason says where to and
 * `why`. Units the plan leaves (its `backordered`) are the caller's. Returns the movements to
 * write; notes the order as changed when anything moved.
 */
export async function moveLineAllocations(
  tx: UnitOfWork, item: Item, from: Location, rehoming: Rehoming, elsewhere: readonly LocatedStock[], why: string, actor: string,
): Promise<NewMovement[]> {
  const movements: NewMovement[] = [];
  const ref = { itemId: item.id, onHandDelta: 0, orderId: rehoming.orderId, lineId: rehoming.lineId, actor };
  for (const move of rehoming.moves) {
    const to = elsewhere.find((s) => s.locationId === move.locationId)?.locationCode ?? String(move.locationId);
    const reason = `moved from ${from.code} to ${to}: ${why}`;
    await tx.changeLineAllocation(rehoming.lineId, item.id, from.id, -move.quantity);
    await tx.changeStock(item.id, from.id, 0, -move.quantity);
    await tx.changeLineAllocation(rehoming.lineId, item.id, move.locationId, move.quantity);
    await tx.changeStock(item.id, move.locationId, 0, move.quantity);
    movements.push({ ...ref, locationId: from.id, kind: 'deallocation', allocatedDelta: -move.quantity, reason });
    movements.push({ ...ref, locationId: move.locationId, kind: 'allocation', allocatedDelta: move.quantity, reason });
  }
  if (movements.length > 0) tx.noteOrdersChanged([rehoming.orderId]);
  return movements;
}
