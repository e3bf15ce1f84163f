import { wantsEvent } from '../app/communication/event-types.js';
import type { NewDelivery, WebhookEndpoint } from '../app/communication/ports.js';
import type { StoredEvent } from '../app/ports.js';

export const EMAIL_TARGET = 'email';
/**
 * The back-in-stock notifier of earlier versions, which told subscribers after the restock event
 * was fanned out; subscribers are now told in the transaction of the stock change (settleItems),
 * and only deliveries left from before are still sent to it.
 */
export const SUBSCRIPTIONS_TARGET = 'subscriptions';

/** Events a customer hears about by e-mail (SPEC §6). */
const CUSTOMER_EMAIL_TYPES = new Set(['order.placed', 'line.backordered', 'backorder.eta_changed', 'backorder.allocated', 'order.shipped', 'order.cancelled', 'subscription.notified']);
/** Events the staff addresses hear about. */
const STAFF_EMAIL_TYPES = new Set(['stock.low', 'item.status_changed', 'endpoint.disabled']);

export interface Channels {
  readonly endpoints: readonly WebhookEndpoint[];
  /** Whether the worker routing the event can send mail; a customer's mail is recorded either way. */
  readonly smtp: boolean;
  readonly staffEmail: boolean;
  /** Whether sent purchase orders are mailed to their suppliers (RESTOCK_MAIL_SUPPLIERS). */
  readonly supplierEmail: boolean;
}

/**
 * The note of a customer's mail recorded while no SMTP server is configured: it waits, visible
 * among the pending deliveries, and goes out once one is (if not too old by then).
 */
export const NO_SMTP_NOTE = 'not sent yet: no SMTP server is configured (RESTOCK_SMTP_URL or RESTOCK_SMTP_HOST)';

/**
 * Where one event must go: matching webhooks and the mailer (customers, a purchase order's
 * supplier, staff). A webhook
 * Restock switched off after failures still gets its deliveries, held until it is turned back on
 * (events are delivered at least once, SPEC §6); one an operator switched off gets none. A mail to
 * a customer is recorded even without SMTP, with a note saying so, so the shop sees who was not
 * mailed and the mail goes out once SMTP is set up; staff alerts need the staff addresses of an
 * SMTP configuration.
 */
export function routeEvent(event: StoredEvent, channels: Channels): NewDelivery[] {
  const subject = deliverySubject(event);
  const delivery = (target: string, endpointId: number | null): NewDelivery => ({ target, endpointId, eventSeq: event.seq, eventType: event.type, subject });
  const deliveries = channels.endpoints
    .filter((endpoint) => (endpoint.active || endpoint.disabledReason !== null) && wantsEvent(endpoint.eventTypes, event.type))
    .map((endpoint) => delivery(`webhook:${endpoint.id}`, endpoint.id));
  if (mailsCustomer(event) || mailsSupplier(event, channels) || (channels.staffEmail && STAFF_EMAIL_TYPES.has(event.type))) {
    deliveries.push(channels.smtp ? delivery(EMAIL_TARGET, null) : { ...delivery(EMAIL_TARGET, null), note: NO_SMTP_NOTE });
  }
  return deliveries;
}

/** The chain an event's deliveries join: each target gets one subject's events in order. */
export function deliverySubject(event: StoredEvent): string {
  return `${event.subjectType}:${event.subjectId}`;
}

/**
 * A purchase order sent to a supplier with an address goes to it by mail. Recorded like a
 * customer's mail when no SMTP server is configured, so the buyer sees the order did not go out.
 * Events of releases before this carry no address: nothing old is mailed after an upgrade.
 */
function mailsSupplier(event: StoredEvent, channels: Channels): boolean {
  if (event.type !== 'po.sent' || !channels.supplierEmail) return false;
  return typeof (event.payload as { supplierEmail?: unknown }).supplierEmail === 'string';
}

function mailsCustomer(event: StoredEvent): boolean {
  if (!CUSTOMER_EMAIL_TYPES.has(event.type)) return false;
  const payload = event.payload as { lines?: { backordered?: number; cancelled?: number }[]; reason?: string; customer?: { email?: string | null } | null };
  // An order placed without an address has no one to mail (an order's address never changes): no
  // delivery, so the pending mails are those customers are actually missing. An event that carries
  // no customer (none written by earlier releases of some types) is looked up when it is sent.
  if (Object.hasOwn(payload, 'customer') && !payload.customer?.email) return false;
  // A placement's backorders and cut units are confirmed in one message per order (on
  // order.placed); a line.backordered on its own is news only when it comes later (a stock count
  // took units back).
  if (event.type === 'order.placed') return (payload.lines ?? []).some((l) => (l.backordered ?? 0) > 0 || (l.cancelled ?? 0) > 0);
  if (event.type === 'line.backordered') return payload.reason !== undefined;
  return true;
}
