import { html } from './html.js';
import { formatDate, greetingFor, renderEmail, type RenderedEmail } from './rendered-email.js';

export interface EtaChanged {
  readonly shopName: string;
  readonly customerName: string | null;
  readonly orderRef: string;
  readonly sku: string;
  readonly name: string;
  readonly backordered: number;
  readonly previousEta: string;
  /** null: there is no date any more (no new stock of the item is planned). */
  readonly eta: string | null;
  readonly estimated: boolean;
}

/** Tells a customer that a backordered line's promise date moved, later or earlier, or that there is none any more. */
export function etaChanged(data: EtaChanged): RenderedEmail {
  if (data.eta === null) return dateWithdrawn(data);
  const later = data.eta > data.previousEta;
  const eta = data.eta;
  const when = `${formatDate(eta)}${data.estimated ? ' (estimate)' : ''}`;
  const subject = later
    ? `Order ${data.orderRef}: ${data.name} now expected by ${formatDate(eta)}`
    : `Good news: order ${data.orderRef}: ${data.name} expected earlier, by ${formatDate(eta)}`;
  const sentence = later
    ? `We are sorry: the ${data.backordered} × ${data.name} (${data.sku}) on backorder for order ${data.orderRef} will come later than we said. It is now expected to ship by ${when}, instead of ${formatDate(data.previousEta)}.`
    : `The ${data.backordered} × ${data.name} (${data.sku}) on backorder for order ${data.orderRef} will come sooner than we said. It is now expected to ship by ${when}, instead of ${formatDate(data.previousEta)}.`;
  return renderEmail({
    shopName: data.shopName,
    subject,
    greeting: greetingFor(data.customerName),
    paragraphs: [sentence],
    body: html`<p>${sentence}</p>`,
  });
}

/**
 * The date a customer was given is withdrawn: the shop stopped restocking the item (discontinued)
 * and no purchase order covers their units. Said plainly, with what happens next.
 */
function dateWithdrawn(data: EtaChanged): RenderedEmail {
  const subject = `Order ${data.orderRef}: no delivery date for ${data.name} any more`;
  const sentence = `We are sorry: we can no longer say when the ${data.backordered} × ${data.name} (${data.sku}) on backorder for order ${data.orderRef} will come, as no new stock of it is planned. We had expected it by ${formatDate(data.previousEta)}.`;
  const next = 'Your order keeps its place, and we will write as soon as it ships. If you would rather not wait, contact us to cancel it.';
  return renderEmail({
    shopName: data.shopName,
    subject,
    greeting: greetingFor(data.customerName),
    paragraphs: [sentence, next],
    body: html`<p>${sentence}</p><p>${next}</p>`,
  });
}
