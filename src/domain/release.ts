import type { LocationTake } from './allocation.js';

export interface LineHolding {
  readonly backordered: number;
  /** Allocations of the line, in the order they were made (best location first). */
  readonly allocations: readonly LocationTake[];
}

export interface ReleasePlan {
  readonly fromBackorder: number;
  readonly fromAllocations: readonly LocationTake[];
}

/**
 * Which units a cancellation of `quantity` units releases (SPEC §3): backordered units first,
 * then allocated ones, least preferred location first so the best stock stays promised.
 * Returns null when the line does not hold that many open units.
 */
export function planRelease(line: LineHolding, quantity: number): ReleasePlan | null {
  const open = line.backordered + line.allocations.reduce((sum, a) => sum + a.quantity, 0);
  if (quantity > open) return null;
  const fromBackorder = Math.min(quantity, line.backordered);
  let remaining = quantity - fromBackorder;
  const fromAllocations: LocationTake[] = [];
  for (const allocation of [...line.allocations].reverse()) {
    if (remaining === 0) break;
    const take = Math.min(remaining, allocation.quantity);
    if (take > 0) fromAllocations.push({ locationId: allocation.locationId, quantity: take });
    remaining -= take;
  }
  return { fromBackorder, fromAllocations };
}
