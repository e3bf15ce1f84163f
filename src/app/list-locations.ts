import type { Location } from '../domain/types.js';
import type { Store } from './ports.js';

/** Every location, most preferred (lowest priority number) first. */
export async function listLocations(store: Store): Promise<Location[]> {
  return store.read((tx) => tx.listLocations());
}
