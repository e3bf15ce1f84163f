import type { OrderStatus } from './types.js';

export interface LineUnits {
  readonly quantity: number;
  readonly allocated: number;
  readonly backordered: number;
  readonly shipped: number;
  readonly cancelled: number;
}

/** An accepted order's status, derived from where its units stand (never stored independently of them). */
export function orderStatus(lines: readonly LineUnits[]): OrderStatus {
  const sum = (key: keyof LineUnits) => lines.reduce((total, line) => total + line[key], 0);
  const open = sum('allocated') + sum('backordered');
  const shipped = sum('shipped');
  if (open === 0) return shipped > 0 ? 'shipped' : 'cancelled';
  if (shipped > 0) return 'partially_shipped';
  return sum('backordered') > 0 ? 'backordered' : 'open';
}

/**
 * The statuses an order with units waiting in a queue shows: `backordered`, or `partially_shipped`
 * once some of its units have shipped (shipping comes first in the status). Whoever looks for
 * backordered orders means every one of them: either status, with units actually waiting.
 */
export const WAITING_STATUSES: readonly OrderStatus[] = ['backordered', 'partially_shipped'];

/** Whether an order is done with: nothing of it is open any more (all shipped or cancelled), or it was never accepted. */
export function isClosed(status: OrderStatus): boolean {
  return status === 'shipped' || status === 'cancelled' || status === 'rejected';
}
