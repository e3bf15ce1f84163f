import { unsubscribeToken } from '../app/communication/unsubscribe-token.js';
import { unsubscribeSecret } from '../app/communication/unsubscribe.js';
import type { DateMailed } from '../app/communication/ports.js';
import type { LineRecord, OrderRecord, StoredEvent, Store } from '../app/ports.js';
import { movedDateNews, type MovedDateNews } from './moved-date-news.js';
import { backInStock } from './templates/back-in-stock.js';
import { backorderAllocated } from './templates/backorder-allocated.js';
import { backorderConfirmation } from './templates/backorder-confirmation.js';
import { etaChanged } from './templates/eta-changed.js';
import { orderCancelled } from './templates/order-cancelled.js';
import { orderShipped } from './templates/order-shipped.js';
import { purchaseOrderMail } from './templates/purchase-order.js';
import type { RenderedEmail } from './templates/rendered-email.js';
import { staffAlert } from './templates/staff-alert.js';
import type { WorkerConfig } from './worker-config.js';

/** One message for the SMTP transport. */
export interface EmailMessage extends RenderedEmail {
  readonly to: readonly string[];
  readonly headers?: Readonly<Record<string, string>>;
}

interface OrderPayload {
  readonly orderId: number;
  readonly lineId?: number;
  readonly sku?: string;
  readonly quantity?: number;
  readonly stillBackordered?: number;
  readonly backordered?: number;
  readonly eta?: string | null;
  readonly estimated?: boolean;
  readonly lines?: readonly { readonly sku: string; readonly quantity: number }[];
  /** The order's status right after the event (order.shipped carries it). */
  readonly status?: string;
}

/** An order.placed line: what was asked for and what became of it. */
interface PlacedLine {
  readonly sku: string;
  readonly backordered?: number;
  readonly cancelled?: number;
}

/** The e-mails an event causes, or why it causes none that should go out now. */
export interface ComposedEmails {
  readonly messages: readonly EmailMessage[];
  /** Why nothing is sent though someone would be told: the news is out of date. */
  readonly stale: string | null;
  /** The promise dates the messages tell, by line: recorded once they are sent (see movedDateNews). */
  readonly dates: readonly DateMailed[];
}

/**
 * The e-mails an event causes, read against the current order and items (so a confirmation shows
 * the ETA set in the same transaction). An order without a customer address yields none: that is
 * skipped, not an error. A moved date is told only when it is news, against what the customer was
 * last mailed (movedDateNews): mails that waited (for SMTP, or behind others) would otherwise tell
 * of every date in turn, or of a date for units since filled or cancelled.
 */
export async function composeEmails(store: Store, event: StoredEvent, config: WorkerConfig): Promise<ComposedEmails> {
  const payload = event.payload as Record<string, unknown>;
  switch (event.type) {
    case 'order.placed':
    case 'line.backordered':
    case 'backorder.eta_changed':
    case 'backorder.allocated':
    case 'order.shipped':
    case 'order.cancelled':
      return customerEmail(store, event, payload as unknown as OrderPayload, config);
    case 'subscription.notified':
      return fresh([await backInStockEmail(store, payload, config)]);
    case 'po.sent':
      return fresh(await supplierOrderEmail(store, payload as unknown as SentPurchaseOrder, config));
    case 'stock.low':
    case 'item.status_changed':
    case 'endpoint.disabled':
      return fresh(staffEmail(event, payload, config));
    default:
      return fresh([]);
  }
}

function fresh(messages: readonly EmailMessage[]): ComposedEmails {
  return { messages, stale: null, dates: [] };
}

async function customerEmail(store: Store, event: StoredEvent, payload: OrderPayload, config: WorkerConfig): Promise<ComposedEmails> {
  const { order, names } = await store.read(async (tx) => {
    const order = await tx.findOrder(payload.orderId);
    const skus = [...new Set([...(order?.lines.map((l) => l.sku) ?? []), ...(payload.sku ? [payload.sku] : [])])];
    return { order, names: new Map((await tx.findItems(skus)).map((i) => [i.sku, i.name])) };
  });
  const email = order?.customer.email;
  if (!order || !email) return fresh([]);
  const news = event.type === 'backorder.eta_changed' ? await movedDateNews(store, event, payload, order) : null;
  if (news && !news.sent) return { messages: [], stale: news.note, dates: [] };
  const rendered = render(event, payload, news, order, names, config.shopName);
  if (!rendered) return fresh([]);
  return { messages: [{ ...rendered, to: [email] }], stale: null, dates: datesTold(event, payload, order) };
}

/** The lines a backorder confirmation lists: as they wait now, so each shows its current date. */
function confirmedLines(event: StoredEvent, payload: OrderPayload, order: OrderRecord): LineRecord[] {
  return order.lines.filter((l) => l.backordered > 0 && (event.type === 'order.placed' || l.id === payload.lineId));
}

/** The promise dates a customer's mail of this event tells, by line. */
function datesTold(event: StoredEvent, payload: OrderPayload, order: OrderRecord): DateMailed[] {
  if (event.type === 'order.placed' || event.type === 'line.backordered') return confirmedLines(event, payload, order).map((l) => ({ lineId: l.id, eta: l.eta }));
  if (event.type === 'backorder.eta_changed' && payload.lineId !== undefined) return [{ lineId: payload.lineId, eta: payload.eta ?? null }];
  return [];
}

function render(event: StoredEvent, payload: OrderPayload, news: MovedDateNews | null, order: OrderRecord, names: ReadonlyMap<string, string>, shopName: string): RenderedEmail | null {
  const base = { shopName, customerName: order.customer.name, orderRef: order.externalId ?? `#${order.id}` };
  const nameOf = (sku: string) => names.get(sku) ?? sku;
  switch (event.type) {
    case 'order.placed':
    case 'line.backordered': {
      const lines = confirmedLines(event, payload, order).map((l) => ({ sku: l.sku, name: nameOf(l.sku), backordered: l.backordered, eta: l.eta, estimated: l.etaEstimated }));
      // Units the placement could not take (not in stock, and not to be backordered): as placed, not as now.
      const cut = event.type === 'order.placed'
        ? ((payload.lines ?? []) as readonly PlacedLine[]).filter((l) => (l.cancelled ?? 0) > 0).map((l) => ({ sku: l.sku, name: nameOf(l.sku), quantity: l.cancelled ?? 0 }))
        : [];
      return lines.length > 0 || cut.length > 0 ? backorderConfirmation({ ...base, lines, cut, afterPlacement: event.type === 'line.backordered' }) : null;
    }
    case 'order.cancelled': {
      const cancelled = (payload.lines ?? []).filter((l) => l.quantity > 0).map((l) => ({ sku: l.sku, name: nameOf(l.sku), quantity: l.quantity }));
      if (cancelled.length === 0) return null;
      return orderCancelled({
        ...base,
        lines: cancelled,
        nothingLeft: order.lines.every((l) => l.allocated === 0 && l.backordered === 0),
        partlyShipped: order.lines.some((l) => l.shipped > 0),
      });
    }
    case 'backorder.eta_changed':
      // Said against the date last mailed, which may not be its event's previous one, or against
      // none when no date was mailed; a date withdrawn (eta null) or given again is news too.
      if (!payload.sku || !news?.sent) return null;
      return etaChanged({
        ...base, sku: payload.sku, name: nameOf(payload.sku), backordered: payload.backordered ?? 0,
        toldBefore: news.toldBefore, previousEta: news.toldBefore ? news.previousEta : null, eta: payload.eta ?? null, estimated: payload.estimated ?? false,
      });
    case 'backorder.allocated':
      if (!payload.sku) return null;
      return backorderAllocated({ ...base, sku: payload.sku, name: nameOf(payload.sku), quantity: payload.quantity ?? 0, stillBackordered: payload.stillBackordered ?? 0 });
    case 'order.shipped': {
      const shipped = new Map<string, number>();
      for (const line of payload.lines ?? []) shipped.set(line.sku, (shipped.get(line.sku) ?? 0) + line.quantity);
      // Complete as of this shipment, not as of when the mail goes out (a retry may come later).
      const complete = payload.status !== undefined ? payload.status === 'shipped' : order.lines.every((l) => l.allocated === 0 && l.backordered === 0);
      return orderShipped({ ...base, complete, lines: [...shipped].map(([sku, quantity]) => ({ sku, name: nameOf(sku), quantity })) });
    }
    default:
      return null;
  }
}

async function backInStockEmail(store: Store, payload: Record<string, unknown>, config: WorkerConfig): Promise<EmailMessage> {
  const subscriptionId = payload['subscriptionId'] as number;
  const secret = await store.read((tx) => unsubscribeSecret(tx, config.unsubscribeSecret));
  const unsubscribeUrl = `${config.publicUrl}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(secret, subscriptionId))}`;
  const sku = payload['sku'] as string;
  return {
    ...backInStock({ shopName: config.shopName, sku, name: (payload['name'] as string | undefined) ?? sku, unsubscribeUrl }),
    to: [payload['email'] as string],
    // RFC 8058 one-click unsubscribe, which mail clients show as a button.
    headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

/** A po.sent payload: the lines as sent, and where the order goes. */
interface SentPurchaseOrder {
  readonly poId: number;
  readonly supplierEmail?: string | null;
  readonly reference: string | null;
  readonly lines: readonly { readonly lineId: number; readonly sku: string; readonly quantity: number; readonly expectedOn: string }[];
}

/**
 * The purchase order for its supplier: the lines as sent (quantities and dates of the event; the
 * prices, item names and the supplier's own codes read now). Replies go to the staff addresses,
 * the people who buy.
 */
async function supplierOrderEmail(store: Store, payload: SentPurchaseOrder, config: WorkerConfig): Promise<EmailMessage[]> {
  const to = payload.supplierEmail;
  if (!to) return [];
  const { order, names, links } = await store.read(async (tx) => {
    const order = await tx.purchasing.findPurchaseOrder(payload.poId);
    const names = new Map((await tx.findItems(payload.lines.map((l) => l.sku))).map((i) => [i.sku, i.name]));
    const links = order ? await tx.purchasing.listLinks({ supplierId: order.supplierId }) : [];
    return { order, names, links };
  });
  if (!order) return [];
  const mail = purchaseOrderMail({
    shopName: config.shopName,
    supplierName: order.supplierName,
    orderRef: `PO-${order.id}`,
    reference: payload.reference,
    lines: payload.lines.map((l) => ({
      sku: l.sku,
      name: names.get(l.sku) ?? l.sku,
      supplierSku: links.find((link) => link.sku === l.sku)?.supplierSku ?? null,
      quantity: l.quantity,
      unitCost: order.lines.find((line) => line.id === l.lineId)?.unitCost ?? 0,
      expectedOn: l.expectedOn,
    })),
  });
  const staff = config.email?.staff ?? [];
  return [{ ...mail, to: [to], ...(staff.length > 0 ? { headers: { 'Reply-To': staff.join(', ') } } : {}) }];
}

function staffEmail(event: StoredEvent, payload: Record<string, unknown>, config: WorkerConfig): EmailMessage[] {
  const staff = config.email?.staff ?? [];
  if (staff.length === 0) return [];
  const text = (key: string) => String(payload[key] ?? '');
  const alert =
    event.type === 'stock.low'
      ? staffAlert({ shopName: config.shopName, headline: `Low stock: ${text('name')} (${text('sku')})`, facts: [['SKU', text('sku')], ['Available', text('available')], ['Low-stock threshold', text('lowStockThreshold')]] })
      : event.type === 'item.status_changed'
        ? staffAlert({ shopName: config.shopName, headline: `${text('name')} (${text('sku')}) is now ${text('status').replaceAll('_', ' ')}`, facts: [['SKU', text('sku')], ['Was', text('previousStatus')], ['Now', text('status')], ['Available', text('available')]] })
        : staffAlert({ shopName: config.shopName, headline: `Webhook endpoint ${text('endpointId')} was disabled`, facts: [['Address', text('origin')], ['Reason', text('reason')]] });
  return [{ ...alert, to: staff }];
}
