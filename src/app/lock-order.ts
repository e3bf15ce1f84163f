import type { Item } from '../domain/types.js';
import type { OrderRecord, UnitOfWork } from './ports.js';
import { fail, ok, type Result } from './result.js';

const MAX_ORDER_ID = 2_147_483_647;

/**
 * Loads an order and locks its items in id order (the global lock order), then reads the order
 * again so its lines are current under the locks.
 */
export async function lockOrder(tx: UnitOfWork, orderId: number): Promise<Result<{ order: OrderRecord; items: Item[] }>> {
  // Ids are positive 32-bit integers; anything else (1.5, NaN, 2^31) would make PostgreSQL throw.
  const valid = Number.isInteger(orderId) && orderId > 0 && orderId <= MAX_ORDER_ID;
  const first = valid ? await tx.findOrder(orderId) : null;
  if (!first) return fail('NOT_FOUND', `no order with id ${orderId}`, { field: 'id' });
  const items = await tx.lockItems([...new Set(first.lines.map((l) => l.itemId))].sort((a, b) => a - b));
  const order = (await tx.findOrder(orderId)) as OrderRecord;
  return ok({ order, items });
}
