import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { updateItem } from '../../src/app/manage-items.js';
import type { Delivery } from '../../src/app/communication/ports.js';
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

/** Fans out what happened, then closes the customer's mail of the order's event of `type` with `note`, as a worker would. */
async function closeMail(store: Store, orderId: number, type: string, note: string): Promise<void> {
  await fanOut(store, config);
  const mail = await mailOf(store, orderId, type);
  await store.transaction((tx) => tx.communication.markDelivered(mail.id, note));
}

/** The customer's mail of the order's (last) event of `type`. */
async function mailOf(store: Store, orderId: number, type: string): Promise<Delivery> {
  const mails = await store.read((tx) => tx.communication.listDeliveries({ limit: 1000 }));
  return found(mails.find((d) => d.target === 'email' && d.subject === `order:${orderId}` && d.eventType === type), `the mail of order ${orderId}'s ${type}`);
}

/** The order's (last) event of `type`. */
async function eventOf(store: Store, orderId: number, type: string): Promise<StoredEvent> {
  const events = await store.read((tx) => tx.listEvents(0, 1000));
  return found(events.filter((e) => e.subjectId === String(orderId) && e.type === type).at(-1), `order ${orderId}'s ${type}`);
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
}

const SENT = 'sent to 1 recipient(s)';
const TOO_OLD = 'not sent: it waited 8 days, longer than the 7 days mail is sent within (RESTOCK_MAIL_MAX_AGE_DAYS)';

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

    it('starts from the confirmed date when the next change\'s mail became a dead letter, and mails it once replayed', async () => {
      const database = await createTestDatabase(dialect);
      try {
        const placed = await beforeTheUpgrade(database, async (old) => {
          await seedLocation(old, 'MAIN');
          await seedItem(old, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
          const placed = await order(old, { WIDGET: 1 }, { customer: { email: 'cy@example.com' } });
          await mailEverything(old);
          must(await updateItem(old, 'WIDGET', { leadTimeDays: 20 }, 'test'));
          await fanOut(old, config);
          const change = await mailOf(old, placed.id, 'backorder.eta_changed');
          await old.transaction((tx) => tx.communication.recordOutcomes([{ id: change.id, endpointId: null, ok: false, status: null, error: 'SMTP down', retryAfterMs: 0 }], 1));
          expect((await mailOf(old, placed.id, 'backorder.eta_changed')).status).toBe('dead');
          return placed;
        });

        const store = await database.open();
        try {
          const [d10, d20] = [10, 20].map((days) => dateOf(new Date(Date.now() + days * DAY))) as [string, string];
          const lineId = placed.lines[0]?.id ?? 0;
          expect(await store.read((tx) => tx.communication.lastDateMailed(lineId))).toEqual({ lineId, eta: d10 });
          const change = await mailOf(store, placed.id, 'backorder.eta_changed');
          expect(await store.transaction((tx) => tx.communication.replayDeliveries([change.id]))).toBe(1);
          const composed = await composeEmails(store, await eventOf(store, placed.id, 'backorder.eta_changed'), config);
          expect(composed.stale).toBeNull();
          expect(composed.messages.map((m) => m.text)).toEqual([expect.stringContaining(`now expected to ship by ${formatDate(d20)} (estimate), instead of ${formatDate(d10)}.`)]);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });

    it('starts from the confirmed date when the next change\'s mail was closed unsent, and mails a later change instead of it', async () => {
      const database = await createTestDatabase(dialect);
      try {
        const placed = await beforeTheUpgrade(database, async (old) => {
          await seedLocation(old, 'MAIN');
          await seedItem(old, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
          const placed = await order(old, { WIDGET: 1 }, { customer: { email: 'di@example.com' } });
          await mailEverything(old);
          must(await updateItem(old, 'WIDGET', { leadTimeDays: 20 }, 'test'));
          await closeMail(old, placed.id, 'backorder.eta_changed', TOO_OLD);
          return placed;
        });

        const store = await database.open();
        try {
          const [d10, d20, d30] = [10, 20, 30].map((days) => dateOf(new Date(Date.now() + days * DAY))) as [string, string, string];
          const lineId = placed.lines[0]?.id ?? 0;
          expect(await store.read((tx) => tx.communication.lastDateMailed(lineId))).toEqual({ lineId, eta: d10 });
          must(await updateItem(store, 'WIDGET', { leadTimeDays: 30 }, 'test'));
          await fanOut(store, config);
          const composed = await composeEmails(store, await eventOf(store, placed.id, 'backorder.eta_changed'), config);
          expect(composed.messages.map((m) => m.text)).toEqual([expect.stringContaining(`now expected to ship by ${formatDate(d30)} (estimate), instead of ${formatDate(d10)}.`)]);
          expect(composed.messages[0]?.text).not.toContain(formatDate(d20));
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });

    it('records no date for a line whose confirmation was never sent, and the date a late confirmation showed', async () => {
      const database = await createTestDatabase(dialect);
      try {
        const { unconfirmed, late } = await beforeTheUpgrade(database, async (old) => {
          await seedLocation(old, 'MAIN');
          await seedItem(old, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
          await seedItem(old, 'GADGET', { name: 'Green Gadget', backorderPolicy: 'allow', leadTimeDays: 10 });
          const unconfirmed = await order(old, { WIDGET: 1 }, { customer: { email: 'ed@example.com' } });
          await closeMail(old, unconfirmed.id, 'order.placed', 'not sent: no SMTP server was configured within 7 days (RESTOCK_MAIL_MAX_AGE_DAYS)');
          // GADGET's date moves while its confirmation waits; the confirmation then shows the new date.
          const late = await order(old, { GADGET: 1 }, { customer: { email: 'fay@example.com' } });
          must(await updateItem(old, 'GADGET', { leadTimeDays: 20 }, 'test'));
          await new Promise((resolve) => setTimeout(resolve, 5)); // sent a moment after the change, not in the same millisecond
          await closeMail(old, late.id, 'order.placed', SENT);
          return { unconfirmed, late };
        });

        const store = await database.open();
        try {
          const d20 = dateOf(new Date(Date.now() + 20 * DAY));
          const lineOf = (view: typeof late) => view.lines[0]?.id ?? 0;
          expect(await store.read((tx) => tx.communication.lastDateMailed(lineOf(unconfirmed)))).toBeNull();
          expect(await store.read((tx) => tx.communication.lastDateMailed(lineOf(late)))).toEqual({ lineId: lineOf(late), eta: d20 });
          // The change's mail, still waiting, is then no news.
          const composed = await composeEmails(store, await eventOf(store, late.id, 'backorder.eta_changed'), config);
          expect(composed.stale).toBe(`not sent: the customer was last mailed this same date (${d20})`);
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });

    it('finishes an upgrade stopped part-way (the table made, some rows in) on the next start', async () => {
      const database = await createTestDatabase(dialect);
      try {
        const placed = await beforeTheUpgrade(database, async (old) => {
          await seedLocation(old, 'MAIN');
          await seedItem(old, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
          const orders = [];
          for (let i = 0; i < 3; i++) orders.push(await order(old, { WIDGET: 1 }, { customer: { email: `c${i}@example.com` } }));
          await mailEverything(old);
          // SQLite runs a migration outside a transaction: a restart left the table and one row, not the record of 0024.
          await sql`create table line_dates_mailed (line_id integer primary key references order_lines(id), eta varchar(10))`.execute(old.db);
          await sql`insert into line_dates_mailed (line_id, eta) values (${orders[0]?.lines[0]?.id ?? 0}, ${orders[0]?.lines[0]?.eta ?? null})`.execute(old.db);
          return orders;
        });
        const store = await database.open();
        try {
          for (const view of placed) {
            const lineId = view.lines[0]?.id ?? 0;
            expect(await store.read((tx) => tx.communication.lastDateMailed(lineId))).toEqual({ lineId, eta: view.lines[0]?.eta ?? null });
          }
        } finally {
          await store.close();
        }
      } finally {
        await database.drop();
      }
    });
  });
}
