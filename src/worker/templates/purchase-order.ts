import { html } from './html.js';
import { formatDate, greetingFor, renderEmail, type RenderedEmail } from './rendered-email.js';

export interface PurchaseOrderLine {
  readonly sku: string;
  readonly name: string;
  /** The supplier's own code for the item, when the link records one. */
  readonly supplierSku: string | null;
  readonly quantity: number;
  /** Minor currency units per unit, as the order line has it. */
  readonly unitCost: number;
  readonly expectedOn: string;
}

export interface PurchaseOrderMail {
  readonly shopName: string;
  readonly supplierName: string;
  /** `PO-12`: what the supplier quotes on its delivery note and invoice. */
  readonly orderRef: string;
  /** The buyer's own reference, if the order has one. */
  readonly reference: string | null;
  readonly lines: readonly PurchaseOrderLine[];
}

/** A purchase order as its supplier receives it: what to deliver, by when, at what price. */
export function purchaseOrderMail(data: PurchaseOrderMail): RenderedEmail {
  const refs = data.reference ? `${data.orderRef} (our reference ${data.reference})` : data.orderRef;
  const intro = `Please supply the following under purchase order ${refs}, delivered by the dates given:`;
  const closing = `Please quote ${data.orderRef} on your confirmation, delivery note and invoice, and tell us at once if a date cannot be met.`;
  const code = (l: PurchaseOrderLine) => (l.supplierSku ? `your code ${l.supplierSku}, our ${l.sku}` : l.sku);
  const total = data.lines.reduce((sum, l) => sum + l.quantity * l.unitCost, 0);
  return renderEmail({
    shopName: data.shopName,
    subject: `Purchase order ${data.orderRef} from ${data.shopName}`,
    greeting: greetingFor(data.supplierName),
    paragraphs: [
      intro,
      data.lines.map((l) => `- ${l.quantity} × ${l.name} (${code(l)}) at ${money(l.unitCost)} each, by ${formatDate(l.expectedOn)}`).join('\n'),
      `Total: ${money(total)}`,
      closing,
    ],
    body: html`<p>${intro}</p>
<table cellpadding="4" style="border-collapse: collapse">
<tr><th align="left">Item</th><th align="left">Code</th><th align="right">Quantity</th><th align="right">Unit cost</th><th align="left">Deliver by</th></tr>
${data.lines.map((l) => html`<tr><td>${l.name}</td><td>${code(l)}</td><td align="right">${l.quantity}</td><td align="right">${money(l.unitCost)}</td><td>${formatDate(l.expectedOn)}</td></tr>`)}
<tr><th align="left" colspan="3">Total</th><td align="right">${money(total)}</td><td></td></tr>
</table>
<p>${closing}</p>`,
  });
}

/** Minor units as major units with two decimals (1299 → "12.99"); the shop's currency is the supplier's to know. */
function money(minor: number): string {
  return (minor / 100).toFixed(2);
}
