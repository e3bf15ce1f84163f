import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Delivery } from '../../src/app/communication/ports.js';
import { subscribe } from '../../src/app/communication/subscribe.js';
import { unsubscribe } from '../../src/app/communication/unsubscribe.js';
import { updateItem } from '../../src/app/manage-items.js';
import { getOrder } from '../../src/app/get-order.js';
import type { Store, StoredEvent } from '../../src/app/ports.js';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { dateOf } from '../../src/domain/dates.js';
import { startWorker, type RunningWorker } from '../../src/worker/dispatcher.js';
import { composeEmails } from '../../src/worker/email-messages.js';
import { fanOut } from '../../src/worker/fan-out.js';
import { formatDate } from '../../src/worker/templates/rendered-email.js';
import type { WorkerConfig } from '../../src/worker/worker-config.js';
import { must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { orderedPo, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { receivePurchaseOrder } from '../../src/app/purchasing/receive-purchase-order.js';
import { fastConfig } from './support/fast-config.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from './support/smtp-sink.js';
import { waitFor } from './support/wait-for.js';

const DAY = 86_400_000;

for (const dialect of DIALECTS) {
  describe(`e-mail through SMTP on ${dialect}`, () => {
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
      vi.unstubAllEnvs();
      await worker?.stop();
      worker = null;
      await smtp.close();
      await store.close();
      await database.drop();
    });

    function start(overrides: Partial<WorkerConfig> = {}): void {
      worker = startWorker({
        store,
        config: fastConfig({
          email: { url: smtp.url, from: 'shop@example.com', staff: ['ops@example.com', 'boss@example.com'] },
          shopName: 'Corner Shop',
          publicUrl: 'https://shop.example.com',
          ...overrides,
        }),
      });
    }

    const mailsTo = (address: string) => smtp.mails.filter((m) => m.to.includes(address));
    const settle = () => waitFor('no pending delivery', async () => (await store.read((tx) => tx.communication.countDeliveries('pending'))) === 0);
    const etaChangesOf = async (orderId: number) =>
      (await store.read((tx) => tx.listEvents(0, 1000))).filter((e) => e.type === 'backorder.eta_changed' && e.subjectId === String(orderId));
    /** How the mail of each event went, in event order. */
    const notesOf = async (events: readonly StoredEvent[]) => {
      const mails = (await store.read((tx) => tx.communication.listDeliveries({ limit: 1000 }))).filter((d) => d.target === 'email');
      return events.map((e) => mails.find((d) => d.eventSeq === e.seq)?.lastError);
    };

    it('confirms a backorder with its ETA, then tells of a later ETA, readiness and shipment', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      start();
      const placed = await order(store, { WIDGET: 3 }, { customer: { email: 'ann@example.com', name: 'Ann' } });
      const eta = dateOf(new Date(Date.now() + 10 * DAY));
      await waitFor('confirmation', () => mailsTo('ann@example.com').length === 1);
      const [confirmation] = mailsTo('ann@example.com') as [ReceivedMail];
      expect(confirmation.from).toBe('shop@example.com');
      expect(confirmation.subject).toBe(`Order #${placed.id}: backordered items expected to ship by ${formatDate(eta)} (estimate)`);
      expect(confirmation.text).toContain(`Hello Ann,`);
      expect(confirmation.text).toContain(`3 × Blue Widget (WIDGET): expected to ship by ${formatDate(eta)} (estimate)`);
      expect(confirmation.text).toContain('— Corner Shop');
      expect(confirmation.html).toContain(`expected to ship by ${formatDate(eta)} (estimate)`);

      must(await updateItem(store, 'WIDGET', { leadTimeDays: 20 }, 'test'));
      const later = dateOf(new Date(Date.now() + 20 * DAY));
      await waitFor('ETA change', () => mailsTo('ann@example.com').length === 2);
      const change = mailsTo('ann@example.com')[1] as ReceivedMail;
      expect(change.subject).toBe(`Order #${placed.id}: Blue Widget now expected by ${formatDate(later)}`);
      expect(change.text).toContain(`instead of ${formatDate(eta)}`);

      await receive(store, 'WIDGET', 'MAIN', 3);
      await waitFor('ready to ship', () => mailsTo('ann@example.com').length === 3);
      expect(mailsTo('ann@example.com')[2]?.subject).toBe(`Order #${placed.id}: Blue Widget has arrived and is ready to ship`);

      must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 3 }] }, 'test'));
      await waitFor('shipped', () => mailsTo('ann@example.com').length === 4);
      const shipped = mailsTo('ann@example.com')[3] as ReceivedMail;
      expect(shipped.subject).toBe(`Order #${placed.id} has shipped`);
      expect(shipped.text).toContain('3 × Blue Widget (WIDGET)');
    });

    it('mails a line\'s date once when mails waited, not a date the late confirmation showed, nor one for units cancelled since', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      await seedItem(store, 'GADGET', { name: 'Green Gadget', backorderPolicy: 'allow', leadTimeDays: 10 });
      const kept = await order(store, { WIDGET: 1 }, { customer: { email: 'cy@example.com' } });
      const dropped = await order(store, { GADGET: 1 }, { customer: { email: 'di@example.com' } });
      // No worker runs meanwhile (SMTP down, say): WIDGET's date moves twice, GADGET's once before its order is cancelled.
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 20 }, 'test'));
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 30 }, 'test'));
      must(await updateItem(store, 'GADGET', { leadTimeDays: 20 }, 'test'));
      must(await cancelOrder(store, dropped.id, {}, 'desk'));
      start();
      await waitFor('every mail', async () => mailsTo('cy@example.com').length >= 1 && mailsTo('di@example.com').length >= 1);
      await settle();
      const d30 = dateOf(new Date(Date.now() + 30 * DAY));
      // The confirmation, sent late, shows the date as it is now: the changes before it are no news.
      expect(mailsTo('cy@example.com').map((m) => m.subject)).toEqual([`Order #${kept.id}: backordered items expected to ship by ${formatDate(d30)} (estimate)`]);
      expect(mailsTo('di@example.com').map((m) => m.subject)).toEqual([`Order #${dropped.id} has been cancelled`]);
      const widgetChanges = await etaChangesOf(kept.id);
      expect(await notesOf(widgetChanges)).toEqual([
        `not sent: superseded by the line's date change of ${widgetChanges[1]?.createdAt} (event ${widgetChanges[1]?.seq})`,
        `not sent: the customer was last mailed this same date (${d30})`,
      ]);
      expect(await notesOf(await etaChangesOf(dropped.id))).toEqual(['not sent: the line no longer waits (filled or cancelled since)']);
    });

    it('mails the latest of the dates that waited, instead of the one last mailed, and nothing when it moved back', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      const [d10, d20, d30] = [10, 20, 30].map((days) => formatDate(dateOf(new Date(Date.now() + days * DAY))));
      start();
      const placed = await order(store, { WIDGET: 1 }, { customer: { email: 'ed@example.com' } });
      await waitFor('confirmation', () => mailsTo('ed@example.com').length === 1);
      await settle();
      expect(mailsTo('ed@example.com')[0]?.text).toContain(`expected to ship by ${d10}`);
      await worker?.stop();

      // SMTP is down while the date moves twice: the customer last heard of the 10-day date.
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 20 }, 'test'));
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 30 }, 'test'));
      start();
      await waitFor('the date change', () => mailsTo('ed@example.com').length === 2);
      await settle();
      const change = mailsTo('ed@example.com')[1] as ReceivedMail;
      expect(change.subject).toBe(`Order #${placed.id}: Blue Widget now expected by ${d30}`);
      expect(change.text).toContain(`now expected to ship by ${d30} (estimate), instead of ${d10}.`);
      expect(change.text).not.toContain(d20);
      await worker?.stop();

      // Down again, the date moves out and back: nothing to tell.
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 40 }, 'test'));
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 30 }, 'test'));
      start();
      await waitFor('both changes fanned out', async () => (await notesOf(await etaChangesOf(placed.id))).every((note) => note !== undefined));
      await settle();
      const changes = await etaChangesOf(placed.id);
      expect(changes).toHaveLength(4);
      expect(await notesOf(changes)).toEqual([
        `not sent: superseded by the line's date change of ${changes[1]?.createdAt} (event ${changes[1]?.seq})`,
        'sent to 1 recipient(s)',
        `not sent: superseded by the line's date change of ${changes[3]?.createdAt} (event ${changes[3]?.seq})`,
        `not sent: the customer was last mailed this same date (${dateOf(new Date(Date.now() + 30 * DAY))})`,
      ]);
      expect(mailsTo('ed@example.com')).toHaveLength(2);
    });

    it('tells a line\'s date as news, instead of none, when its confirmation was never sent', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      // Placed eight days ago, while no mail went out: its confirmation grows too old to send.
      const past = await database.open({ clock: () => new Date(Date.now() - 8 * DAY) });
      const placed = await order(past, { WIDGET: 1 }, { customer: { email: 'gil@example.com' } });
      await past.close();
      // The date moves twice before any worker runs: the customer heard of neither it nor the first.
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 20 }, 'test'));
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 30 }, 'test'));
      start({ mailMaxAgeMs: 7 * DAY });
      await waitFor('the date change', () => mailsTo('gil@example.com').length === 1);
      await settle();
      const mails = (await store.read((tx) => tx.communication.listDeliveries({ limit: 100 }))).filter((d) => d.target === 'email');
      const changes = await etaChangesOf(placed.id);
      // Dates count from the placement: the line's first date, then the two it moved to.
      const [first, second] = changes.map((e) => e.payload as { previousEta: string; eta: string }) as [{ previousEta: string; eta: string }, { eta: string }];
      const [d10, d20, d30] = [first.previousEta, first.eta, second.eta];
      expect(mails.find((d) => d.eventType === 'order.placed')?.lastError).toBe('not sent: it waited 8 days, longer than the 7 days mail is sent within (RESTOCK_MAIL_MAX_AGE_DAYS)');
      expect(await notesOf(changes)).toEqual([
        `not sent: superseded by the line's date change of ${changes[1]?.createdAt} (event ${changes[1]?.seq})`,
        'sent to 1 recipient(s)',
      ]);
      const [news] = mailsTo('gil@example.com') as [ReceivedMail];
      expect(news.subject).toBe(`Order #${placed.id}: Blue Widget expected by ${formatDate(d30)}`);
      expect(news.text).toContain(`The 1 × Blue Widget (WIDGET) on backorder for order #${placed.id} is expected to ship by ${formatDate(d30)} (estimate).`);
      expect(news.text).not.toContain('instead of');
      expect(news.text).not.toContain(formatDate(d20));
      expect(news.text).not.toContain(formatDate(d10));
      // Told now: the next change is said against it.
      const lineId = placed.lines[0]?.id as number;
      expect(await store.read((tx) => tx.communication.lastDateMailed(lineId))).toEqual({ lineId, eta: d30 });
    });

    it('mails no date that no longer holds when a dead letter of an earlier change is replayed', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      const [d10, d30] = [10, 30].map((days) => formatDate(dateOf(new Date(Date.now() + days * DAY))));
      start();
      const placed = await order(store, { WIDGET: 1 }, { customer: { email: 'fay@example.com' } });
      await waitFor('confirmation', () => mailsTo('fay@example.com').length === 1);
      await settle();
      await worker?.stop();
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 20 }, 'test'));
      await fanOut(store, fastConfig());
      const [first] = await etaChangesOf(placed.id);
      const mailOf = async (event: StoredEvent | undefined) =>
        (await store.read((tx) => tx.communication.listDeliveries({ limit: 1000 }))).find((d) => d.target === 'email' && d.eventSeq === event?.seq);
      // The first change's mail failed for good; the date moved on before anyone replayed it.
      const failedMail = (await mailOf(first)) as Delivery;
      await store.transaction((tx) => tx.communication.recordOutcomes([{ id: failedMail.id, endpointId: null, ok: false, status: null, error: 'SMTP down', retryAfterMs: 0 }], 1));
      must(await updateItem(store, 'WIDGET', { leadTimeDays: 30 }, 'test'));
      start();
      await waitFor('the later change', () => mailsTo('fay@example.com').length === 2);
      await settle();
      expect(mailsTo('fay@example.com')[1]?.text).toContain(`now expected to ship by ${d30} (estimate), instead of ${d10}.`);

      expect(await store.transaction((tx) => tx.communication.replayDeliveries([failedMail.id]))).toBe(1);
      await waitFor('the replayed mail closed', async () => (await mailOf(first))?.status === 'delivered');
      expect((await mailOf(first))?.lastError).toBe(`not sent: the line's date has moved since (now ${dateOf(new Date(Date.now() + 30 * DAY))})`);
      expect(mailsTo('fay@example.com')).toHaveLength(2);
    });

    it('tells a customer when their date is withdrawn because the item is no longer restocked', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      start();
      const placed = await order(store, { WIDGET: 2 }, { customer: { email: 'bo@example.com', name: 'Bo' } });
      const eta = dateOf(new Date(Date.now() + 10 * DAY));
      await waitFor('confirmation', () => mailsTo('bo@example.com').length === 1);
      must(await updateItem(store, 'WIDGET', { discontinued: true }, 'test'));
      await waitFor('date withdrawn', () => mailsTo('bo@example.com').length === 2);
      const withdrawn = mailsTo('bo@example.com')[1] as ReceivedMail;
      expect(withdrawn.subject).toBe(`Order #${placed.id}: no delivery date for Blue Widget any more`);
      expect(withdrawn.text).toContain(`we can no longer say when the 2 × Blue Widget (WIDGET) on backorder for order #${placed.id} will come`);
      expect(withdrawn.text).toContain(`We had expected it by ${formatDate(eta)}.`);
      expect(withdrawn.text).toContain('contact us to cancel it');

      // Sold again after all: the date is news again, to the customer and to the order's pollers.
      const before = must(await getOrder(store, placed.id)).updatedAt;
      must(await updateItem(store, 'WIDGET', { discontinued: false }, 'test'));
      await waitFor('date given again', () => mailsTo('bo@example.com').length === 3);
      const again = mailsTo('bo@example.com')[2] as ReceivedMail;
      expect(again.subject).toMatch(new RegExp(`^Good news: order #${placed.id}: Blue Widget expected by `));
      expect(again.text).toContain(`We can give a date again for the 2 × Blue Widget (WIDGET) on backorder for order #${placed.id}`);
      expect(must(await getOrder(store, placed.id)).updatedAt > before).toBe(true);
    });

    it('mails no customer without an address, escapes HTML, and alerts staff about stock', async () => {
      await seedItem(store, 'WIDGET', { name: 'Widget <b>"bold"</b>', backorderPolicy: 'allow', lowStockThreshold: 2 });
      start();
      const anonymous = await order(store, { WIDGET: 1 });
      await order(store, { WIDGET: 1 }, { externalId: 'EXT-9', customer: { email: 'eve@example.com', name: '<script>alert(1)</script> & Co' } });
      await waitFor('mail to eve', () => mailsTo('eve@example.com').length === 1);
      await settle();
      const [mail] = mailsTo('eve@example.com') as [ReceivedMail];
      expect(mail.subject).toContain('Order EXT-9');
      expect(mail.html).toContain('Hello &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co,');
      expect(mail.html).toContain('Widget &lt;b&gt;&quot;bold&quot;&lt;/b&gt;');
      expect(mail.html).not.toContain('<script>');
      expect(mail.text).toContain('Hello <script>alert(1)</script> & Co,');
      // An order without an address gets no mail delivery at all, so none shows as pending or skipped.
      const deliveries = await store.read((tx) => tx.communication.listDeliveries({ limit: 100 }));
      expect(deliveries.filter((d) => d.target === 'email' && d.subject === `order:${anonymous.id}`)).toEqual([]);
      expect(deliveries.filter((d) => d.target === 'email').map((d) => d.lastError)).toEqual(['sent to 1 recipient(s)']);
      expect(smtp.mails.filter((m) => m.to.includes('ops@example.com'))).toEqual([]);

      // Stock arrives: both backorders take 2 units, 4 remain (in stock), then an order leaves 2 (low).
      await receive(store, 'WIDGET', 'MAIN', 6);
      await order(store, { WIDGET: 2 });
      await waitFor('staff alerts', () => mailsTo('ops@example.com').length === 3);
      await settle();
      const staff = mailsTo('ops@example.com');
      expect(staff.map((m) => m.subject)).toEqual([
        '[Corner Shop] Widget <b>"bold"</b> (WIDGET) is now in stock',
        '[Corner Shop] Widget <b>"bold"</b> (WIDGET) is now low stock',
        '[Corner Shop] Low stock: Widget <b>"bold"</b> (WIDGET)',
      ]);
      expect(staff.every((m) => m.to.includes('boss@example.com'))).toBe(true);
      expect(staff[2]?.text).toContain('Available: 2');
    });

    it('names the units an order could not take, and tells the customer of a cancellation without the shop\'s reason', async () => {
      await seedItem(store, 'GADGET', { name: 'Gadget', backorderPolicy: 'allow', leadTimeDays: 10, backorderLimit: 3 });
      await seedItem(store, 'DOOHICKEY', { name: 'Doohickey', backorderPolicy: 'deny' });
      await receive(store, 'GADGET', 'MAIN', 2);
      await receive(store, 'DOOHICKEY', 'MAIN', 5);
      start();
      // 2 gadgets from stock, 3 backordered (the limit), 2 cut; 5 doohickeys from stock, 2 cut.
      const cat = await order(store, { GADGET: 7, DOOHICKEY: 7 }, { shortage: 'partial', externalId: 'WEB-3', customer: { email: 'cat@example.com', name: 'Cat' } });
      expect(cat.lines.map((l) => l.cancelled)).toEqual([2, 2]);
      await waitFor('confirmation', () => mailsTo('cat@example.com').length === 1);
      const confirmation = mailsTo('cat@example.com')[0] as ReceivedMail;
      expect(confirmation.text).toContain('3 × Gadget (GADGET): expected to ship by');
      expect(confirmation.text).toContain('These items were not available and are not part of your order:\n\n- 2 × Gadget (GADGET)\n- 2 × Doohickey (DOOHICKEY)');
      // Cut units alone are worth a message too.
      const dan = await order(store, { DOOHICKEY: 4 }, { shortage: 'partial', customer: { email: 'dan@example.com' } });
      await waitFor('cut-only mail', () => mailsTo('dan@example.com').length === 1);
      expect(mailsTo('dan@example.com')[0]).toMatchObject({ subject: `Order #${dan.id}: some items were not available` });
      expect((mailsTo('dan@example.com')[0] as ReceivedMail).text).toContain('- 4 × Doohickey (DOOHICKEY)');

      must(await cancelOrder(store, cat.id, { lines: [{ sku: 'GADGET', quantity: 3 }], reason: 'supplier discontinued it (internal note)' }, 'desk'));
      await waitFor('partial cancellation', () => mailsTo('cat@example.com').length === 2);
      const part = mailsTo('cat@example.com')[1] as ReceivedMail;
      expect(part.subject).toBe('Part of order WEB-3 has been cancelled');
      expect(part.text).toContain('- 3 × Gadget (GADGET)');
      expect(part.text).not.toContain('internal note');
      must(await cancelOrder(store, cat.id, {}, 'desk'));
      await waitFor('cancellation', () => mailsTo('cat@example.com').length === 3);
      expect((mailsTo('cat@example.com')[2] as ReceivedMail).subject).toBe('Order WEB-3 has been cancelled');
    });

    it('records customers\' mails while no SMTP server is configured, sends them once one is, and not those of events grown too old', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow', leadTimeDays: 10 });
      const emailDeliveries = () => store.read(async (tx) => (await tx.communication.listDeliveries({ limit: 100 })).filter((d) => d.target === 'email'));
      // Ten days ago, before anyone ran a worker, a customer's order was backordered.
      const past = await database.open({ clock: () => new Date(Date.now() - 10 * DAY) });
      const old = await order(past, { WIDGET: 1 }, { customer: { email: 'old@example.com' } });
      await past.close();
      // A worker without SMTP records the mails, pending, saying why.
      start({ email: null });
      const ann = await order(store, { WIDGET: 2 }, { customer: { email: 'ann@example.com', name: 'Ann' } });
      await waitFor('both mails recorded', async () => (await emailDeliveries()).length === 2);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await emailDeliveries()).map((d) => [d.subject, d.status, d.attempts, d.lastError])).toEqual([
        [`order:${ann.id}`, 'pending', 0, 'not sent yet: no SMTP server is configured (RESTOCK_SMTP_URL or RESTOCK_SMTP_HOST)'],
        [`order:${old.id}`, 'pending', 0, 'not sent yet: no SMTP server is configured (RESTOCK_SMTP_URL or RESTOCK_SMTP_HOST)'],
      ]);
      expect(smtp.mails).toEqual([]);
      // Mail it cannot send is no work for this worker: it stays idle, taking no write lock.
      expect(await store.read((tx) => tx.communication.hasWork(['email']))).toBe(false);
      await worker?.stop();

      // SMTP is set up: the recent mail goes out, the ten-day-old one is marked not sent.
      start({ mailMaxAgeMs: 7 * DAY });
      await waitFor('the confirmation', () => smtp.mails.length === 1);
      await settle();
      expect(smtp.mails.map((m) => m.to)).toEqual([['ann@example.com']]);
      expect(smtp.mails[0]?.subject).toContain(`Order #${ann.id}: backordered items`);
      expect((await emailDeliveries()).map((d) => [d.subject, d.status, d.lastError])).toEqual([
        [`order:${ann.id}`, 'delivered', 'sent to 1 recipient(s)'],
        [`order:${old.id}`, 'delivered', 'not sent: it waited 10 days, longer than the 7 days mail is sent within (RESTOCK_MAIL_MAX_AGE_DAYS)'],
      ]);
    });

    it('closes customers\' mails that waited too long for an SMTP server, keeping the list of pending mail bounded', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow' });
      // Recorded eight days ago by a worker without SMTP, and never sent.
      const past = await database.open({ clock: () => new Date(Date.now() - 8 * DAY) });
      const old = await order(past, { WIDGET: 1 }, { customer: { email: 'old@example.com' } });
      await fanOut(past, fastConfig({ email: null }));
      // Placed then too, but recorded only now, by the worker below: its news is as old.
      const late = await order(past, { WIDGET: 1 }, { customer: { email: 'late@example.com' } });
      await past.close();
      const recent = await order(store, { WIDGET: 1 }, { customer: { email: 'new@example.com' } });
      start({ email: null, mailMaxAgeMs: 7 * DAY });
      const mail = () => store.read(async (tx) => (await tx.communication.listDeliveries({ limit: 100 })).filter((d) => d.target === 'email'));
      await waitFor('the old mails closed', async () => (await mail()).filter((d) => d.status === 'delivered').length === 2);
      expect((await mail()).map((d) => [d.subject, d.status, d.lastError])).toEqual([
        [`order:${recent.id}`, 'pending', 'not sent yet: no SMTP server is configured (RESTOCK_SMTP_URL or RESTOCK_SMTP_HOST)'],
        [`order:${late.id}`, 'delivered', 'not sent: no SMTP server was configured within 7 days (RESTOCK_MAIL_MAX_AGE_DAYS)'],
        [`order:${old.id}`, 'delivered', 'not sent: no SMTP server was configured within 7 days (RESTOCK_MAIL_MAX_AGE_DAYS)'],
      ]);
    });

    it('writes a shipment mail as of that shipment, even when it goes out after the next one', async () => {
      await seedItem(store, 'WIDGET', { name: 'Blue Widget' });
      await receive(store, 'WIDGET', 'MAIN', 2);
      const placed = await order(store, { WIDGET: 2 }, { customer: { email: 'ann@example.com' } });
      must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'test'));
      must(await shipOrder(store, placed.id, { lines: [{ sku: 'WIDGET', quantity: 1 }] }, 'test'));
      const [first, second] = (await store.read((tx) => tx.listEvents(0, 1000))).filter((e) => e.type === 'order.shipped');
      const config = fastConfig({ email: { url: smtp.url, from: 'shop@example.com', staff: [] } });
      expect((await composeEmails(store, first!, config)).messages.map((m) => m.subject)).toEqual([`Part of order #${placed.id} has shipped`]);
      expect((await composeEmails(store, second!, config)).messages.map((m) => m.subject)).toEqual([`Order #${placed.id} has shipped`]);
    });

    it('tells back-in-stock subscribers first come first served, no more than the units that came in', async () => {
      await seedItem(store, 'GADGET', { name: 'Gadget' });
      await seedItem(store, 'STOCKED');
      await receive(store, 'STOCKED', 'MAIN', 5);
      expect(await subscribe(store, { sku: 'STOCKED', email: 'x@example.com' }, { allowOnBackorder: false, notifyAll: false })).toMatchObject({ ok: false, code: 'CONFLICT' });
      const policy = { allowOnBackorder: false, notifyAll: false };
      const first = must(await subscribe(store, { sku: 'GADGET', email: 'a@example.com' }, policy));
      if (first.merged) throw new Error('the first request for an address is a new subscription');
      must(await subscribe(store, { sku: 'GADGET', email: 'b@example.com' }, policy));
      must(await subscribe(store, { sku: 'GADGET', email: 'c@example.com' }, policy));
      const again = must(await subscribe(store, { sku: 'GADGET', email: ' A@Example.com ' }, policy));
      expect(again).toMatchObject({ merged: true, sku: 'GADGET', email: 'A@Example.com' });
      expect(await subscribe(store, { sku: 'GADGET', email: 'nope' }, policy)).toMatchObject({ ok: false, details: { field: 'email' } });

      start();
      await receive(store, 'GADGET', 'MAIN', 2);
      await waitFor('two notices', () => smtp.mails.filter((m) => m.subject === 'Gadget is back in stock').length === 2);
      await settle();
      const notices = smtp.mails.filter((m) => m.subject === 'Gadget is back in stock');
      // Mails to different subscribers may arrive in either order (they are separate subjects and
      // are sent concurrently); who was served first is the order of the events below.
      expect(notices.map((m) => m.to).sort()).toEqual([['a@example.com'], ['b@example.com']]);
      const events = (await store.read((tx) => tx.listEvents(0, 1000))).filter((e) => e.type === 'subscription.notified');
      expect(events.map((e) => (e.payload as { email: string }).email)).toEqual(['a@example.com', 'b@example.com']);
      const waiting = await store.read(async (tx) => tx.communication.waitingSubscriptions((await tx.findItems(['GADGET']))[0]?.id ?? 0, null));
      expect(waiting.map((s) => s.email)).toEqual(['c@example.com']);

      const toFirst = notices.find((m) => m.to.includes('a@example.com'));
      const link = /https:\/\/shop\.example\.com\/unsubscribe\?token=([^\s"]+)/.exec(toFirst?.text ?? '');
      expect(toFirst?.headers.get('list-unsubscribe')).toContain('https://shop.example.com/unsubscribe?token=');
      const token = decodeURIComponent(link?.[1] ?? '');
      expect(must(await unsubscribe(store, token))).toMatchObject({ id: first.subscription.id, status: 'unsubscribed' });
      expect(must(await unsubscribe(store, token))).toMatchObject({ status: 'unsubscribed' });
      const forged = token.replace(/^\d+/, String(first.subscription.id + 1));
      expect(await unsubscribe(store, forged)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    });

    it('tells subscribers left over by one receipt when the next one comes in, never more than the units received', async () => {
      await seedItem(store, 'GADGET', { name: 'Gadget' });
      await seedSupplier(store, 'ACME');
      const policy = { allowOnBackorder: false, notifyAll: false };
      for (const email of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com', 'e@example.com']) must(await subscribe(store, { sku: 'GADGET', email }, policy));
      const po = await orderedPo(store, 'ACME', [['GADGET', 10, dateOf(new Date(Date.now() + 7 * DAY))]]);
      const told = async () => (await store.read((tx) => tx.listEvents(0, 1000))).filter((e) => e.type === 'subscription.notified').map((e) => (e.payload as { email: string }).email);
      start();
      // The receipt brings the item back: a po.received and an item.status_changed, one restock of 2 units.
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 2 }] }, 'clerk'));
      await waitFor('two notices', () => smtp.mails.filter((m) => m.subject === 'Gadget is back in stock').length === 2);
      await settle();
      expect(await told()).toEqual(['a@example.com', 'b@example.com']);
      // The next receipt finds the item in stock, with three subscribers still waiting.
      must(await receivePurchaseOrder(store, po.id, { location: 'MAIN', lines: [{ sku: 'GADGET', quantity: 2 }] }, 'clerk'));
      await waitFor('four notices', () => smtp.mails.filter((m) => m.subject === 'Gadget is back in stock').length === 4);
      await settle();
      expect(await told()).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
      const waiting = await store.read(async (tx) => tx.communication.waitingSubscriptions((await tx.findItems(['GADGET']))[0]?.id ?? 0, null));
      expect(waiting.map((s) => s.email)).toEqual(['e@example.com']);
    });

    it('mails those a small restock left waiting when a count up or a cancellation frees more units, each once', async () => {
      await seedItem(store, 'GADGET', { name: 'Gadget' });
      const policy = { allowOnBackorder: false, notifyAll: false };
      for (const email of ['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']) must(await subscribe(store, { sku: 'GADGET', email }, policy));
      const notices = () => smtp.mails.filter((m) => m.subject === 'Gadget is back in stock').map((m) => m.to.join());
      start();
      await receive(store, 'GADGET', 'MAIN', 1);
      await waitFor('one notice', () => notices().length === 1);
      // Still in stock: no status change, but a count finds a second unit.
      must(await adjustStock(store, { sku: 'GADGET', location: 'MAIN', count: 2, reason: 'recount' }, 'clerk'));
      await waitFor('two notices', () => notices().length === 2);
      const placed = await order(store, { GADGET: 2 });
      must(await cancelOrder(store, placed.id, {}, 'desk'));
      await waitFor('four notices', () => notices().length === 4);
      await settle();
      expect(notices().sort()).toEqual(['a@example.com', 'b@example.com', 'c@example.com', 'd@example.com']);
    });

    it('tells every subscriber when configured to, and accepts backorderable items when allowed', async () => {
      await seedItem(store, 'GADGET', { name: 'Gadget', backorderPolicy: 'allow' });
      const strict = { allowOnBackorder: false, notifyAll: true };
      expect(await subscribe(store, { sku: 'GADGET', email: 'a@example.com' }, strict)).toMatchObject({ ok: false, code: 'CONFLICT' });
      const loose = { allowOnBackorder: true, notifyAll: true };
      for (const email of ['a@example.com', 'b@example.com', 'c@example.com']) must(await subscribe(store, { sku: 'GADGET', email }, loose));
      // Told in the transaction of the stock change, under the policy of the store that makes it.
      start();
      const everyone = await database.open({ subscriptionPolicy: loose });
      try {
        await receive(everyone, 'GADGET', 'MAIN', 1);
      } finally {
        await everyone.close();
      }
      await waitFor('three notices', () => smtp.mails.filter((m) => m.subject === 'Gadget is back in stock').length === 3);
    });
  });
}
