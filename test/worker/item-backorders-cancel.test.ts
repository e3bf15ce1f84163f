import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelItemBackorders } from '../../src/app/cancel-item-backorders.js';
import { createWebhookEndpoint } from '../../src/app/communication/manage-webhook-endpoints.js';
import { updateItem } from '../../src/app/manage-items.js';
import type { Store } from '../../src/app/ports.js';
import { startWorker, type RunningWorker } from '../../src/worker/dispatcher.js';
import { expectInvariants, must, order, receive, seedItem, seedLocation } from '../support/fixtures.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';
import { fastConfig } from './support/fast-config.js';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.js';
import { startReceiver, type WebhookReceiver } from './support/webhook-receiver.js';
import { waitFor } from './support/wait-for.js';

const SECRET = 'test-secret-0123456789abcdef';
const LOOPBACK = { allowLoopback: true, allowPrivate: false };

for (const dialect of DIALECTS) {
  describe(`customers hear of their backorders cancelled with a discontinued item on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let smtp: SmtpSink;
    let receiver: WebhookReceiver;
    let worker: RunningWorker | null = null;

    beforeEach(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open();
      smtp = await startSmtpSink();
      receiver = await startReceiver({ secret: SECRET });
      await seedLocation(store, 'MAIN');
      await seedItem(store, 'WIDGET', { name: 'Blue Widget', backorderPolicy: 'allow' });
      await seedItem(store, 'GADGET', { name: 'Gadget' });
      await receive(store, 'WIDGET', 'MAIN', 2);
      await receive(store, 'GADGET', 'MAIN', 1);
    });

    afterEach(async () => {
      await worker?.stop();
      worker = null;
      await expectInvariants(store);
      await smtp.close();
      await receiver.close();
      await store.close();
      await database.drop();
    });

    it('mails each customer what was cancelled, never the shop\'s reason, and sends order.cancelled webhooks', async () => {
      // Ann holds the 2 units on hand and waits for 1 more; Bob waits for 3 and holds a gadget.
      const ann = await order(store, { WIDGET: 3 }, { customer: { email: 'ann@example.com', name: 'Ann' } });
      const bob = await order(store, { WIDGET: 3, GADGET: 1 }, { externalId: 'WEB-9', customer: { email: 'bob@example.com', name: 'Bob' } });
      must(await updateItem(store, 'WIDGET', { discontinued: true }, 'test'));
      must(await createWebhookEndpoint(store, { url: receiver.url, secret: SECRET, eventTypes: ['order.cancelled'] }, LOOPBACK, 'test'));
      must(await cancelItemBackorders(store, 'WIDGET', { reason: 'maker went bust' }, 'test'));
      worker = startWorker({ store, config: fastConfig({ email: { url: smtp.url, from: 'shop@example.com', staff: [] }, shopName: 'Corner Shop' }) });

      const cancelledMail = (to: string) => smtp.mails.find((m) => m.to.includes(to) && m.subject.includes('cancelled'));
      await waitFor('both cancellation mails', () => cancelledMail('ann@example.com') !== undefined && cancelledMail('bob@example.com') !== undefined);
      const annMail = cancelledMail('ann@example.com');
      const bobMail = cancelledMail('bob@example.com');
      expect(annMail?.subject).toBe(`Part of order #${ann.id} has been cancelled`);
      expect(annMail?.text).toContain('1 × Blue Widget (WIDGET)');
      expect(bobMail?.subject).toBe('Part of order WEB-9 has been cancelled');
      expect(bobMail?.text).toContain('3 × Blue Widget (WIDGET)');
      expect(bobMail?.text).toContain('the rest of the order goes on as before');
      for (const mail of [annMail, bobMail]) expect(mail?.text).not.toContain('maker went bust');

      await waitFor('both webhooks', () => receiver.accepted.size === 2);
      const bodies = receiver.requests.filter((r) => r.answered === 204).map((r) => JSON.parse(r.body) as { type: string; subject: { id: string }; data: { lines: unknown; reason: string } });
      expect(bodies.map((b) => [b.type, b.subject.id]).sort()).toEqual([['order.cancelled', String(ann.id)], ['order.cancelled', String(bob.id)]].sort());
      expect(bodies.find((b) => b.subject.id === String(bob.id))?.data).toMatchObject({ reason: 'maker went bust', lines: [{ sku: 'WIDGET', quantity: 3 }] });
      expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    });
  });
}
