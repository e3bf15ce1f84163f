import type { Item } from '../../domain/types.js';
import type { UnitOfWork } from '../ports.js';
import { fail, ok, type Failure, type Result } from '../result.js';
import type { PurchaseOrderRecord, PurchaseOrderStatus } from './ports.js';

/**
 * Loads a purchase order, locks its items in id order (the global lock order), then its own row,
 * and reads it again so its lines are current under the locks. Items of lines added meanwhile are
 * locked too, still in id order among themselves.
 */
export async function lockPurchaseOrder(tx: UnitOfWork, poId: number): Promise<Result<{ order: PurchaseOrderRecord; items: Item[] }>> {
  const first = await tx.purchasing.findPurchaseOrder(poId);
  if (!first) return fail('NOT_FOUND', `no purchase order with id ${poId}`, { field: 'id' });
  const ids = itemIdsOf(first);
  let items = await tx.lockItems(ids);
  await tx.purchasing.lockPurchaseOrder(poId);
  const order = (await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord;
  const current = itemIdsOf(order);
  if (current.some((id) => !ids.includes(id))) items = await tx.lockItems(current);
  return ok({ order, items: items.filter((i) => current.includes(i.id)) });
}

/** The order's item ids, unique and ascending. */
export function itemIdsOf(order: PurchaseOrderRecord): number[] {
  return [...new Set(order.lines.map((l) => l.itemId))].sort((a, b) => a - b);
}

/** True while the order's open lines count as incoming supply. */
export function isOpenSupply(status: PurchaseOrderStatus): boolean {
  return status === 'ordered' || status === 'partially_received';
}

/**
 * The status of a sent order from its lines: closed once no line has units to come (received, or
 * cancelled if nothing at all came), partially received once something came.
 */
export function statusFromLines(lines: PurchaseOrderRecord['lines']): PurchaseOrderStatus {
  const anyReceived = lines.some((l) => l.received > 0);
  if (lines.every((l) => l.received + l.cancelled >= l.quantity)) return anyReceived ? 'received' : 'cancelled';
  return anyReceived ? 'partially_received' : 'ordered';
}

/** A CONFLICT naming what the order's status forbids, e.g. receiving a cancelled order. */
export function wrongStatus(order: PurchaseOrderRecord, action: string, allowed: readonly PurchaseOrderStatus[]): Failure | null {
  if (allowed.includes(order.status)) return null;
  const state = order.status === 'received' ? 'fully received' : order.status.replace('_', ' ');
  return fail('CONFLICT', `purchase order ${order.id} is ${state}; ${action} needs it to be ${allowed.join(' or ').replace(/_/g, ' ')}`, {
    field: 'status', status: order.status,
  });
}
