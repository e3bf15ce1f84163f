import { html } from './html.js';
import { renderEmail, type RenderedEmail } from './rendered-email.js';

export interface StaffAlert {
  readonly shopName: string;
  readonly headline: string;
  readonly facts: readonly (readonly [string, string])[];
}

/** A short operational alert to the staff addresses: a headline and a table of facts. */
export function staffAlert(data: StaffAlert): RenderedEmail {
  return renderEmail({
    shopName: data.shopName,
    subject: `[${data.shopName}] ${data.headline}`,
    greeting: null,
    paragraphs: [data.headline, data.facts.map(([k, v]) => `${k}: ${v}`).join('\n')],
    body: html`<p><strong>${data.headline}</strong></p>
<table>${data.facts.map(([k, v]) => html`<tr><th align="left">${k}</th><td>${v}</td></tr>`)}</table>`,
  });
}
