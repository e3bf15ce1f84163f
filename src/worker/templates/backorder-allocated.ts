import { html } from './html.js';
import { greetingFor, renderEmail, type RenderedEmail } from './rendered-email.js';

export interface BackorderAllocated {
  readonly shopName: string;
  readonly customerName: string | null;
  readonly orderRef: string;
  readonly sku: string;
  readonly name: string;
  readonly quantity: number;
  readonly stillBackordered: number;
}

/** Tells a customer that backordered units arrived and are reserved for them: ready to ship. */
export function backorderAllocated(data: BackorderAllocated): RenderedEmail {
  const complete = data.stillBackordered === 0;
  const subject = complete
    ? `Order ${data.orderRef}: ${data.name} has arrived and is ready to ship`
    : `Order ${data.orderRef}: ${data.quantity} × ${data.name} ready to ship`;
  const sentence = complete
    ? `Your backordered ${data.quantity} × ${data.name} (${data.sku}) for order ${data.orderRef} has arrived. It is reserved for you and ready to ship.`
    : `${data.quantity} × ${data.name} (${data.sku}) of your order ${data.orderRef} arrived and is reserved for you, ready to ship. ${data.stillBackordered} more are still on backorder.`;
  return renderEmail({ shopName: data.shopName, subject, greeting: greetingFor(data.customerName), paragraphs: [sentence], body: html`<p>${sentence}</p>` });
}
