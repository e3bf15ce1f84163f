import type { Item } from '../domain/types.js';
import { fillBackorders } from './fill-backorders.js';
import { snapshotStatuses, type StatusSnapshot } from './item-status.js';
import type { NewEvent, UnitOfWork } from './ports.js';
import { recomputeEtas } from './recompute-etas.js';

/**
 * The closing step of every use case that touched stock, the queue or supply: fills waiting
 * backorders from any free units, refreshes promise dates, and reports status changes
 * (`item.status_changed`, `stock.low`) against the snapshot taken when the items were locked,
 * and records each crossing of zero available units as the start or end of a stockout.
 */
export async function settleItems(
  tx: UnitOfWork,
  itemIds: readonly number[],
  before: ReadonlyMap<number, StatusSnapshot>,
  actor: string,
): Promise<void> {
  const ids = [...new Set(itemIds)].sort((a, b) => a - b);
  let items = await tx.lockItems(ids);
  let filled = 0;
  for (const item of items) filled += await fillBackorders(tx, item, actor);
  if (filled > 0) items = await tx.lockItems(ids);
  for (const item of items) if (item.backordered > 0) await recomputeEtas(tx, item);
  const after = await snapshotStatuses(tx, items);
  for (const item of items) {
    const was = before.get(item.id)?.available;
    const now = after.get(item.id)?.available;
    if (was !== undefined && now !== undefined && (was > 0) !== (now > 0)) await tx.recordStockout(item.id, now === 0);
  }
  await tx.insertEvents(statusEvents(items, before, after));
}

function statusEvents(
  items: readonly Item[],
  before: ReadonlyMap<number, StatusSnapshot>,
  after: ReadonlyMap<number, StatusSnapshot>,
): NewEvent[] {
  const events: NewEvent[] = [];
  for (const item of items) {
    const was = before.get(item.id);
    const now = after.get(item.id);
    if (!was || !now || was.status === now.status) continue;
    const payload = { sku: item.sku, name: item.name, previousStatus: was.status, status: now.status, available: now.available };
    events.push({ type: 'item.status_changed', subjectType: 'item', subjectId: item.sku, payload });
    if (now.status === 'low_stock' && was.status === 'in_stock') {
      events.push({ type: 'stock.low', subjectType: 'item', subjectId: item.sku, payload: { ...payload, lowStockThreshold: item.lowStockThreshold } });
    }
  }
  return events;
}
