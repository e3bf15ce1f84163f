import { describe, expect, it } from 'vitest';
import { updateItem } from '../../src/app/manage-items.js';
import type { Store, StoredEvent } from '../../src/app/ports.js';
import { dateOf } from '../../src/domain/dates.js';
import { migratorFor, openStore, type OpenedStore } from '../../src/storage/open-store.js';
import { composeEmails } from '../../src/worker/email-messages.js';
import { fanOut } from '../../src/worker/fan-out.js';
import { formatDate } from '../../src/worker/templates/rendered-email.js';
import { must, order, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, POSTGRES_URL, type TestDatabase } from '../support/stores.js';
import { fastConfig } from '../worker/support/fast-config.js';

const DAY = 86_400_000;
const config = fastConfig({ email: { url: 'smtp://127.0.0.1:9', from: 'shop@example.com', staff: [] } });

/** Runs `work` on the database as the migrations before 0024 left it. */
async function beforeTheUpgrade<T>(database: TestDatabase, work: (store: OpenedStore) => Promise<T>): Promise<T> {
  const store = database.dialect === 'sqlite'
    ? await openStore({ sqlitePath: database.sqlitePath, migrate: false })
    : await openStore({ databaseUrl: POSTGRES_URL, schema: database.schema, migrate: false });
  try {
    const { error } = await (await migratorFor(store.db, database.dialect)).migrateTo('0023-pending-deliveries-by-target');
    if (error) throw error;
    return await work(store);
  } finally {
    await store.close();
  }
}

/** Fans out what happened and closes every customer's mail as sent, as a worker with SMTP would. */
async function mailEverything(store: Store): Promise<void> {
  await fanOut(store, config);
  await store.transaction(async (tx) => {
    for (const d of await tx.communication.listDeliveries({ status: 'pending', limit: 1000 })) await tx.communication.markDelivered(d.id, 'sent to 1 recipient(s)');
  });
}

for (const dialect of DIALECTS) {
  describe(`the dates mailed, on upgrade, on ${dialect}`, () => {
    it('starts each waiting line from the date its customer was last mailed, as the outbox shows', async () => {
      const database = await createTestDatabase(dialect);
      try {
        const { waiting, mailed } = await beforeTheUpgrade(database, async (old) => {
          await seedLocation(old, 'MAIN');
          await seedItem(old, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
          await seedItem(old, 'GADGET', { name: 'Green Gadget', backorderPolicy: 'allow', leadTimeDays: 10 });
          const waiting = await order(old, { WIDGET: 1 }, { customer: { email: 'cy@example.com' } });
          const mailed = await order(old, { GADGET: 1 }, { customer: { email: 'di@example.com' } });
          await mailEverything(old);
          must(await updateItem(old, 'GADGET', { leadTimeDays: 20 }, 'test'));
          await mailEverything(old);
          // SMTP went down before the upgrade: two changes of WIDGET's date wait to be mailed.
          must(await updateItem(old, 'WIDGET', { leadTimeDays: 20 }, 'test'));
          must(await updateItem(old, 'WIDGET', { leadTimeDays: 30 }, 'test'));
          await fanOut(old, config);
          return { waiting, mailed };
        });

        const store = await database.open();
        try {
          const [d10, d20] = [10, 20].map((days) => dateOf(new Date(Date.now() + days * DAY))) as [string, string];
          const lineOf = (view: typeof waiting) => view.lines[0]?.id ?? 0;
          expect(await store.read((tx) => tx.communication.lastDateMailed(lineOf(waiting)))).toEqual({ lineId: lineOf(waiting), eta: d10 });
          expect(await store.read((tx) => tx.communication.lastDateMailed(lineOf(mailed)))).toEqual({ lineId: lineOf(mailed), eta: d20 });
          // The latest change is mailed against the date the customer heard, not the one between.
          const changes = (await store.read((tx) => tx.listEvents(0, 1000))).filter((e) => e.type === 'backorder.eta_changed' && e.subjectId === String(waiting.id));
          expect(changes).toHaveLength(2);
          const composed = await composeEmails(store, changes[1] as StoredEvent, config);
          expect(composed.messages.map((m) => m.text)).toEqual([expect.stringContaining(`instead of ${formatDate(d10)}.`)]);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });
  });
}
