import { html } from './html.js';
import { greetingFor, renderEmail, type RenderedEmail } from './rendered-email.js';

export interface OrderShipped {
  readonly shopName: string;
  readonly customerName: string | null;
  readonly orderRef: string;
  readonly lines: readonly { readonly sku: string; readonly name: string; readonly quantity: number }[];
  /** True when nothing of the order is left to ship. */
  readonly complete: boolean;
}

/** Tells a customer what has just shipped. */
export function orderShipped(data: OrderShipped): RenderedEmail {
  const subject = data.complete ? `Order ${data.orderRef} has shipped` : `Part of order ${data.orderRef} has shipped`;
  const intro = data.complete ? `Your order ${data.orderRef} is on its way:` : `Part of your order ${data.orderRef} is on its way; we will send the rest as soon as it is ready:`;
  return renderEmail({
    shopName: data.shopName,
    subject,
    greeting: greetingFor(data.customerName),
    paragraphs: [intro, data.lines.map((l) => `- ${l.quantity} × ${l.name} (${l.sku})`).join('\n')],
    body: html`<p>${intro}</p><ul>${data.lines.map((l) => html`<li>${l.quantity} × ${l.name} (${l.sku})</li>`)}</ul>`,
  });
}
