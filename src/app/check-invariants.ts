import type { Store } from './ports.js';

export interface InvariantViolation {
  /** Which invariant of SPEC §3 (1–6) is broken. */
  readonly invariant: number;
  readonly message: string;
  readonly subject: Record<string, unknown>;
}

/**
 * Verifies the invariants of SPEC §3 on the live database (`restock check`); an empty list means
 * every one holds. Invariant 6 (no placement beyond a backorder limit) is checked as: no item has
 * more units waiting than its limit unless a count took allocations back into its queue.
 */
export async function checkInvariants(store: Store): Promise<InvariantViolation[]> {
  return store.read((tx) => tx.invariantViolations());
}
