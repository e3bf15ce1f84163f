import type { Item, Location } from '../domain/types.js';
import type { UnitOfWork } from './ports.js';
import { fail, ok, type Result } from './result.js';

/** Looks up one item by sku, as a NOT_FOUND failure naming the field when it does not exist. */
export async function resolveItem(tx: UnitOfWork, sku: string, field = 'sku'): Promise<Result<Item>> {
  const [item] = await tx.findItems([sku]);
  return item ? ok(item) : fail('NOT_FOUND', `${field}: no item with sku ${sku}`, { field });
}

/** Looks up one location by code, as a NOT_FOUND failure naming the field when it does not exist. */
export async function resolveLocation(tx: UnitOfWork, code: string, field = 'location'): Promise<Result<Location>> {
  const [location] = await tx.findLocations([code]);
  return found(location, code, field);
}

/**
 * `resolveLocation` for a change that may create a stock level at the location: locked (shared)
 * before any item, so it is never made beside an activation that did not see it.
 */
export async function resolveLocationForStock(tx: UnitOfWork, code: string, field = 'location'): Promise<Result<Location>> {
  const [location] = await tx.lockLocations([code], 'stock');
  return found(location, code, field);
}

function found(location: Location | undefined, code: string, field: string): Result<Location> {
  return location ? ok(location) : fail('NOT_FOUND', `${field}: no location with code ${code}`, { field });
}
