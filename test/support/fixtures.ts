import { expect } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { checkInvariants } from '../../src/app/check-invariants.js';
import { createItem } from '../../src/app/manage-items.js';
import { createLocation } from '../../src/app/manage-locations.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { OrderView } from '../../src/app/order-view.js';
import type { Store } from '../../src/app/ports.js';
import type { Result } from '../../src/app/result.js';

/** Unwraps a successful result, failing the test with the error otherwise. */
export function must<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.value;
}

export async function seedLocation(store: Store, code: string, priority = 0): Promise<void> {
  must(await createLocation(store, { code, name: `Location ${code}`, priority }, 'test'));
}

export async function seedItem(store: Store, sku: string, fields: Record<string, unknown> = {}): Promise<void> {
  must(await createItem(store, { sku, name: `Item ${sku}`, unitPrice: 1000, unitCost: 600, ...fields }, 'test'));
}

export async function receive(store: Store, sku: string, location: string, delta: number): Promise<void> {
  must(await adjustStock(store, { sku, location, delta, reason: 'test receipt' }, 'test'));
}

export async function order(store: Store, lines: Record<string, number>, extra: Record<string, unknown> = {}): Promise<OrderView> {
  return must(await placeOrder(store, { ...extra, lines: Object.entries(lines).map(([sku, quantity]) => ({ sku, quantity })) }, { actor: 'test' }));
}

export async function expectInvariants(store: Store): Promise<void> {
  expect(await checkInvariants(store)).toEqual([]);
}
