import type { LocatedStock } from './types.js';

export interface LocationTake {
  readonly locationId: number;
  readonly quantity: number;
}

export interface AllocationPlan {
  readonly takes: readonly LocationTake[];
  readonly allocated: number;
  readonly remaining: number;
}

/** Active locations with free units, best priority first (ties by id, so the plan is deterministic). */
export function allocatableStock(stocks: readonly LocatedStock[]): LocatedStock[] {
  return stocks
    .filter((s) => s.locationActive && s.onHand - s.allocated > 0)
    .sort((a, b) => a.locationPriority - b.locationPriority || a.locationId - b.locationId);
}

/**
 * Takes up to `quantity` units (SPEC §3): from the single best-priority location that can cover
 * the whole quantity, else split across locations in priority order. Never takes more than a
 * location has available, so `allocated ≤ onHand` holds after applying the plan.
 */
export function planAllocation(quantity: number, stocks: readonly LocatedStock[]): AllocationPlan {
  const candidates = allocatableStock(stocks);
  const whole = candidates.find((s) => s.onHand - s.allocated >= quantity);
  if (whole && quantity > 0) {
    return { takes: [{ locationId: whole.locationId, quantity }], allocated: quantity, remaining: 0 };
  }
  const takes: LocationTake[] = [];
  let remaining = quantity;
  for (const stock of candidates) {
    if (remaining === 0) break;
    const take = Math.min(remaining, stock.onHand - stock.allocated);
    takes.push({ locationId: stock.locationId, quantity: take });
    remaining -= take;
  }
  return { takes, allocated: quantity - remaining, remaining };
}

/** Returns the stock levels as they are after applying `takes` (pure; inputs are untouched). */
export function applyTakes(stocks: readonly LocatedStock[], takes: readonly LocationTake[]): LocatedStock[] {
  return stocks.map((s) => {
    const taken = takes.filter((t) => t.locationId === s.locationId).reduce((sum, t) => sum + t.quantity, 0);
    return taken === 0 ? s : { ...s, allocated: s.allocated + taken };
  });
}

/** Sum of `onHand − allocated` over active locations: the network `available` of SPEC §2. */
export function networkAvailable(stocks: readonly LocatedStock[]): number {
  return stocks.reduce((sum, s) => sum + (s.locationActive ? Math.max(0, s.onHand - s.allocated) : 0), 0);
}
