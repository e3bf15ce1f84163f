import { html } from './html.js';
import { renderEmail, type RenderedEmail } from './rendered-email.js';

export interface BackInStock {
  readonly shopName: string;
  readonly sku: string;
  readonly name: string;
  readonly unsubscribeUrl: string;
}

/** Tells a subscriber that the item they waited for can be ordered again. */
export function backInStock(data: BackInStock): RenderedEmail {
  const sentence = `${data.name} (${data.sku}) is back in stock. You asked us to tell you; stock is limited, so order soon if you still want it.`;
  return renderEmail({
    shopName: data.shopName,
    subject: `${data.name} is back in stock`,
    greeting: 'Hello,',
    paragraphs: [sentence],
    body: html`<p>${sentence}</p>`,
    footer: {
      text: `You received this because you asked to be told when ${data.name} is back. Unsubscribe: ${data.unsubscribeUrl}`,
      html: html`You received this because you asked to be told when ${data.name} is back. <a href="${data.unsubscribeUrl}">Unsubscribe</a>.`,
    },
  });
}
