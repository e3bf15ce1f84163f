import type { Item } from '../domain/types.js';
import type { OrderRecord, UnitOfWork } from './ports.js';
import { fail, ok, type Result } from './result.js';

/**
 * Loads an order and locks its items in id order (the global lock order), then reads the order
 * again so its lines are current under the locks.
 */
export async function lockOrder(tx: UnitOfWork, orderId: number): Promise<Result<{ order: OrderRecord; items: Item[] }>> {
  const first = await tx.findOrder(orderId);
  if (!first) return fail('NOT_FOUND', `no order with id ${orderId}`, { field: 'id' });
  const items = await tx.lockItems([...new Set(first.lines.map((l) => l.itemId))].sort((a, b) => a - b));
  const order = (await tx.findOrder(orderId)) as OrderRecord;
  return ok({ order, items });
}
