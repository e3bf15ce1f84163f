import { networkAvailable } from '../domain/allocation.js';
import { availabilityStatus } from '../domain/availability.js';
import type { AvailabilityStatus, Item, LocatedStock } from '../domain/types.js';
import type { UnitOfWork } from './ports.js';

export interface StatusSnapshot {
  readonly status: AvailabilityStatus;
  readonly available: number;
  /** Available units (on hand − allocated) at each location with a stock level, by location id. */
  readonly availableAt: ReadonlyMap<number, number>;
}

/** Each item's buyer-facing status now, read inside the transaction (items must be locked). */
export async function snapshotStatuses(tx: UnitOfWork, items: readonly Item[]): Promise<Map<number, StatusSnapshot>> {
  return statusesFrom(items, await tx.stocksOf(items.map((i) => i.id)));
}

/** The same snapshot from stock levels the caller already read under the items' locks. */
export function statusesFrom(items: readonly Item[], stocks: readonly LocatedStock[]): Map<number, StatusSnapshot> {
  const snapshots = new Map<number, StatusSnapshot>();
  for (const item of items) {
    const own = stocks.filter((s) => s.itemId === item.id);
    const available = networkAvailable(own);
    const availableAt = new Map(own.map((s) => [s.locationId, s.onHand - s.allocated] as const));
    snapshots.set(item.id, { available, availableAt, status: availabilityStatus({ ...item, available }).status });
  }
  return snapshots;
}
