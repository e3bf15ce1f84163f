import { html } from './html.js';
import { formatDate, greetingFor, renderEmail, type RenderedEmail } from './rendered-email.js';

export interface EtaChanged {
  readonly shopName: string;
  readonly customerName: string | null;
  readonly orderRef: string;
  readonly sku: string;
  readonly name: string;
  readonly backordered: number;
  /**
   * Whether a date (or that there was none) was mailed for the line before. false: this mail is
   * the first to tell one (the confirmation was never sent), so it compares the date to none.
   */
  readonly toldBefore: boolean;
  /** The date last mailed; null: the line had no date (it was withdrawn) and has one again, or toldBefore is false. */
  readonly previousEta: string | null;
  /** null: there is no date any more (no new stock of the item is planned). */
  readonly eta: string | null;
  readonly estimated: boolean;
}

/**
 * Tells a customer that a backordered line's promise date moved, later or earlier, that there is
 * none any more, or that there is one again; or, when no date was mailed for the line before, what
 * the date is, without a "later" or "instead of" that would refer to a date the customer never heard.
 */
export function etaChanged(data: EtaChanged): RenderedEmail {
  const { eta, previousEta, toldBefore } = data;
  if (eta === null) return dateWithdrawn(data, previousEta);
  const what = `${data.backordered} × ${data.name} (${data.sku}) on backorder for order ${data.orderRef}`;
  const when = `${formatDate(eta)}${data.estimated ? ' (estimate)' : ''}`;
  if (!toldBefore) {
    return mail(data, `Order ${data.orderRef}: ${data.name} expected by ${formatDate(eta)}`, [
      `The ${what} is expected to ship by ${when}.`,
    ]);
  }
  if (previousEta === null) {
    return mail(data, `Good news: order ${data.orderRef}: ${data.name} expected by ${formatDate(eta)}`, [
      `We can give a date again for the ${what}: it is now expected to ship by ${when}.`,
    ]);
  }
  return eta > previousEta
    ? mail(data, `Order ${data.orderRef}: ${data.name} now expected by ${formatDate(eta)}`, [
      `We are sorry: the ${what} will come later than we said. It is now expected to ship by ${when}, instead of ${formatDate(previousEta)}.`,
    ])
    : mail(data, `Good news: order ${data.orderRef}: ${data.name} expected earlier, by ${formatDate(eta)}`, [
      `The ${what} will come sooner than we said. It is now expected to ship by ${when}, instead of ${formatDate(previousEta)}.`,
    ]);
}

/**
 * The date a customer was given is withdrawn: the shop stopped restocking the item (discontinued)
 * and no purchase order covers their units. Said plainly, with what happens next, and with the
 * date withdrawn only when one was mailed (previousEta not null).
 */
function dateWithdrawn(data: EtaChanged, previousEta: string | null): RenderedEmail {
  const expected = previousEta === null ? '' : ` We had expected it by ${formatDate(previousEta)}.`;
  return mail(data, `Order ${data.orderRef}: no delivery date for ${data.name} any more`, [
    `We are sorry: we can no longer say when the ${data.backordered} × ${data.name} (${data.sku}) on backorder for order ${data.orderRef} will come, as no new stock of it is planned.${expected}`,
    'Your order keeps its place, and we will write as soon as it ships. If you would rather not wait, contact us to cancel it.',
  ]);
}

function mail(data: EtaChanged, subject: string, paragraphs: readonly string[]): RenderedEmail {
  return renderEmail({
    shopName: data.shopName,
    subject,
    greeting: greetingFor(data.customerName),
    paragraphs,
    body: html`${paragraphs.map((p) => html`<p>${p}</p>`)}`,
  });
}
