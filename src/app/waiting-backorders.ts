import type { UnitOfWork, WaitingLineRow } from './ports.js';

/** What waits for an item: its backordered lines, their units, the orders they belong to. */
export interface WaitingBackorders {
  readonly lines: number;
  readonly units: number;
  readonly orders: number;
}

/** Counts a queue's lines, units and distinct orders. */
export function countWaiting(queue: readonly Pick<WaitingLineRow, 'orderId' | 'backordered'>[]): WaitingBackorders {
  return {
    lines: queue.length,
    units: queue.reduce((sum, line) => sum + line.backordered, 0),
    orders: new Set(queue.map((line) => line.orderId)).size,
  };
}

/** Units of an item on open purchase orders, not yet received. */
export async function incomingUnitsOf(tx: UnitOfWork, itemId: number): Promise<number> {
  return (await tx.incomingSupplyOf(itemId)).reduce((sum, supply) => sum + supply.quantity, 0);
}
