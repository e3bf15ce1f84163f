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
  readonly eta: string;
  readonly estimated: boolean;
}

/** Tells a customer that a backordered line's promise date moved, later or earlier. */
export function etaChanged(data: EtaChanged): RenderedEmail {
  const later = data.eta > data.previousEta;
  const when = `${formatDate(data.eta)}${data.estimated ? ' (estimate)' : ''}`;
  const subject = later
    ? `Order ${data.orderRef}: ${data.name} now expected by ${formatDate(data.eta)}`
    : `Good news: order ${data.orderRef}: ${data.name} expected earlier, by ${formatDate(data.eta)}`;
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
