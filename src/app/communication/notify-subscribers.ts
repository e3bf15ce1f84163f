import { snapshotStatuses } from '../item-status.js';
import type { NewEvent, Store } from '../ports.js';
import type { SubscriptionPolicy } from './subscription-policy.js';

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
 * Tells the waiting subscribers of restocked items, first come first served: no more of them than
 * the units that arrived (and are still there), unless the policy says to tell everyone. A receipt
 * that brings an item back raises two restock events (`po.received` and `item.status_changed`);
 * subscribers already told for the same restock count against its units, so the two together
 * tell no more than came in. Each one told becomes `notified` and gets a `subscription.notified`
 * event, which the mailer and webhooks deliver. Returns how many were told.
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
      const inStock = now !== undefined && (now.status === 'in_stock' || now.status === 'low_stock');
      if (!inStock) continue;
      const room = Math.max(0, Math.min(arrival.units, now.available) - (await tx.communication.countNotifiedFor(item.id, restock.at)));
      const limit = policy.notifyAll ? null : room;
      const waiting = limit !== 0 ? await tx.communication.waitingSubscriptions(item.id, limit) : [];
      await tx.communication.markSubscriptionsNotified(waiting.map((s) => s.id), restock.at);
      await tx.insertEvents(
        waiting.map((s): NewEvent => ({
          type: 'subscription.notified', subjectType: 'subscription', subjectId: String(s.id),
          payload: { subscriptionId: s.id, sku: item.sku, name: item.name, email: s.email, subscribedAt: s.createdAt, available: now.available },
        })),
      );
      told += waiting.length;
    }
    await tx.communication.markDelivered(restock.deliveryId, `${told} subscriber(s) told`);
    return told;
  });
}
