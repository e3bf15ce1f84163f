import { html } from './html.js';
import { formatDate, greetingFor, renderEmail, type RenderedEmail } from './rendered-email.js';

export interface BackorderedLine {
  readonly sku: string;
  readonly name: string;
  readonly backordered: number;
  readonly eta: string | null;
  readonly estimated: boolean;
}

export interface BackorderConfirmation {
  readonly shopName: string;
  readonly customerName: string | null;
  readonly orderRef: string;
  readonly lines: readonly BackorderedLine[];
  /** True when units went back on backorder after the order was placed (a stock count fell short). */
  readonly afterPlacement: boolean;
}

/** Confirms the backordered part of an order with the date each line is expected to ship. */
export function backorderConfirmation(data: BackorderConfirmation): RenderedEmail {
  const etas = [...new Set(data.lines.map((l) => l.eta))];
  const single = etas.length === 1 && etas[0] ? formatDate(etas[0]) : null;
  const subject = single
    ? `Order ${data.orderRef}: backordered items expected to ship by ${single}`
    : `Order ${data.orderRef}: some items are on backorder`;
  const intro = data.afterPlacement
    ? `We are sorry: after a stock count, part of your order ${data.orderRef} could no longer be reserved and is now on backorder. It keeps its place in line.`
    : `Thank you for your order ${data.orderRef}. Some items are not in stock yet; they are on backorder and reserved for you as soon as they arrive.`;
  return renderEmail({
    shopName: data.shopName,
    subject,
    greeting: greetingFor(data.customerName),
    paragraphs: [intro, data.lines.map((l) => `- ${l.backordered} × ${l.name} (${l.sku}): ${etaText(l)}`).join('\n'), 'We will write again if a date changes, and when your items are ready to ship.'],
    body: html`<p>${intro}</p>
<ul>${data.lines.map((l) => html`<li>${l.backordered} × ${l.name} (${l.sku}): <strong>${etaText(l)}</strong></li>`)}</ul>
<p>We will write again if a date changes, and when your items are ready to ship.</p>`,
  });
}

function etaText(line: BackorderedLine): string {
  if (!line.eta) return 'we will tell you the date as soon as we know it';
  return `expected to ship by ${formatDate(line.eta)}${line.estimated ? ' (estimate)' : ''}`;
}
