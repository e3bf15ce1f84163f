import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { listMovements } from '../../src/app/list-movements.js';
import { listOrders } from '../../src/app/list-orders.js';
import { listStockLevels } from '../../src/app/list-stock-levels.js';
import type { Store } from '../../src/app/ports.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * The order and movement lists refuse a sku or location that names nothing by the one rule
 * (asFilter) the backorder queue and the stock levels use: the same failure, word for word.
 */
for (const dialect of DIALECTS) {
  describe(`an unknown sku or location given to the order and movement lists on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow' });
      await receive(store, 'WIDGET', 'MAIN', 2);
      await order(store, { WIDGET: 1 });
    });

    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    it('is VALIDATION_FAILED naming the parameter and the value, as the other lists answer', async () => {
      const noItem = { ok: false, code: 'VALIDATION_FAILED', message: 'sku: no item with sku NOPE', details: { field: 'sku' } };
      const noLocation = { ok: false, code: 'VALIDATION_FAILED', message: 'location: no location with code NOWHERE', details: { field: 'location' } };
      expect(await listOrders(store, { sku: 'NOPE' })).toEqual(noItem);
      expect(await listMovements(store, { sku: 'NOPE' })).toEqual(noItem);
      expect(await listMovements(store, { location: 'NOWHERE' })).toEqual(noLocation);
      // The sku is checked first when both name nothing, as in the stock-level list.
      expect(await listMovements(store, { sku: 'NOPE', location: 'NOWHERE' })).toEqual(noItem);
      expect(await listStockLevels(store, { sku: 'NOPE', location: 'NOWHERE' })).toEqual(noItem);
      expect(await listStockLevels(store, { location: 'NOWHERE' })).toEqual(noLocation);
      expect(await backorderQueue(store, 'NOPE')).toEqual(noItem);
    });

    it('lists what a known sku and location pick', async () => {
      expect(must(await listOrders(store, { sku: 'WIDGET' })).items).toHaveLength(1);
      expect(must(await listMovements(store, { sku: 'WIDGET', location: 'MAIN' })).items.map((m) => m.kind)).toEqual(['adjustment', 'allocation']);
    });
  });
}
