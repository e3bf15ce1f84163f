import { dateOf } from '../domain/dates.js';
import type { Store } from './ports.js';
import { recomputeEtas } from './recompute-etas.js';

/** Items per transaction: short ones, so placements never wait long behind a refresh. */
const ITEMS_PER_TRANSACTION = 100;

export interface PromiseRefreshReport {
  /** Items whose waiting lines' promises were out of date (a date passed, or a purchase order turned overdue) and moved. */
  readonly items: number;
}

/**
 * Re-derives the promise dates of every item whose waiting lines' promises are out of date (SPEC
 * §5: today is an input of every promise): a promise whose date has passed (a lead-time estimate
 * that ran out without stock arriving), or one made while an open purchase order of the item was
 * still on time that has since become overdue, though the promise's own date is still ahead (the
 * lines it covers, and those behind them, are now a week out at best). Each line whose date moves gets its
 * `backorder.eta_changed` event, as on any other change, so customers hear of the delay. A
 * discontinued item's lines beyond its open purchase orders hold no date (restockLeadTimeDays), so
 * nothing is renewed for stock nobody will order; those an overdue PO covers still move a week out.
 * Items are locked, so processes refreshing at the same time move each date once.
 */
export async function refreshPastPromises(store: Store): Promise<PromiseRefreshReport> {
  const stale = await store.read((tx) => tx.itemsWithStalePromises(dateOf(new Date(tx.now))));
  let moved = 0;
  for (let start = 0; start < stale.length; start += ITEMS_PER_TRANSACTION) {
    const ids = stale.slice(start, start + ITEMS_PER_TRANSACTION);
    moved += await store.transaction(async (tx) => {
      const repromised: number[] = [];
      let items = 0;
      for (const item of await tx.lockItems(ids)) {
        const { repromised: orders } = await recomputeEtas(tx, item);
        if (orders.size > 0) items += 1;
        repromised.push(...orders);
      }
      tx.noteOrdersChanged([], repromised);
      return items;
    });
  }
  return { items: moved };
}
