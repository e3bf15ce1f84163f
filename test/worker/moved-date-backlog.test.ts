import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateItem } from '../../src/app/manage-items.js';
import type { NewEvent, Store } from '../../src/app/ports.js';
import { dateOf } from '../../src/domain/dates.js';
import { startWorker, type RunningWorker } from '../../src/worker/dispatcher.js';
import { fanOut } from '../../src/worker/fan-out.js';
import { formatDate } from '../../src/worker/templates/rendered-email.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { countRowsRead } from '../support/statement-count.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { fastConfig } from './support/fast-config.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { waitFor } from './support/wait-for.js';

const DAY = 86_400_000;
/** Date changes of one line that wait to be mailed: enough that reading the rest of them per mail shows. */
const BACKLOG = 2_000;

for (const dialect of DIALECTS) {
  describe(`a backlog of one line's date changes on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let smtp: SmtpSink;
    let worker: RunningWorker | null = null;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      smtp = await startSmtpSink();
      await seedLocation(store, 'MAIN');
    });

    afterEach(async () => {
      await worker?.stop();
      worker = null;
      await smtp.close();
      await store.close();
      await database.drop();
    });

    const config = () => fastConfig({ email: { url: smtp.url, from: 'shop@example.com', staff: [] } });
    const settle = () => waitFor('no pending delivery', async () => (await store.read((tx) => tx.communication.countDeliveries('pending'))) === 0, 120_000);

    it('is cleared with one mail of the latest date, reading a bounded number of rows per mail', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      const [d10, d30] = [10, 30].map((days) => dateOf(new Date(Date.now() + days * DAY))) as [string, string];
      worker = startWorker({ store, config: config() });
      const placed = await order(store, { WIDGET: 1 }, { customer: { email: 'gus@example.com' } });
      await waitFor('confirmation', () => smtp.mails.length === 1);
      await settle();
      await worker.stop();
      worker = null;

      // No worker runs while the line's date moves back and forth (a PO's expected date edited
      // over and over), and then once more for real.
      const lineId = placed.lines[0]?.id as number;
      const between = [12, 14].map((days) => dateOf(new Date(Date.now() + days * DAY)));
      const changes = Array.from({ length: BACKLOG - 1 }, (_, i): NewEvent => ({
        type: 'backorder.eta_changed', subjectType: 'order', subjectId: String(placed.id),
        payload: {
          orderId: placed.id, lineId, sku: 'WIDGET', backordered: 1, previousEta: i === 0 ? d10 : between[(i - 1) % 2],
          eta: between[i % 2], estimated: true, customer: { id: null, email: 'gus@example.com', name: null },
        },
      }));
      await store.transaction((tx) => tx.insertEvents(changes));
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 30 }, 'test'));
      // Fanned out in batches, as a worker would.
      while ((await fanOut(store, config())) > 0);
      /** The date changes' mails, in event order. */
      const mails = async () =>
        (await store.read((tx) => tx.communication.listDeliveries({ limit: 2 * BACKLOG })))
          .filter((d) => d.target === 'email' && d.eventType === 'backorder.eta_changed')
          .sort((a, b) => a.eventSeq - b.eventSeq);
      expect(await mails()).toHaveLength(BACKLOG);

      const rows = await countRowsRead(dialect, async () => {
        worker = startWorker({ store, config: config() });
        await settle();
      });

      // One mail, of the latest date, instead of the one the customer was last mailed.
      expect(smtp.mails).toHaveLength(2);
      expect(smtp.mails[1]?.text).toContain(`now expected to ship by ${formatDate(d30)} (estimate), instead of ${formatDate(d10)}.`);
      const notes = (await mails()).map((d) => d.lastError);
      expect(notes.at(-1)).toBe('sent to 1 recipient(s)');
      expect(notes.slice(0, -1).every((note) => note?.startsWith('not sent: superseded by the line\'s date change of '))).toBe(true);
      // Each mail reads a few rows (its order, its item, the next change of its line, ...), not the
      // rest of the backlog: that read half of it per mail on average, a thousand rows here.
      expect(rows / BACKLOG).toBeLessThan(25);
    }, 180_000);
  });
}
