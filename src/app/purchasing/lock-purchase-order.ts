import type { Item } from '../../domain/types.js';
import type { UnitOfWork } from '../ports.js';
import { fail, ok, type Failure, type Result } from '../result.js';
import type { PurchaseOrderRecord, PurchaseOrderStatus } from './ports.js';

/** Tries before an order whose lines keep changing under it is given up (each try needs another writer's commit). */
const MAX_TRIES = 5;

/** Thrown inside the savepoint to give back its locks: the order's lines changed before its row was locked. */
class LinesChanged extends Error {}

/**
 * Loads a purchase order, locks its items in id order (the global lock order), then its own row,
 * and reads it again so its lines are current under the locks. When another transaction gave the
 * order a line of an item not locked meanwhile, that item cannot be locked now without breaking the
 * order (a lower id than one already held), so the locks are given back (a savepoint rolled back)
 * and taken again for the lines as they now are: every item is locked once, in id order.
 */
export async function lockPurchaseOrder(tx: UnitOfWork, poId: number): Promise<Result<{ order: PurchaseOrderRecord; items: Item[] }>> {
  for (let tries = 1; ; tries += 1) {
    const first = await tx.purchasing.findPurchaseOrder(poId);
    if (!first) return fail('NOT_FOUND', `no purchase order with id ${poId}`, { field: 'id' });
    const ids = itemIdsOf(first);
    const locked = await tx.savepoint(async () => {
      const items = await tx.lockItems(ids);
      await tx.purchasing.lockPurchaseOrder(poId);
      const order = (await tx.purchasing.findPurchaseOrder(poId)) as PurchaseOrderRecord;
      const current = itemIdsOf(order);
      if (current.some((id) => !ids.includes(id))) throw new LinesChanged();
      return { order, items: items.filter((i) => current.includes(i.id)) };
    }).catch((error: unknown) => {
      if (error instanceof LinesChanged) return null;
      throw error;
    });
    if (locked) return ok(locked);
    if (tries === MAX_TRIES) {
      return fail('CONFLICT', `purchase order ${poId} kept changing while it was being read (lines added ${MAX_TRIES} times); try again`, { field: 'id' });
    }
  }
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
  const state = order.status !== 'received'
    ? order.status.replace('_', ' ')
    : order.lines.some((l) => l.cancelled > 0) ? 'closed (what came was received, the rest cancelled)' : 'fully received';
  return fail('CONFLICT', `purchase order ${order.id} is ${state}; ${action} needs it to be ${allowed.join(' or ').replace(/_/g, ' ')}`, {
    field: 'status', status: order.status,
  });
}
