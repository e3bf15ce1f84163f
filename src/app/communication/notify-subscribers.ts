import { snapshotStatuses } from '../item-status.js';
import type { NewEvent, Store } from '../ports.js';
import type { SubscriptionPolicy } from './subscription-policy.js';

export interface Restock {
  readonly sku: string;
  /** Units available when the item came back (the `available` of its `item.status_changed`). */
  readonly arrived: number;
  /** The delivery that asked for this run; marked done in the same transaction, so nobody is told twice. */
  readonly deliveryId: number;
}

/**
 * Tells the waiting subscribers of a restocked item, first come first served: no more of them
 * than the units that arrived (and are still there), unless the policy says to tell everyone.
 * Each one told becomes `notified` and gets a `subscription.notified` event, which the mailer
 * and webhooks deliver. Returns how many were told.
 */
export async function notifySubscribers(store: Store, restock: Restock, policy: SubscriptionPolicy): Promise<number> {
  return store.transaction(async (tx) => {
    const [item] = await tx.findItems([restock.sku]);
    let told = 0;
    if (item) {
      const now = (await snapshotStatuses(tx, [item])).get(item.id);
      const inStock = now !== undefined && (now.status === 'in_stock' || now.status === 'low_stock');
      const room = inStock ? Math.min(restock.arrived, now.available) : 0;
      const limit = policy.notifyAll ? null : room;
      const waiting = inStock && limit !== 0 ? await tx.communication.waitingSubscriptions(item.id, limit) : [];
      await tx.communication.markSubscriptionsNotified(waiting.map((s) => s.id));
      await tx.insertEvents(
        waiting.map((s): NewEvent => ({
          type: 'subscription.notified', subjectType: 'subscription', subjectId: String(s.id),
          payload: { subscriptionId: s.id, sku: item.sku, name: item.name, email: s.email, subscribedAt: s.createdAt, available: now?.available ?? 0 },
        })),
      );
      told = waiting.length;
    }
    await tx.communication.markDelivered(restock.deliveryId, `${told} subscriber(s) told`);
    return told;
  });
}
