import { afterEach, beforeEach, expect } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { createItemSupplier } from '../../src/app/purchasing/manage-item-suppliers.js';
import { createSupplier } from '../../src/app/purchasing/manage-suppliers.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import type { PurchaseOrderView } from '../../src/app/purchasing/purchase-order-view.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import type { Result } from '../../src/app/result.js';
import { expectInvariants, must, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, type DialectName, type TestDatabase } from '../support/stores.js';

/**
 * A test clock: each transaction is one second later than the last, and `advanceDays` moves the
 * calendar on, so "today" (2026-01-01 at the start) is under the test's control.
 */
export class TestClock {
  private tick = 0;
  private days = 0;
  readonly now = () => new Date(Date.UTC(2026, 0, 1 + this.days, 0, 0, 0) + 1000 * this.tick++);
  advanceDays(days: number): void {
    this.days += days;
    this.tick = 0;
  }
}

export interface PurchasingWorld {
  readonly database: TestDatabase;
  readonly store: Store;
  readonly clock: TestClock;
}

export async function openWorld(dialect: DialectName): Promise<PurchasingWorld> {
  const clock = new TestClock();
  const database = await createTestDatabase(dialect);
  const store = await database.open({ clock: clock.now });
  return { database, store, clock };
}

/**
 * A fresh world for every test of the calling suite: opened and seeded before each test, checked
 * against SPEC §3's invariants and dropped after it. The returned world always shows the current
 * test's database, store and clock.
 */
export function worldPerTest(dialect: DialectName, seed: (store: Store) => Promise<void>): PurchasingWorld {
  let current: PurchasingWorld | null = null;
  beforeEach(async () => {
    current = await openWorld(dialect);
    await seed(current.store);
  });
  afterEach(async () => {
    if (current === null) return;
    const { store, database } = current;
    current = null;
    await expectInvariants(store);
    await store.close();
    await database.drop();
  });
  const live = (): PurchasingWorld => {
    if (current === null) throw new Error('the world exists only while a test runs');
    return current;
  };
  return {
    get database() {
      return live().database;
    },
    get store() {
      return live().store;
    },
    get clock() {
      return live().clock;
    },
  };
}

/**
 * The catalogue most purchasing tests start from: location MAIN; WIDGET (backorders allowed, 10
 * days, cost 600) linked to ACME (20 days) at 450 and 7 days; GADGET (cost 900) with no link.
 */
export async function seedWidgetsFromAcme(store: Store): Promise<void> {
  await seedLocation(store, 'MAIN');
  await seedItem(store, 'WIDGET', { backorderPolicy: 'allow', leadTimeDays: 10, unitCost: 600 });
  await seedItem(store, 'GADGET', { unitCost: 900 });
  await seedSupplier(store, 'ACME', { leadTimeDays: 20 });
  await seedLink(store, 'WIDGET', 'ACME', { unitCost: 450, leadTimeDays: 7 });
}

export async function seedSupplier(store: Store, code: string, fields: Record<string, unknown> = {}): Promise<void> {
  must(await createSupplier(store, { code, name: `Supplier ${code}`, leadTimeDays: 20, ...fields }, 'test'));
}

export async function seedLink(store: Store, sku: string, supplier: string, fields: Record<string, unknown> = {}): Promise<void> {
  must(await createItemSupplier(store, { sku, supplier, unitCost: 500, preferred: false, ...fields }, 'test'));
}

/** Creates and sends a purchase order; lines are `[sku, quantity, expectedOn]`. */
export async function orderedPo(store: Store, supplier: string, lines: readonly [string, number, string][]): Promise<PurchaseOrderView> {
  const draft = must(await createPurchaseOrder(store, { supplier, lines: lines.map(([sku, quantity, expectedOn]) => ({ sku, quantity, expectedOn })) }, 'test'));
  return must(await sendPurchaseOrder(store, draft.id, 'test'));
}

/** Asserts an expected failure with its code and (when given) the field it names. */
export function expectFailure<T>(result: Result<T>, code: string, field?: string): void {
  expect(result.ok, result.ok ? 'expected a failure' : '').toBe(false);
  if (result.ok) return;
  expect(result.code, result.message).toBe(code);
  if (field !== undefined) expect((result.details as { field?: string } | undefined)?.field, result.message).toBe(field);
}

/** Everything a purchasing use case could have written, to prove a refused call wrote nothing. */
export async function snapshot(store: Store): Promise<unknown> {
  return store.read(async (tx) => ({
    orders: await tx.purchasing.listPurchaseOrders({ limit: 1000 }),
    suppliers: await tx.purchasing.listSuppliers(),
    links: await tx.purchasing.listLinks({}),
    movements: await tx.listMovements({ limit: 100_000 }),
    events: await tx.listEvents(0, 100_000),
    items: await tx.listItems({ limit: 1000 }),
  }));
}

/** The `backorder.eta_changed` events after `afterSeq`, as `[orderId, previousEta, eta]`. */
export async function etaChanges(store: Store, afterSeq = 0): Promise<[number, string, string][]> {
  const events = await store.read((tx) => tx.listEvents(afterSeq, 100_000));
  return events
    .filter((e) => e.type === 'backorder.eta_changed')
    .map((e) => {
      const p = e.payload as { orderId: number; previousEta: string; eta: string };
      return [p.orderId, p.previousEta, p.eta];
    });
}

export async function lastEventSeq(store: Store): Promise<number> {
  const events = await store.read((tx) => tx.listEvents(0, 100_000));
  return events[events.length - 1]?.seq ?? 0;
}
