import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDraftPurchaseOrders } from '../../src/app/planning/create-draft-purchase-orders.js';
import { getReplenishmentPlan } from '../../src/app/planning/get-replenishment-plan.js';
import type { Store, UnitOfWork } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { expectInvariants, must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { openPlanningWorld, type PlanningWorld } from './planning-fixtures.js';

/**
 * A store whose transactions run `meanwhile` once, just before the first `lockItems`: what another
 * connection commits between drafting's unlocked read and its locks, as a deterministic interleaving.
 */
function withWorkBeforeLocking(store: Store, meanwhile: () => Promise<void>): Store {
  let pending = true;
  const pausing = (tx: UnitOfWork): UnitOfWork =>
    new Proxy(tx, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property, target);
        if (property !== 'lockItems' || typeof value !== 'function') return typeof value === 'function' ? value.bind(target) : value;
        return async (...args: unknown[]) => {
          if (pending) {
            pending = false;
            await meanwhile();
          }
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  return {
    dialect: store.dialect,
    transaction: (work) => store.transaction((tx) => work(pausing(tx))),
    read: (work) => store.read(work),
    snapshot: (work) => store.snapshot(work),
    close: () => store.close(),
  };
}

/** Drafts for every item; a buyer sends a purchase order for W's 10 waiting units as drafting runs. */
for (const dialect of DIALECTS) {
  describe(`drafting purchase orders while a buyer sends one on ${dialect}`, () => {
    let world: PlanningWorld;
    let buyer: Store;

    beforeEach(async () => {
      world = await openPlanningWorld(dialect);
      buyer = await world.database.open({ clock: world.clock.now });
      await seedLocation(world.store, 'MAIN');
      await seedSupplier(world.store, 'ACME', { leadTimeDays: 7 });
      for (const sku of ['V', 'W']) {
        await seedItem(world.store, sku, { leadTimeDays: 7, backorderPolicy: 'allow' });
        await seedLink(world.store, sku, 'ACME', { preferred: true });
      }
      await order(world.store, { V: 5, W: 10 });
    });

    afterEach(async () => {
      await expectInvariants(world.store);
      await buyer.close();
      await world.store.close();
      await world.database.drop();
    });

    const sendPo = (quantity: number) => async () => {
      must(await createPurchaseOrder(buyer, { supplier: 'ACME', lines: [{ sku: 'W', quantity }] }, 'buyer', { send: true }));
    };
    const drafted = async () => Object.fromEntries(
      (await Promise.all(['V', 'W'].map((sku) => getReplenishmentPlan(world.store, sku)))).map((plan) => [must(plan).sku, must(plan).stock]),
    );

    it('a purchase order sent before drafting leaves W out and drafts the rest', async () => {
      await sendPo(10)();
      const drafts = must(await createDraftPurchaseOrders(world.store, {}, 'planner'));
      expect(drafts.items.map((po) => po.lines.map((l) => [l.sku, l.quantity]))).toEqual([[['V', 5]]]);
      expect((await drafted())['W']).toMatchObject({ backordered: 10, incoming: 10, drafted: 0 });
    });

    // Only PostgreSQL lets another writer commit inside drafting's transaction; SQLite's BEGIN IMMEDIATE
    // holds the write lock from the start, so there the buyer waits and the case above is all there is.
    if (dialect === 'postgres') {
      it('a purchase order for all of W sent after drafting read but before it locked leaves W out', async () => {
        const drafts = must(await createDraftPurchaseOrders(withWorkBeforeLocking(world.store, sendPo(10)), {}, 'planner'));
        expect(drafts.items.map((po) => po.lines.map((l) => [l.sku, l.quantity]))).toEqual([[['V', 5]]]);
        expect(drafts.skipped).toEqual([]);
        // 10 on order for 10 waiting, not 20.
        expect((await drafted())['W']).toMatchObject({ backordered: 10, incoming: 10, drafted: 0 });
      });

      it('a purchase order for part of W sent after drafting read but before it locked shrinks W to the rest', async () => {
        const drafts = must(await createDraftPurchaseOrders(withWorkBeforeLocking(world.store, sendPo(4)), {}, 'planner'));
        expect(drafts.items.map((po) => po.lines.map((l) => [l.sku, l.quantity]))).toEqual([[['V', 5], ['W', 6]]]);
        expect((await drafted())['W']).toMatchObject({ backordered: 10, incoming: 4, drafted: 6 });
      });
    }
  });
}
