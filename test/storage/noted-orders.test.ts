import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../src/app/get-order.js';
import type { Store } from '../../src/app/ports.js';
import { expectInvariants, must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

// Orders whose lines a transaction changes are noted and written once, before it commits
// (UnitOfWork.noteOrdersChanged); these pin what that must never change for the caller.
for (const dialect of DIALECTS) {
  describe(`orders noted as changed on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    const clock = () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++));
    const at = (second: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();

    beforeEach(async () => {
      tick = 0;
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { backorderPolicy: 'allow' });
    });

    afterEach(async () => {
      await expectInvariants(store);
      await store.close();
      await database.drop();
    });

    it('reads a noted order, inside its transaction, with the status its lines give', async () => {
      const waiting = await order(store, { WIDGET: 2 });
      const seen = await store.transaction(async (tx) => {
        const line = (await tx.findOrder(waiting.id))!.lines[0]!;
        await tx.changeLine(line.id, { backordered: -2, cancelled: 2 });
        await tx.changeItemBackordered(line.itemId, -2);
        tx.noteOrdersChanged([waiting.id]);
        // Two reads at once: the second must not take the notes for written while the first writes them.
        const [found, again] = await Promise.all([tx.findOrder(waiting.id), tx.findOrder(waiting.id)]);
        const listed = await tx.listOrders({ limit: 10, status: 'cancelled' });
        return { found: [found?.status, again?.status], listed: listed.map((o) => o.id) };
      });
      expect(seen).toEqual({ found: ['cancelled', 'cancelled'], listed: [waiting.id] });
      expect(must(await getOrder(store, waiting.id)).status).toBe('cancelled');
    });

    it('forgets what a savepoint rolled back noted, and keeps what was noted before it', async () => {
      const [kept, undone] = [await order(store, { WIDGET: 1 }), await order(store, { WIDGET: 1 })];
      const stampedAt = tick;
      await store.transaction(async (tx) => {
        tx.noteOrdersChanged([], [kept.id]);
        await tx.savepoint(async () => {
          tx.noteOrdersChanged([], [undone.id]);
          // A read of the noted orders writes them inside the savepoint, undone with it.
          await tx.findOrders([kept.id, undone.id]);
          throw new Error('undo');
        }).catch(() => undefined);
      });
      expect(must(await getOrder(store, kept.id)).updatedAt).toBe(at(stampedAt));
      expect(must(await getOrder(store, undone.id)).updatedAt).toBe(undone.updatedAt);
    });
  });
}
