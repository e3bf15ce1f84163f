import type { AvailabilityStatus, BackorderPolicy } from './types.js';

export interface AvailabilityInput {
  readonly available: number;
  readonly lowStockThreshold: number;
  readonly backorderPolicy: BackorderPolicy;
  readonly backorderLimit: number | null;
  readonly backordered: number;
  readonly discontinued: boolean;
}

export interface AvailabilityVerdict {
  readonly status: AvailabilityStatus;
  /** Units that may still be backordered right now; `null` means no limit, 0 when none. */
  readonly backorderable: number | null;
}

/** Units an item may still take on backorder, whatever its stock (0 when backorders are not allowed). */
export function backorderHeadroom(input: Omit<AvailabilityInput, 'available' | 'lowStockThreshold'>): number | null {
  if (input.backorderPolicy !== 'allow' || input.discontinued) return 0;
  if (input.backorderLimit === null) return null;
  return Math.max(0, input.backorderLimit - input.backordered);
}

/**
 * The status a buyer sees (SPEC §2). `backorder` and `out_of_stock` both mean nothing is
 * available; they differ in whether an order would still be accepted.
 */
export function availabilityStatus(input: AvailabilityInput): AvailabilityVerdict {
  if (input.available > input.lowStockThreshold) return { status: 'in_stock', backorderable: backorderHeadroom(input) };
  if (input.available > 0) return { status: 'low_stock', backorderable: backorderHeadroom(input) };
  const headroom = backorderHeadroom(input);
  if (headroom === null || headroom > 0) return { status: 'backorder', backorderable: headroom };
  return { status: 'out_of_stock', backorderable: 0 };
}

