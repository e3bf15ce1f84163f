import type { StoredEvent } from '../ports.js';

/**
 * The public shape of an event in webhook bodies. (The pull feed, `GET /events`, lists the stored
 * events with their `seq`, `subjectType`, `subjectId` and `payload`: the same facts, the feed's
 * own fields.)
 */
export interface EventEnvelope {
  /** The event's sequence number as a string: stable across retries, for de-duplication. */
  readonly id: string;
  readonly type: string;
  readonly subject: { readonly type: string; readonly id: string };
  readonly createdAt: string;
  readonly data: unknown;
}

/** Wraps a stored event in its public envelope. */
export function eventEnvelope(event: StoredEvent): EventEnvelope {
  return {
    id: String(event.seq),
    type: event.type,
    subject: { type: event.subjectType, id: event.subjectId },
    createdAt: event.createdAt,
    data: event.payload,
  };
}
