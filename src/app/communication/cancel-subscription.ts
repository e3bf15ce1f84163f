import type { Store } from '../ports.js';
import { fail, invalid, ok, type Result } from '../result.js';
import type { Subscription } from './ports.js';

/**
 * Staff end a subscription that is still waiting (a customer who asked by phone, an address that
 * bounces): it is never notified. Ending one already ended answers it as it is; one whose customer
 * was already told is a CONFLICT, since there is nothing left to stop.
 */
export async function cancelSubscription(store: Store, id: number): Promise<Result<Subscription>> {
  if (!Number.isInteger(id) || id < 1) return invalid('id', 'must be a positive whole number');
  return store.transaction(async (tx) => {
    // Ended in the write only while still waiting: a notice committed since any read is seen.
    await tx.communication.unsubscribe(id, true);
    const subscription = await tx.communication.findSubscription(id);
    if (!subscription) return fail('NOT_FOUND', `id: no subscription with id ${id}`, { field: 'id' });
    if (subscription.status === 'notified') return fail('CONFLICT', `id: subscription ${id} was already notified; there is nothing left to stop`, { field: 'id' });
    return ok(subscription);
  });
}
