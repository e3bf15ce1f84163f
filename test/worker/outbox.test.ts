import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebhookEndpoint } from '../../src/app/communication/manage-webhook-endpoints.js';
import { replayDeadLetters } from '../../src/app/communication/webhook-deliveries.js';
import { readSettledEvents } from '../../src/app/communication/read-settled-events.js';
import { snapshotStatuses } from '../../src/app/item-status.js';
import type { NewEvent, Store } from '../../src/app/ports.js';
import { fail, Rollback } from '../../src/app/result.js';
import { settleItems } from '../../src/app/settle-items.js';
import { fanOut } from '../../src/worker/fan-out.js';
import { must, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { fastConfig } from './support/fast-config.js';
import { waitFor } from './support/wait-for.js';

const LOOPBACK = { allowLoopback: true, allowPrivate: false };
const note = (id: string): NewEvent => ({ type: 'item.status_changed', subjectType: 'item', subjectId: id, payload: { id } });

for (const dialect of DIALECTS) {
  describe(`the outbox on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'A');
      must(await createWebhookEndpoint(store, { url: 'http://127.0.0.1:9/hooks' }, LOOPBACK, 'test'));
    });

    afterEach(async () => {
      await store.close();
      await database.drop();
    });

    const eventTypes = async () => (await store.read((tx) => tx.listEvents(0, 1000))).map((e) => e.type);
    const fannedOut = async () => (await store.read((tx) => tx.communication.listDeliveries({ limit: 1000 }))).map((d) => d.eventSeq).sort((a, b) => a - b);
    /**
     * Runs fan-out rounds until `seqs` are all fanned out. On PostgreSQL a hole is passed only once
     * every transaction running when it was seen has ended, and the test database is shared with
     * other sessions, so this may take a few rounds.
     */
    const fanOutUntil = async (seqs: readonly number[]) => {
      const config = fastConfig();
      await waitFor('fan-out past the hole', async () => {
        await fanOut(store, config);
        const done = new Set(await fannedOut());
        return seqs.every((seq) => done.has(seq));
      }, 10_000);
    };

    it('never holds an event whose transaction rolled back', async () => {
      const before = await eventTypes();
      // A stock change that settles (writing item.status_changed to the outbox), then fails.
      const outcome = await store.transaction(async (tx) => {
        const [item] = await tx.findItems(['A']);
        const [location] = await tx.findLocations(['MAIN']);
        if (!item || !location) throw new Error('fixture missing');
        const locked = await tx.lockItems([item.id]);
        const snapshot = await snapshotStatuses(tx, locked);
        await tx.changeStock(item.id, location.id, 5, 0);
        await tx.insertMovements([{ itemId: item.id, locationId: location.id, kind: 'receipt', onHandDelta: 5, allocatedDelta: 0, reason: 'test', actor: 'test' }]);
        await settleItems(tx, [item.id], snapshot, 'test');
        expect((await tx.listEvents(0, 1000)).map((e) => e.type)).toContain('item.status_changed');
        throw new Rollback(fail('CONFLICT', 'forced failure after the events were written'));
      });
      expect(outcome).toMatchObject({ ok: false, code: 'CONFLICT' });
      await expect(store.transaction(async (tx) => {
        await tx.insertEvents([note('crash')]);
        throw new Error('a bug');
      })).rejects.toThrow('a bug');
      expect(await eventTypes()).toEqual(before);
      expect(await store.read((tx) => tx.stocksOf([1]))).toEqual([]);

      // Fan-out passes the hole the rollback left (PostgreSQL numbers it anyway) and goes on.
      await store.transaction((tx) => tx.insertEvents([note('after')]));
      const all = (await store.read((tx) => tx.listEvents(0, 1000))).map((e) => e.seq);
      await fanOutUntil(all);
      expect(await fannedOut()).toEqual(all);
    });

    it('leaves deliveries another worker holds to it, behind a replayed dead letter', async () => {
      await store.transaction((tx) => tx.insertEvents([note('X'), note('X'), note('X')]));
      await fanOutUntil((await store.read((tx) => tx.listEvents(0, 1000))).map((e) => e.seq));
      const held = (await store.transaction((tx) => tx.communication.claimDeliveries('worker-b', 10, 25, 60_000))).filter((c) => c.delivery.subject === 'item:X');
      expect(held).toHaveLength(3);
      const [first] = held;
      // Worker B's first try of the head fails for the last time; the rest stay in its hands.
      await store.transaction((tx) => tx.communication.recordOutcomes([{ id: first!.delivery.id, endpointId: first!.delivery.endpointId, ok: false, status: 500, error: 'down', retryAfterMs: 0 }], 1));
      expect(must(await replayDeadLetters(store, { ids: [first!.delivery.id] }))).toEqual({ replayed: 1 });
      const claimed = await store.transaction((tx) => tx.communication.claimDeliveries('worker-a', 10, 25, 60_000));
      expect(claimed.map((c) => c.delivery.id)).toEqual([first!.delivery.id]);
    });

    it('claims due heads of every target it may send, oldest first, past a backlog of targets it may not', async () => {
      const second = must(await createWebhookEndpoint(store, { url: 'http://127.0.0.1:9/other' }, LOOPBACK, 'test'));
      const off = must(await createWebhookEndpoint(store, { url: 'http://127.0.0.1:9/off' }, LOOPBACK, 'test'));
      await store.transaction((tx) => tx.communication.updateEndpoint(off.id, { active: false }));
      const [first] = await store.read((tx) => tx.communication.listEndpoints());
      const events = await store.transaction(async (tx) => {
        await tx.insertEvents(Array.from({ length: 6 }, (_, i) => note(`S${i}`)));
        return (await tx.listEvents(0, 1000)).slice(-6);
      });
      const delivery = (target: string, endpointId: number | null, at: number) => {
        const e = events[at]!;
        return { target, endpointId, eventSeq: e.seq, eventType: e.type, subject: `item:${e.subjectId}` };
      };
      await store.transaction(async (tx) => {
        // Mail this worker cannot send and a switched-off webhook's events come first, then two chains each.
        await tx.communication.insertDeliveries([0, 1, 2].map((at) => delivery('email', null, at)));
        await tx.communication.insertDeliveries([0, 1, 2].map((at) => delivery(`webhook:${off.id}`, off.id, at)));
        await tx.communication.insertDeliveries([delivery(`webhook:${second.id}`, second.id, 3), delivery(`webhook:${first!.id}`, first!.id, 4), delivery(`webhook:${second.id}`, second.id, 5)]);
        const cursor = await tx.communication.lockFanOutCursor();
        await tx.communication.saveFanOutCursor({ lastSeq: events.at(-1)!.seq, gap: cursor.gap });
      });
      expect(await store.read((tx) => tx.communication.hasWork(['email']))).toBe(true);
      const oneChain = await store.transaction((tx) => tx.communication.claimDeliveries('worker-a', 1, 1, 60_000, ['email']));
      expect(oneChain.map((c) => [c.delivery.target, c.event.seq])).toEqual([[`webhook:${second.id}`, events[3]!.seq]]);
      const rest = await store.transaction((tx) => tx.communication.claimDeliveries('worker-a', 10, 1, 60_000, ['email']));
      expect(rest.map((c) => [c.delivery.target, c.event.seq])).toEqual([[`webhook:${first!.id}`, events[4]!.seq], [`webhook:${second.id}`, events[5]!.seq]]);
      // All held now: only the mail is left, which this worker does not count as work; one with SMTP does.
      expect(await store.read((tx) => tx.communication.hasWork(['email']))).toBe(false);
      expect(await store.read((tx) => tx.communication.hasWork())).toBe(true);
      const mail = await store.transaction((tx) => tx.communication.claimDeliveries('worker-b', 10, 5, 60_000));
      expect(mail.map((c) => [c.delivery.target, c.event.seq])).toEqual([0, 1, 2].map((at) => ['email', events[at]!.seq]));
    });

    if (dialect === 'postgres') {
      it('waits for a transaction that took an earlier sequence number and commits later', async () => {
        const config = fastConfig();
        await fanOut(store, config);
        const done = await fannedOut();
        let release!: () => void;
        let written!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const wrote = new Promise<void>((resolve) => (written = resolve));
        const slow = store.transaction(async (tx) => {
          await tx.insertEvents([note('slow')]);
          written();
          await gate;
        });
        await wrote;
        await store.transaction((tx) => tx.insertEvents([note('fast')]));
        const [slowSeq, fastSeq] = [(done.at(-1) ?? 0) + 1, (done.at(-1) ?? 0) + 2];

        expect(await fanOut(store, config)).toBe(0);
        expect(await fannedOut()).toEqual(done);
        expect(await store.read((tx) => readSettledEvents(tx, done.at(-1) ?? 0, 100))).toEqual([]);

        release();
        await slow;
        expect(await fanOut(store, config)).toBe(2);
        expect(await fannedOut()).toEqual([...done, slowSeq, fastSeq]);
        expect((await store.read((tx) => readSettledEvents(tx, done.at(-1) ?? 0, 100))).map((e) => e.seq)).toEqual([slowSeq, fastSeq]);
      });

      it('passes a hole for good once every transaction that could fill it has ended', async () => {
        const config = fastConfig();
        await fanOut(store, config);
        const done = await fannedOut();
        await store.transaction(async (tx) => {
          await tx.insertEvents([note('rolled back')]);
          throw new Rollback(fail('CONFLICT', 'no'));
        });
        await store.transaction((tx) => tx.insertEvents([note('kept')]));
        const kept = (await store.read((tx) => tx.listEvents(done.at(-1) ?? 0, 10))).map((e) => e.seq);
        expect(kept).toHaveLength(1);
        // Nobody is writing events any more, so the pull feed may pass the hole on its own.
        expect((await store.read((tx) => readSettledEvents(tx, done.at(-1) ?? 0, 100))).map((e) => e.seq)).toEqual(kept);
        // The first round sees the hole and notes who was writing; a later one passes it.
        expect(await fanOut(store, config)).toBe(0);
        await fanOutUntil(kept);
        expect(await fannedOut()).toEqual([...done, ...kept]);
        expect((await store.read((tx) => readSettledEvents(tx, done.at(-1) ?? 0, 100))).map((e) => e.seq)).toEqual(kept);
      });
    }
  });
}
