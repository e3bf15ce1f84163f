import { networkAvailable } from '../domain/allocation.js';
import { availabilityStatus } from '../domain/availability.js';
import type { AvailabilityStatus, Item, LocatedStock } from '../domain/types.js';
import type { UnitOfWork } from './ports.js';

export interface StatusSnapshot {
  readonly status: AvailabilityStatus;
  readonly available: number;
}

/** Each item's buyer-facing status now, read inside the transaction (items must be locked). */
export async function snapshotStatuses(tx: UnitOfWork, items: readonly Item[]): Promise<Map<number, StatusSnapshot>> {
  return statusesFrom(items, await tx.stocksOf(items.map((i) => i.id)));
}

/** The same snapshot from stock levels the caller already read under the items' locks. */
export function statusesFrom(items: readonly Item[], stocks: readonly LocatedStock[]): Map<number, StatusSnapshot> {
  const snapshots = new Map<number, StatusSnapshot>();
  for (const item of items) {
    const available = networkAvailable(stocks.filter((s) => s.itemId === item.id));
    snapshots.set(item.id, { available, status: availabilityStatus({ ...item, available }).status });
  }
  return snapshots;
}
