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
  /** Units the placement could not take at all (not in stock, not to be backordered). */
  readonly cut?: readonly { readonly sku: string; readonly name: string; readonly quantity: number }[];
  /** True when units went back on backorder after the order was placed (a stock count fell short). */
  readonly afterPlacement: boolean;
}

/**
 * Confirms the backordered part of an order with the date each line is expected to ship, and
 * names the units the order could not take at all.
 */
export function backorderConfirmation(data: BackorderConfirmation): RenderedEmail {
  const cut = data.cut ?? [];
  const etas = [...new Set(data.lines.map((l) => l.eta))];
  const single = etas.length === 1 && etas[0] ? formatDate(etas[0]) : null;
  const subject = data.lines.length === 0
    ? `Order ${data.orderRef}: some items were not available`
    : single
      ? `Order ${data.orderRef}: backordered items expected to ship by ${single}${data.lines.every((l) => l.estimated) ? ' (estimate)' : ''}`
      : `Order ${data.orderRef}: some items are on backorder`;
  const intro = data.afterPlacement
    ? `We are sorry: after a stock count, part of your order ${data.orderRef} could no longer be reserved and is now on backorder. It keeps its place in line.`
    : data.lines.length > 0
      ? `Thank you for your order ${data.orderRef}. Some items are not in stock yet; they are on backorder and reserved for you as soon as they arrive.`
      : `Thank you for your order ${data.orderRef}.`;
  const cutIntro = 'These items were not available and are not part of your order:';
  const closing = data.lines.length > 0 ? 'We will write again if a date changes, and when your items are ready to ship.' : 'The rest of your order goes on as usual.';
  const cutText = cut.length > 0 ? [cutIntro, cut.map((l) => `- ${l.quantity} × ${l.name} (${l.sku})`).join('\n')] : [];
  return renderEmail({
    shopName: data.shopName,
    subject,
    greeting: greetingFor(data.customerName),
    paragraphs: [intro, ...(data.lines.length > 0 ? [data.lines.map((l) => `- ${l.backordered} × ${l.name} (${l.sku}): ${etaText(l)}`).join('\n')] : []), ...cutText, closing],
    body: html`<p>${intro}</p>
${data.lines.length > 0 ? html`<ul>${data.lines.map((l) => html`<li>${l.backordered} × ${l.name} (${l.sku}): <strong>${etaText(l)}</strong></li>`)}</ul>` : ''}
${cut.length > 0 ? html`<p>${cutIntro}</p><ul>${cut.map((l) => html`<li>${l.quantity} × ${l.name} (${l.sku})</li>`)}</ul>` : ''}
<p>${closing}</p>`,
  });
}

function etaText(line: BackorderedLine): string {
  if (!line.eta) return 'we will tell you the date as soon as we know it';
  return `expected to ship by ${formatDate(line.eta)}${line.estimated ? ' (estimate)' : ''}`;
}
