import { eventEnvelope } from '../app/communication/event-envelope.js';
import { notifySubscribers, type Arrival } from '../app/communication/notify-subscribers.js';
import type { ClaimedDelivery, DeliveryOutcome } from '../app/communication/ports.js';
import type { Store, StoredEvent } from '../app/ports.js';
import { retryDelayMs } from './backoff.js';
import type { DeliveryHandler } from './deliver-chain.js';
import { composeEmails } from './email-messages.js';
import type { Mailer } from './mailer.js';
import { EMAIL_TARGET, SUBSCRIPTIONS_TARGET } from './routing.js';
import type { WebhookClient } from './webhook-client.js';
import { signWebhook } from './webhook-signature.js';
import type { WorkerConfig } from './worker-config.js';

export interface HandlerContext {
  readonly store: Store;
  readonly config: WorkerConfig;
  readonly client: WebhookClient;
  readonly mailer: Mailer | null;
}

/** Sends one claimed delivery to its target and says how it went; never throws. */
export function deliveryHandler(context: HandlerContext): DeliveryHandler {
  return async (claimed) => {
    const { delivery } = claimed;
    try {
      if (delivery.endpointId !== null) return await sendWebhook(context, claimed);
      if (delivery.target === EMAIL_TARGET) return await sendEmail(context, claimed);
      if (delivery.target === SUBSCRIPTIONS_TARGET) return await tellSubscribers(context, claimed);
      return failed(context, claimed, null, `unknown target ${delivery.target}`);
    } catch (error) {
      return failed(context, claimed, null, error instanceof Error ? error.message : String(error));
    }
  };
}

async function sendWebhook(context: HandlerContext, claimed: ClaimedDelivery): Promise<DeliveryOutcome> {
  const { delivery, event } = claimed;
  // Read now, not at claim time: a change of URL or secret, or switching the endpoint off, applies
  // to the very next request (a claim may hold many deliveries).
  const endpoint = await context.store.read((tx) => tx.communication.findEndpoint(delivery.endpointId as number));
  if (!endpoint || !endpoint.active) return { id: delivery.id, endpointId: delivery.endpointId, released: true };
  const body = JSON.stringify(eventEnvelope(event));
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await context.client.post(endpoint.url, body, {
    'user-agent': 'Restock-Webhooks/1',
    'restock-signature': signWebhook(endpoint.secret, timestamp, body),
    'restock-timestamp': String(timestamp),
    'restock-event-id': String(event.seq),
    'restock-event-type': event.type,
    'restock-delivery-attempt': String(delivery.attempts + 1),
  });
  if ('status' in result && result.status >= 200 && result.status < 300) {
    return { id: delivery.id, endpointId: delivery.endpointId, ok: true, status: result.status, note: null };
  }
  return 'status' in result ? failed(context, claimed, result.status, `HTTP ${result.status}`) : failed(context, claimed, null, result.error);
}

/**
 * Mails a customer or the staff; a mail whose event is older than `mailMaxAgeMs` (it waited for
 * SMTP to be set up, or for a worker) is recorded as not sent instead: news of long ago misleads.
 * The promise dates a sent mail told are recorded, as what its customer last heard of each line.
 */
async function sendEmail(context: HandlerContext, claimed: ClaimedDelivery): Promise<DeliveryOutcome> {
  const { delivery, event } = claimed;
  if (!context.mailer) return { id: delivery.id, endpointId: null, released: true };
  const waitedMs = Date.now() - Date.parse(event.createdAt);
  if (waitedMs > context.config.mailMaxAgeMs) {
    const days = (ms: number) => `${Math.round((ms / 86_400_000) * 10) / 10} days`;
    const note = `not sent: it waited ${days(waitedMs)}, longer than the ${days(context.config.mailMaxAgeMs)} mail is sent within (RESTOCK_MAIL_MAX_AGE_DAYS)`;
    return { id: delivery.id, endpointId: null, ok: true, status: null, note };
  }
  const { messages, stale, dates } = await composeEmails(context.store, event, context.config);
  for (const message of messages) await context.mailer.send(message);
  // Written before the chain's next mail is composed: a date change is told against it.
  if (dates.length > 0) await context.store.transaction((tx) => tx.communication.recordDatesMailed(dates));
  const note = stale ?? (messages.length === 0 ? 'skipped: no recipient address' : `sent to ${messages.flatMap((m) => m.to).length} recipient(s)`);
  return { id: delivery.id, endpointId: null, ok: true, status: null, note };
}

async function tellSubscribers(context: HandlerContext, claimed: ClaimedDelivery): Promise<DeliveryOutcome> {
  const { delivery, event } = claimed;
  const told = await notifySubscribers(context.store, { arrivals: arrivalsOf(event), at: event.createdAt, deliveryId: delivery.id }, context.config.subscriptions);
  // Already marked delivered inside notifySubscribers' transaction; this outcome is a no-op there.
  return { id: delivery.id, endpointId: null, ok: true, status: null, note: `${told} subscriber(s) told` };
}

/** What a restock event brought in: a receipt's lines by sku, or the units of an item back in stock. */
function arrivalsOf(event: StoredEvent): Arrival[] {
  if (event.type === 'po.received') {
    const units = new Map<string, number>();
    for (const line of (event.payload as { lines?: { sku: string; quantity: number }[] }).lines ?? []) units.set(line.sku, (units.get(line.sku) ?? 0) + line.quantity);
    return [...units].map(([sku, count]) => ({ sku, units: count }));
  }
  const payload = event.payload as { sku?: string; available?: number };
  return [{ sku: payload.sku ?? event.subjectId, units: payload.available ?? 0 }];
}

function failed(context: HandlerContext, claimed: ClaimedDelivery, status: number | null, error: string): DeliveryOutcome {
  const { config } = context;
  const attempt = claimed.delivery.attempts + 1;
  return { id: claimed.delivery.id, endpointId: claimed.delivery.endpointId, ok: false, status, error, retryAfterMs: retryDelayMs(attempt, config.backoffBaseMs, config.backoffMaxMs) };
}
