import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocation } from '../../src/app/manage-locations.js';
import { listLocations } from '../../src/app/list-locations.js';
import type { Store } from '../../src/app/ports.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/** EAST and east would read as one place on a pick list but allocate as two: only one is made, even at once. */
for (const dialect of DIALECTS) {
  describe(`location codes that differ only in case on ${dialect}`, () => {
    let database: TestDatabase;
    let stores: Store[];

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      stores = [await database.open(), await database.open()];
    });

    afterEach(async () => {
      for (const store of stores) await store.close();
      await database.drop();
    });

    it('makes one of two created at the same moment on two connections, and refuses the other naming code', async () => {
      for (let round = 0; round < 10; round += 1) {
        const [upper, lower] = await Promise.all([
          createLocation(stores[0] as Store, { code: `EAST-${round}`, name: 'East' }, 'test'),
          createLocation(stores[1] as Store, { code: `east-${round}`, name: 'east' }, 'test'),
        ]);
        const refused = [upper, lower].filter((r) => !r.ok);
        expect(refused).toHaveLength(1);
        expect(refused[0]).toMatchObject({ ok: false, code: 'CONFLICT', details: { field: 'code' } });
      }
      expect(await listLocations(stores[0] as Store)).toHaveLength(10);
    });
  });
}
