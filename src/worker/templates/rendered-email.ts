import { html, type SafeHtml } from './html.js';

/** One e-mail ready for the transport: a subject, a plain-text part and an HTML part. */
export interface RenderedEmail {
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface EmailParts {
  readonly shopName: string;
  readonly subject: string;
  readonly greeting: string | null;
  /** Paragraphs of the text part. */
  readonly paragraphs: readonly string[];
  /** The same content as markup. */
  readonly body: SafeHtml;
  readonly footer?: { readonly text: string; readonly html: SafeHtml } | undefined;
}

/** Wraps a message in the shop's frame: its name as sender line, a greeting and a footer. */
export function renderEmail(parts: EmailParts): RenderedEmail {
  const text = [
    ...(parts.greeting ? [parts.greeting, ''] : []),
    ...parts.paragraphs.flatMap((p) => [p, '']),
    `— ${parts.shopName}`,
    ...(parts.footer ? ['', parts.footer.text] : []),
  ].join('\n');
  const markup = html`<!doctype html>
<html><head><meta charset="utf-8"><title>${parts.subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #222; max-width: 36em; margin: 0 auto; padding: 1em">
<p style="font-size: 1.2em; font-weight: bold">${parts.shopName}</p>
${parts.greeting ? html`<p>${parts.greeting}</p>` : ''}
${parts.body}
<p>— ${parts.shopName}</p>
${parts.footer ? html`<p style="font-size: 0.85em; color: #666">${parts.footer.html}</p>` : ''}
</body></html>`;
  return { subject: parts.subject, text, html: markup.value };
}

/** "12 March 2025" for an ISO date, read as a calendar day (no time zone shift). */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "Hello Ann," — or a plain "Hello," when the order names nobody. */
export function greetingFor(name: string | null | undefined): string {
  return name ? `Hello ${name},` : 'Hello,';
}
