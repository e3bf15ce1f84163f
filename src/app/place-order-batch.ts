import type { OrderView } from './order-view.js';
import { lockForPlacement, placeWithin, type PreparedOrder } from './place-order.js';
import type { Store } from './ports.js';
import type { Replayable } from './once-per-key.js';
import { Rollback } from './result.js';

/**
 * Places several prepared orders in ONE transaction, in the order given, each exactly as
 * `placeOrder` would alone: every order runs in its own savepoint, so one that must roll back
 * (a `Rollback`) leaves the others standing, and each sees the stock the ones before it left.
 * The locks of all orders are taken first (lockForPlacement: their external ids, then their items
 * in id order), so concurrent batches never deadlock.
 * One commit for the whole batch is the point: under load, the cost of committing (a WAL flush on
 * PostgreSQL, the WAL append of every touched page on SQLite) is paid once per batch, not per order.
 * Any other error fails the whole batch (nothing of it is committed).
 */
export async function placeOrderBatch(store: Store, orders: readonly PreparedOrder[]): Promise<Replayable<OrderView>[]> {
  return store.transaction(async (tx) => {
    await lockForPlacement(tx, orders);
    const results: Replayable<OrderView>[] = [];
    for (const order of orders) {
      try {
        results.push(await tx.savepoint(() => placeWithin(tx, order)));
      } catch (error) {
        if (!(error instanceof Rollback)) throw error;
        results.push(error.failure);
      }
    }
    return results;
  });
}
