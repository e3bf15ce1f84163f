import { dateOf } from '../domain/dates.js';
import type { Store } from './ports.js';
import { recomputeEtas } from './recompute-etas.js';

/** Items per transaction: short ones, so placements never wait long behind a refresh. */
const ITEMS_PER_TRANSACTION = 100;

export interface PromiseRefreshReport {
  /** Items whose waiting lines carried a promise date that had passed. */
  readonly items: number;
}

/**
 * Re-derives the promise dates of every item with a waiting line whose date has passed (SPEC §5:
 * today is an input of every promise): a purchase order that is now overdue, or a lead-time
 * estimate that ran out without stock arriving. Each line whose date moves gets its
 * `backorder.eta_changed` event, as on any other change, so customers hear of the delay. A
 * discontinued item's lines beyond its open purchase orders hold no date (restockLeadTimeDays), so
 * nothing is renewed for stock nobody will order; those an overdue PO covers still move a week out.
 * Items are locked, so processes refreshing at the same time move each date once.
 */
export async function refreshPastPromises(store: Store): Promise<PromiseRefreshReport> {
  const stale = await store.read((tx) => tx.itemsWithPromisesBefore(dateOf(new Date(tx.now))));
  for (let start = 0; start < stale.length; start += ITEMS_PER_TRANSACTION) {
    const ids = stale.slice(start, start + ITEMS_PER_TRANSACTION);
    await store.transaction(async (tx) => {
      const repromised: number[] = [];
      for (const item of await tx.lockItems(ids)) repromised.push(...(await recomputeEtas(tx, item)).repromised);
      tx.noteOrdersChanged([], repromised);
    });
  }
  return { items: stale.length };
}
