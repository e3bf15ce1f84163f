import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyWebhook } from '../../../src/worker/webhook-signature.js';

export interface ReceivedRequest {
  readonly eventId: string;
  readonly type: string;
  readonly subject: string;
  readonly body: string;
  readonly headers: IncomingHttpHeaders;
  readonly signatureValid: boolean;
  /** The status the receiver answered with (0: it never answered). */
  readonly answered: number;
}

export interface ReceiverOptions {
  readonly secret: string;
  /** How many times to refuse an event (with 500) before accepting it; 0 by default. */
  readonly failuresFor?: (eventId: string) => number;
  /** Event ids to leave unanswered (a timeout) on their first try. */
  readonly hangOnce?: (eventId: string) => boolean;
  /** How long to take over each answer (a receiver doing work), in ms; 0 by default. */
  readonly answerAfterMs?: number;
}

export interface WebhookReceiver {
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: ReceivedRequest[];
  /** Ids acknowledged with 2xx, de-duplicated as a real receiver would by Restock-Event-Id. */
  readonly accepted: Set<string>;
  close(): Promise<void>;
}

/** A real HTTP server on loopback that checks signatures and records what it was sent. */
export async function startReceiver(options: ReceiverOptions): Promise<WebhookReceiver> {
  const requests: ReceivedRequest[] = [];
  const accepted = new Set<string>();
  const tries = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const eventId = String(req.headers['restock-event-id']);
      const parsed = JSON.parse(body) as { type: string; subject: { type: string; id: string } };
      const attempt = (tries.get(eventId) ?? 0) + 1;
      tries.set(eventId, attempt);
      const hang = attempt === 1 && options.hangOnce?.(eventId) === true;
      const answered = hang ? 0 : attempt <= (options.failuresFor?.(eventId) ?? 0) ? 500 : 204;
      const signatureValid = verifyWebhook(options.secret, { signature: String(req.headers['restock-signature']), timestamp: String(req.headers['restock-timestamp']) }, body);
      requests.push({ eventId, type: parsed.type, subject: `${parsed.subject.type}:${parsed.subject.id}`, body, headers: req.headers, signatureValid, answered });
      if (hang) return;
      if (answered === 204) accepted.add(eventId);
      res.statusCode = answered;
      if (options.answerAfterMs) setTimeout(() => res.end(), options.answerAfterMs);
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    accepted,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Checks order per subject: when a request for an event arrived, every earlier event of the same
 * subject had already been acknowledged. Returns the violations found.
 */
export function orderViolations(requests: readonly ReceivedRequest[]): string[] {
  const acknowledged = new Map<string, Set<number>>();
  const seen = new Map<string, Set<number>>();
  const violations: string[] = [];
  for (const r of requests) {
    const id = Number(r.eventId);
    const subjectSeen = seen.get(r.subject) ?? new Set<number>();
    const subjectAcked = acknowledged.get(r.subject) ?? new Set<number>();
    for (const earlier of subjectSeen) {
      if (earlier < id && !subjectAcked.has(earlier)) violations.push(`${r.subject}: event ${id} sent while ${earlier} was not acknowledged`);
    }
    subjectSeen.add(id);
    if (r.answered >= 200 && r.answered < 300) subjectAcked.add(id);
    seen.set(r.subject, subjectSeen);
    acknowledged.set(r.subject, subjectAcked);
  }
  return violations;
}
