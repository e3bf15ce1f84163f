import type { StoredEvent } from '../ports.js';

/** The public shape of an event, the same in webhook bodies and in the pull feed. */
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
