import type { Item } from '../../domain/types.js';
import { snapshotStatuses } from '../item-status.js';
import type { NewEvent, Store, UnitOfWork } from '../ports.js';
import type { SubscriptionPolicy } from './subscription-policy.js';

/**
 * Tells an item's waiting back-in-stock subscribers that `units` more are free to buy (SPEC §6),
 * inside the caller's transaction, which holds the item's lock: first come first served, no more
 * of them than those units unless the policy says to tell everyone. Each one told becomes
 * `notified`, so nobody is told twice (asking again later makes a new subscription), with
 * `restockAt` as the restock it was told of, and gets a `subscription.notified` event, which the
 * mailer and webhooks deliver. `available` is what the item has free now. Returns how many were told.
 */
export async function tellWaitingSubscribers(
  tx: UnitOfWork,
  item: Item,
  stock: { readonly units: number; readonly available: number },
  restockAt: string,
  policy: SubscriptionPolicy,
): Promise<number> {
  let left = policy.notifyAll ? null : Math.max(0, stock.units);
  let told = 0;
  // Subscriptions are read without a lock: one its customer (or staff) ends meanwhile is not marked,
  // gets no notice, and leaves its unit to the next in line, read again (each read sees what was
  // committed since, so it cannot come back). Bounded: every round marks or drops all it read.
  for (let round = 0; round < 10 && left !== 0; round += 1) {
    const waiting = await tx.communication.waitingSubscriptions(item.id, left);
    if (waiting.length === 0) break;
    const marked = new Set(await tx.communication.markSubscriptionsNotified(waiting.map((s) => s.id), restockAt));
    const notified = waiting.filter((s) => marked.has(s.id));
    await tx.insertEvents(
      notified.map((s): NewEvent => ({
        type: 'subscription.notified', subjectType: 'subscription', subjectId: String(s.id),
        payload: { subscriptionId: s.id, sku: item.sku, name: item.name, email: s.email, subscribedAt: s.createdAt, available: stock.available },
      })),
    );
    told += notified.length;
    if (left !== null) left -= notified.length;
    if (notified.length === waiting.length) break;
  }
  return told;
}

/** Units of one item that came in. */
export interface Arrival {
  readonly sku: string;
  readonly units: number;
}

export interface Restock {
  /**
   * What came in: the `available` of an `item.status_changed` that brought an item back, or the
   * lines of a `po.received`.
   */
  readonly arrivals: readonly Arrival[];
  /** When the restock happened: the `createdAt` of its event, shared by every event of its transaction. */
  readonly at: string;
  /** The delivery that asked for this run; marked done in the same transaction, so nobody is told twice. */
  readonly deliveryId: number;
}

/**
 * Runs a back-in-stock delivery fanned out before subscribers were told in the transaction of the
 * stock change itself (settleItems): the restock's subscribers are told as they would have been
 * then. A receipt that brought an item back had raised two restock events (`po.received` and
 * `item.status_changed`); subscribers already told for the same restock count against its units,
 * so the two together tell no more than came in. Returns how many were told.
 */
export async function notifySubscribers(store: Store, restock: Restock, policy: SubscriptionPolicy): Promise<number> {
  return store.transaction(async (tx) => {
    let told = 0;
    // The items are locked: two restock events of one receipt, delivered at once, take turns.
    const items = await tx.lockItemsBySku(restock.arrivals.map((a) => a.sku));
    for (const arrival of restock.arrivals) {
      const item = items.find((i) => i.sku === arrival.sku);
      if (!item) continue;
      const now = (await snapshotStatuses(tx, [item])).get(item.id);
      if (!now || now.available <= 0) continue;
      const units = Math.min(arrival.units, now.available) - (await tx.communication.countNotifiedFor(item.id, restock.at));
      told += await tellWaitingSubscribers(tx, item, { units, available: now.available }, restock.at, policy);
    }
    await tx.communication.markDelivered(restock.deliveryId, `${told} subscriber(s) told`);
    return told;
  });
}
