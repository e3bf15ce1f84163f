import type { Store } from './ports.js';

export interface InvariantViolation {
  /**
   * Which invariant of SPEC §3 (1–6) is broken, or 7: an order's stored status disagrees with its
   * lines, or 8: a purchase-order line counts a unit as both received and cancelled.
   */
  readonly invariant: number;
  readonly message: string;
  readonly subject: Record<string, unknown>;
}

/**
 * Verifies the invariants of SPEC §3 on the live database (`restock check`); an empty list means
 * every one holds. Invariant 6 (no placement beyond a backorder limit) is a property of each
 * placement, not of a stored state: a limit may be lowered below the units already waiting, and a
 * stock count may return allocations to the queue past it. So the check is on what a placement
 * enforces the limit against: each item's count of waiting units equals its queue. The limit
 * itself is enforced by placement under the item's lock (property and concurrency tests). A
 * seventh check holds each accepted order's stored status to the one its lines give; an eighth
 * holds each purchase-order line to quantity = received + cancelled + open (received alone beyond
 * the quantity, when over-received), on which its cost and the incoming supply rest.
 */
export async function checkInvariants(store: Store): Promise<InvariantViolation[]> {
  return store.read((tx) => tx.invariantViolations());
}
