import type { OrderRecord, Store, StoredEvent } from '../app/ports.js';
import { deliverySubject, EMAIL_TARGET } from './routing.js';

/** A line's promise date as a `backorder.eta_changed` event moved it. */
export interface DateChange {
  readonly lineId?: number;
  readonly eta?: string | null;
}

/**
 * A moved date's mail: whether a date was mailed for the line before and, if so, the one it says
 * the new one replaces (null: no date, as withdrawn); or why it is not sent.
 */
export type MovedDateNews =
  | { readonly sent: true; readonly toldBefore: true; readonly previousEta: string | null }
  | { readonly sent: true; readonly toldBefore: false }
  | { readonly sent: false; readonly note: string };

/**
 * Whether a moved promise date is news to its customer when its mail goes out, and "instead of"
 * which date. A mail that waited (SMTP down, or behind others) is judged by what is true now and
 * by what the customer was last actually mailed, not by its event alone, so a backlog brings at
 * most one date mail per line, with the latest date. Not sent: when the line no longer waits (the
 * allocation or cancellation mail tells what happened); when a later change of the same line is
 * waiting to be mailed too (the note names the next; the last of them tells the latest date), or
 * the line's date is another by now; or when the date is the one last mailed (it moved and moved
 * back, or a confirmation that went out late showed it already). Sent, it says "instead of" the
 * date last mailed for the line, since the event's previous date may be one the customer never
 * heard; when no date was ever mailed for the line (its confirmation was not sent), it compares the
 * date to none, for then no earlier date, the event's own previous one included, was heard.
 */
export async function movedDateNews(store: Store, event: StoredEvent, change: DateChange, order: OrderRecord): Promise<MovedDateNews> {
  const line = order.lines.find((l) => l.id === change.lineId);
  if (!line || line.backordered === 0) return { sent: false, note: 'not sent: the line no longer waits (filled or cancelled since)' };
  const { next, mailed } = await store.read(async (tx) => ({
    // Only whether one follows, not all that do: asked once per mail of a backlog, reading them all made it quadratic.
    next: await tx.communication.nextPendingLineEvent(EMAIL_TARGET, deliverySubject(event), event.type, line.id, event.seq),
    mailed: await tx.communication.lastDateMailed(line.id),
  }));
  if (next) return { sent: false, note: `not sent: superseded by the line's date change of ${next.createdAt} (event ${next.seq})` };
  const eta = change.eta ?? null;
  // A change mailed after a later one (a dead letter replayed) names a date that no longer holds.
  if (line.eta !== eta) return { sent: false, note: `not sent: the line's date has moved since (now ${line.eta ?? 'no date'})` };
  if (mailed && mailed.eta === eta) return { sent: false, note: `not sent: the customer was last mailed this same date (${eta ?? 'no date'})` };
  return mailed ? { sent: true, toldBefore: true, previousEta: mailed.eta } : { sent: true, toldBefore: false };
}
