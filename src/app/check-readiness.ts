import type { Store } from './ports.js';

/** True when the database answers a trivial query: what a load balancer's readiness probe asks. */
export async function isDatabaseReachable(store: Store): Promise<boolean> {
  try {
    await store.read((tx) => tx.ping());
    return true;
  } catch {
    return false;
  }
}
