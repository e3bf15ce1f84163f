import { networkAvailable } from '../domain/allocation.js';
import type { PromiseDate } from '../domain/eta.js';
import type { Item, LocatedStock } from '../domain/types.js';
import { tellWaitingSubscribers } from './communication/notify-subscribers.js';
import { fillBackorders } from './fill-backorders.js';
import { snapshotStatuses, statusesFrom, type StatusSnapshot } from './item-status.js';
import type { NewEvent, UnitOfWork } from './ports.js';
import { recomputeEtas } from './recompute-etas.js';

/**
 * The settled items and their stock levels exactly as the caller's own writes left them, under
 * its locks; a caller that knows them spares settling from reading them again.
 */
export interface KnownState {
  readonly items: readonly Item[];
  readonly stocks: readonly LocatedStock[];
}

/** What settling did that its caller may tell: each waiting line's promise date, and the units it filled. */
export interface Settlement {
  /** The promise date of every waiting line of the items, by line id. */
  readonly promises: ReadonlyMap<number, PromiseDate>;
  /** Units moved from waiting backorders to allocated. */
  readonly filledUnits: number;
}

/**
 * The closing step of every use case that touched stock, the queue or supply: fills waiting
 * backorders from any free units, refreshes promise dates, and reports status changes
 * (`item.status_changed`, `stock.low`) against the snapshot taken when the items were locked,
 * records each crossing of zero available units as the start or end of a stockout, and tells
 * back-in-stock subscribers of units freed for sale.
 */
export async function settleItems(
  tx: UnitOfWork,
  itemIds: readonly number[],
  before: ReadonlyMap<number, StatusSnapshot>,
  actor: string,
  known?: KnownState,
): Promise<Settlement> {
  const ids = [...new Set(itemIds)].sort((a, b) => a - b);
  let items = known ? [...known.items].sort((a, b) => a.id - b.id) : await tx.lockItems(ids);
  let stocks = known?.stocks ?? null;
  let filled = 0;
  const filledOrders: number[] = [];
  for (const item of items) {
    // Without waiting lines or free units there is nothing to fill (fillBackorders would find so too).
    if (item.backordered === 0 || (stocks && networkAvailable(stocks.filter((s) => s.itemId === item.id)) === 0)) continue;
    const fill = await fillBackorders(tx, item, actor);
    filled += fill.units;
    filledOrders.push(...fill.orderIds);
  }
  if (filled > 0) {
    items = await tx.lockItems(ids);
    stocks = null;
  }
  const promises = new Map<number, PromiseDate>();
  const repromised: number[] = [];
  for (const item of items) {
    if (item.backordered === 0) continue;
    const recomputed = await recomputeEtas(tx, item);
    for (const [lineId, promise] of recomputed.promises) promises.set(lineId, promise);
    repromised.push(...recomputed.repromised);
  }
  // Written once with every other order the transaction changed, just before it commits.
  tx.noteOrdersChanged(filledOrders, repromised);
  const after = stocks ? statusesFrom(items, stocks) : await snapshotStatuses(tx, items);
  for (const item of items) {
    const was = before.get(item.id)?.available;
    const now = after.get(item.id)?.available;
    if (was !== undefined && now !== undefined && (was > 0) !== (now > 0)) await tx.recordStockout(item.id, now === 0);
    await recordLocationStockouts(tx, item.id, before.get(item.id)?.availableAt, after.get(item.id)?.availableAt);
  }
  await tx.insertEvents(statusEvents(items, before, after));
  await tellSubscribersOfFreedUnits(tx, items, before, after);
  return { promises, filledUnits: filled };
}

/**
 * Tells back-in-stock subscribers of each item with more units free to sell than before, whatever
 * freed them (a receipt, a count up, a cancellation, a transfer from an inactive location, a
 * location switched on): as many of them as the units the rise brought, left over by the queue.
 * An item already in stock with subscribers left waiting by a small restock is told too, which
 * the status change alone would miss. Whom to tell is the shop's policy (tx.subscriptionPolicy:
 * RESTOCK_SUBSCRIPTIONS_NOTIFY_ALL, wired in by the entry point that opened the store).
 */
async function tellSubscribersOfFreedUnits(
  tx: UnitOfWork,
  items: readonly Item[],
  before: ReadonlyMap<number, StatusSnapshot>,
  after: ReadonlyMap<number, StatusSnapshot>,
): Promise<void> {
  const risen = items.flatMap((item) => {
    const was = before.get(item.id)?.available;
    const now = after.get(item.id)?.available;
    return was === undefined || now === undefined || now <= was ? [] : [{ item, units: now - was, available: now }];
  });
  if (risen.length === 0) return;
  // One read for the whole change: a receipt of many items asks each one only when someone waits.
  const waited = await tx.communication.itemsWithWaitingSubscribers(risen.map((r) => r.item.id));
  for (const { item, units, available } of risen) {
    if (waited.has(item.id)) await tellWaitingSubscribers(tx, item, { units, available }, tx.now, tx.subscriptionPolicy);
  }
}

/**
 * Records each stock level whose available units crossed zero; a level that did not exist before
 * and came into being with nothing available starts an initial stockout.
 */
async function recordLocationStockouts(
  tx: UnitOfWork,
  itemId: number,
  before: ReadonlyMap<number, number> | undefined,
  after: ReadonlyMap<number, number> | undefined,
): Promise<void> {
  if (!before || !after) return;
  for (const [locationId, now] of after) {
    const was = before.get(locationId);
    if (was === undefined) {
      if (now <= 0) await tx.recordLocationStockout(itemId, locationId, true, true);
    } else if ((was > 0) !== (now > 0)) {
      await tx.recordLocationStockout(itemId, locationId, now <= 0);
    }
  }
}

/** Statuses an item in stock falls to when its available units reach its low-stock threshold. */
const BELOW_THRESHOLD: ReadonlySet<string> = new Set(['low_stock', 'out_of_stock', 'backorder']);

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
    // Available fell to the threshold or below, to low stock or straight past it: a reorder that
    // listens for stock.low must hear of the item that sold out in one order too.
    if (was.status === 'in_stock' && BELOW_THRESHOLD.has(now.status)) {
      events.push({ type: 'stock.low', subjectType: 'item', subjectId: item.sku, payload: { ...payload, lowStockThreshold: item.lowStockThreshold } });
    }
  }
  return events;
}
