import { html } from './html.js';
import { greetingFor, renderEmail, type RenderedEmail } from './rendered-email.js';

export interface OrderCancelled {
  readonly shopName: string;
  readonly customerName: string | null;
  readonly orderRef: string;
  readonly lines: readonly { readonly sku: string; readonly name: string; readonly quantity: number }[];
  /** Nothing of the order is left to ship now. */
  readonly nothingLeft: boolean;
  /** Some of the order shipped before. */
  readonly partlyShipped: boolean;
}

/** Tells a customer which units of an order were cancelled (the shop's reason stays internal). */
export function orderCancelled(data: OrderCancelled): RenderedEmail {
  const subject = data.nothingLeft && !data.partlyShipped ? `Order ${data.orderRef} has been cancelled` : `Part of order ${data.orderRef} has been cancelled`;
  const intro = data.nothingLeft
    ? data.partlyShipped
      ? `The rest of your order ${data.orderRef} has been cancelled; what has shipped is not affected:`
      : `Your order ${data.orderRef} has been cancelled:`
    : `These items of your order ${data.orderRef} have been cancelled; the rest of the order goes on as before:`;
  const outro = 'If you did not expect this, just reply to this message.';
  return renderEmail({
    shopName: data.shopName,
    subject,
    greeting: greetingFor(data.customerName),
    paragraphs: [intro, data.lines.map((l) => `- ${l.quantity} × ${l.name} (${l.sku})`).join('\n'), outro],
    body: html`<p>${intro}</p><ul>${data.lines.map((l) => html`<li>${l.quantity} × ${l.name} (${l.sku})</li>`)}</ul><p>${outro}</p>`,
  });
}
