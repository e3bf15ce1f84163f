import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports.js';
import { createPurchaseOrder } from '../../src/app/purchasing/create-purchase-order.js';
import { sendPurchaseOrder } from '../../src/app/purchasing/send-purchase-order.js';
import { addDays, dateOf } from '../../src/domain/dates.js';
import { startWorker, type RunningWorker } from '../../src/worker/dispatcher.js';
import { formatDate } from '../../src/worker/templates/rendered-email.js';
import { NO_SMTP_NOTE } from '../../src/worker/routing.js';
import { must, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { fastConfig } from './support/fast-config.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { waitFor } from './support/wait-for.js';

for (const dialect of DIALECTS) {
  describe(`purchase orders mailed to their suppliers on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let smtp: SmtpSink;
    let worker: RunningWorker | null = null;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      smtp = await startSmtpSink();
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { name: 'Blue Widget' });
      await seedItem(store, 'GADGET', { name: 'Gadget' });
      await seedSupplier(store, 'ACME', { name: 'Acme Ltd', email: 'orders@acme.example' });
      await seedSupplier(store, 'NOMAIL');
      await seedLink(store, 'WIDGET', 'ACME', { supplierSku: 'AC-77', unitCost: 1250 });
    });

    afterEach(async () => {
      await worker?.stop();
      worker = null;
      await smtp.close();
      await store.close();
      await database.drop();
    });

    // Dates a few weeks out: a line due in the past or beyond the longest lead time is refused.
    const first = addDays(dateOf(new Date()), 30);
    const second = addDays(first, 7);
    const sent = async (supplier: string, reference: string | null) => {
      const lines = [{ sku: 'WIDGET', quantity: 10, expectedOn: first }, { sku: 'GADGET', quantity: 4, unitCost: 300, expectedOn: second }];
      const draft = must(await createPurchaseOrder(store, { supplier, reference, lines }, 'buyer'));
      return must(await sendPurchaseOrder(store, draft.id, 'buyer'));
    };

    it('mails what to deliver, by when and at what price, with replies going to the staff', async () => {
      const po = await sent('ACME', 'Q-2099-1');
      await sent('NOMAIL', null); // a supplier without an address: nothing to mail
      worker = startWorker({ store, config: fastConfig({ email: { url: smtp.url, from: 'shop@example.com', staff: ['buyer@shop.example'] }, shopName: 'Corner Shop' }) });
      await waitFor('the purchase order mail', () => smtp.mails.some((m) => m.subject.includes('Purchase order')));
      await new Promise((r) => setTimeout(r, 300)); // nothing else follows
      const orders = smtp.mails.filter((m) => m.subject.includes('Purchase order'));
      expect(orders).toHaveLength(1);
      const mail = orders[0];
      expect(mail?.to).toEqual(['orders@acme.example']);
      expect(mail?.subject).toBe(`Purchase order PO-${po.id} from Corner Shop`);
      expect(mail?.headers.get('reply-to')).toBe('buyer@shop.example');
      expect(mail?.text).toContain('Hello Acme Ltd,');
      expect(mail?.text).toContain(`purchase order PO-${po.id} (our reference Q-2099-1)`);
      expect(mail?.text).toContain(`- 10 × Blue Widget (your code AC-77, our WIDGET) at 12.50 each, by ${formatDate(first)}`);
      expect(mail?.text).toContain(`- 4 × Gadget (GADGET) at 3.00 each, by ${formatDate(second)}`);
      expect(mail?.text).toContain('Total: 137.00');
      expect(mail?.html).toContain('AC-77');
    });

    it('records the mail as waiting while no SMTP server is configured, so the buyer sees the order did not go out', async () => {
      const po = await sent('ACME', null);
      worker = startWorker({ store, config: fastConfig({ email: null }) });
      const waiting = () => store.read(async (tx) => (await tx.communication.listDeliveries({ limit: 100 })).filter((d) => d.target === 'email'));
      await waitFor('the waiting mail', async () => (await waiting()).length > 0);
      expect((await waiting()).map((d) => [d.eventType, d.subject, d.status, d.lastError])).toEqual([['po.sent', `po:${po.id}`, 'pending', NO_SMTP_NOTE]]);
      expect(smtp.mails).toEqual([]);
    });
  });
}
