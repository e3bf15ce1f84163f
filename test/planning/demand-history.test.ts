import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getDemandHistory } from '../../src/app/planning/get-demand-history.js';
import { placeOrder } from '../../src/app/place-order.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { openPlanningWorld, type PlanningWorld } from './planning-fixtures.js';

for (const dialect of DIALECTS) {
  describe(`demand history on ${dialect}`, () => {
    let world: PlanningWorld;

    beforeEach(async () => {
      world = await openPlanningWorld(dialect);
      await seedLocation(world.store, 'MAIN');
      await seedLocation(world.store, 'BACK', 5);
      await seedItem(world.store, 'WIDGET', { backorderPolicy: 'allow', backorderLimit: 3 });
    });

    afterEach(async () => {
      await expectInvariants(world.store);
      await world.store.close();
      await world.database.drop();
    });

    it('counts every unit asked for: allocated, backordered and lost (cut or rejected)', async () => {
      await receive(world.store, 'WIDGET', 'MAIN', 4);
      await receive(world.store, 'WIDGET', 'BACK', 1);
      world.clock.advanceDays(1);
      const day = world.clock.today();
      await order(world.store, { WIDGET: 3 }); // 3 allocated at MAIN
      await order(world.store, { WIDGET: 4 }); // 1 at MAIN + 1 at BACK allocated, 2 backordered
      await order(world.store, { WIDGET: 5 }, { shortage: 'partial' }); // 1 backordered (limit 3), 4 cut
      const rejected = await placeOrder(world.store, { shortage: 'in_stock_only', lines: [{ sku: 'WIDGET', quantity: 2 }] }, { actor: 'test' });
      expect(rejected).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
      world.clock.advanceDays(1);
      // The next day the limit is reached: an order for one more is rejected and its unit lost.
      expect(await placeOrder(world.store, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, { actor: 'test' })).toMatchObject({ ok: false, code: 'OUT_OF_STOCK' });
      const history = must(await getDemandHistory(world.store, { sku: 'WIDGET', from: day, to: world.clock.today() }));
      expect(history.buckets).toEqual([
        { start: day, allocated: 5, backordered: 3, lost: 6, imported: 0, total: 14, subscriptions: 0 },
        { start: world.clock.today(), allocated: 0, backordered: 0, lost: 1, imported: 0, total: 1, subscriptions: 0 },
      ]);
      expect(history.totals).toEqual({ allocated: 5, backordered: 3, lost: 7, imported: 0, total: 15, subscriptions: 0 });
      // By location only what was allocated there at placement is known.
      const main = must(await getDemandHistory(world.store, { sku: 'WIDGET', location: 'MAIN', from: day, to: day }));
      expect(main.buckets[0]).toMatchObject({ allocated: 4, backordered: 0, lost: 0 });
      const back = must(await getDemandHistory(world.store, { sku: 'WIDGET', location: 'BACK', from: day, to: day }));
      expect(back.buckets[0]).toMatchObject({ allocated: 1 });
    });

    it('rolls days up into Monday weeks and calendar months, conserving units', async () => {
      const item = await world.db.selectFrom('items').select('id').where('sku', '=', 'WIDGET').executeTakeFirstOrThrow();
      const rows = [['2026-01-30', 2], ['2026-02-01', 3], ['2026-02-02', 5], ['2026-02-28', 7]] as const;
      await world.db.insertInto('demand_history').values(rows.map(([day, quantity]) => ({ item_id: item.id, location_id: null, day, quantity, imported_at: 'x' }))).execute();
      const weeks = must(await getDemandHistory(world.store, { sku: 'WIDGET', bucket: 'week', from: '2026-01-26', to: '2026-03-01' }));
      expect(weeks.buckets.map((b) => [b.start, b.imported, b.total])).toEqual([
        ['2026-01-26', 5, 5], ['2026-02-02', 5, 5], ['2026-02-09', 0, 0], ['2026-02-16', 0, 0], ['2026-02-23', 7, 7],
      ]);
      const months = must(await getDemandHistory(world.store, { sku: 'WIDGET', bucket: 'month', from: '2026-01-15', to: '2026-03-01' }));
      expect(months.buckets.map((b) => [b.start, b.total])).toEqual([['2026-01-01', 2], ['2026-02-01', 15], ['2026-03-01', 0]]);
      expect(months.totals.total).toBe(17);
    });

    it('shows back-in-stock requests beside demand, never in it', async () => {
      const item = await world.db.selectFrom('items').select('id').where('sku', '=', 'WIDGET').executeTakeFirstOrThrow();
      const today = world.clock.today();
      await world.db.insertInto('subscriptions').values([
        { item_id: item.id, sku: 'WIDGET', email: 'a@example.com', email_key: 'a', status: 'active', created_at: `${today}T10:00:00.000Z` },
        { item_id: item.id, sku: 'WIDGET', email: 'b@example.com', email_key: 'b', status: 'notified', created_at: `${today}T11:00:00.000Z` },
      ]).execute();
      const history = must(await getDemandHistory(world.store, { sku: 'WIDGET', from: today, to: today }));
      expect(history.buckets).toEqual([{ start: today, allocated: 0, backordered: 0, lost: 0, imported: 0, total: 0, subscriptions: 2 }]);
    });

    it('names the field of a bad query', async () => {
      expect(await getDemandHistory(world.store, { sku: 'NOPE' })).toMatchObject({ ok: false, code: 'NOT_FOUND', details: { field: 'sku' } });
      expect(await getDemandHistory(world.store, { sku: 'WIDGET', bucket: 'year' })).toMatchObject({ ok: false, details: { field: 'bucket' } });
      expect(await getDemandHistory(world.store, { sku: 'WIDGET', from: '2026-02-30' })).toMatchObject({ ok: false, details: { field: 'from' } });
      expect(await getDemandHistory(world.store, { sku: 'WIDGET', to: '0000-01-01' })).toMatchObject({ ok: false, details: { field: 'to' }, message: 'to: must be on or after 1900-01-01' });
      expect(await getDemandHistory(world.store, { sku: 'WIDGET', from: '2026-03-05', to: '2026-03-01' })).toMatchObject({ ok: false, details: { field: 'from' } });
      expect(await getDemandHistory(world.store, { sku: 'WIDGET', location: 'NOWHERE' })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'location' } });
    });
  });
}
