import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getOrder } from '../../src/app/get-order.js';
import type { Store } from '../../src/app/ports.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A view built from several statements (an order and its places in the queue) must not mix two
 * states: a fill committed between its statements would show a line still waiting behind units
 * already gone.
 */
for (const dialect of DIALECTS) {
  describe(`reads as of one moment on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let other: Store;
    let waitingLine: number;
    let secondOrder: number;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      other = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'X', { backorderPolicy: 'allow' });
      await order(store, { X: 2 });
      const second = await order(store, { X: 3 });
      secondOrder = second.id;
      waitingLine = second.lines[0]?.id as number;
    });

    afterEach(async () => {
      await expectInvariants(store);
      await other.close();
      await store.close();
      await database.drop();
    });

    it('does not see a fill another connection commits between its statements', async () => {
      const seen = await store.snapshot(async (tx) => {
        const before = await tx.queuePlacesOf([waitingLine]);
        await receive(other, 'X', 'MAIN', 2); // fills the first order: the second moves to the front
        const after = await tx.queuePlacesOf([waitingLine]);
        return { before: before.get(waitingLine), after: after.get(waitingLine) };
      });
      expect(seen.before).toEqual({ position: 2, unitsAhead: 2 });
      expect(seen.after).toEqual(seen.before);
      expect(must(await getOrder(store, secondOrder)).lines[0]?.queue).toEqual({ position: 1, unitsAhead: 0 });
    });

    it('lets a write of its own process wait or go on beside it, never inside it', async () => {
      let fill: Promise<void> | undefined;
      const seen = await store.snapshot(async (tx) => {
        const before = await tx.queuePlacesOf([waitingLine]);
        fill = receive(store, 'X', 'MAIN', 2);
        await (dialect === 'postgres' ? fill : sleep(50)); // SQLite: the write waits for this read's connection
        const after = await tx.queuePlacesOf([waitingLine]);
        return { before: before.get(waitingLine), after: after.get(waitingLine) };
      });
      await fill;
      expect(seen.after).toEqual(seen.before);
      expect(must(await getOrder(store, secondOrder)).lines[0]?.queue).toEqual({ position: 1, unitsAhead: 0 });
    });

    it('ends its transaction when the work throws, so later writes go on', async () => {
      await expect(store.snapshot(async () => { throw new Error('boom'); })).rejects.toThrow(/boom/);
      await receive(store, 'X', 'MAIN', 5);
      expect(must(await getOrder(store, secondOrder)).lines[0]?.backordered).toBe(0);
    });
  });
}
