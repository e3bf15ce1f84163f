import { readSettledEvents } from './communication/read-settled-events.js';
import type { StoredEvent, Store } from './ports.js';
import { ok, type Result } from './result.js';
import { checkInteger, firstFailure } from './validate.js';

export interface EventFeedQuery {
  /** Sequence number of the last event already seen (0 for the beginning). */
  readonly after?: number | undefined;
  readonly limit?: number | undefined;
}

export interface EventFeed {
  readonly items: readonly StoredEvent[];
  /** What to pass as `after` next time: the last sequence number returned, or `after` again. */
  readonly nextAfter: number;
}

export const MAX_EVENTS_PER_PULL = 1000;
const MAX_SEQ = 2_147_483_647;

/** The pull feed of SPEC §6: events in commit order after a sequence number. */
export async function listEvents(store: Store, query: EventFeedQuery): Promise<Result<EventFeed>> {
  const failure = firstFailure(
    query.after !== undefined ? checkInteger('after', query.after, 0, MAX_SEQ) : null,
    query.limit !== undefined ? checkInteger('limit', query.limit, 1, MAX_EVENTS_PER_PULL) : null,
  );
  if (failure) return failure;
  const after = query.after ?? 0;
  // Never past a sequence hole a still-running transaction may fill (PostgreSQL): a reader
  // paging by `after` would otherwise skip that event for good.
  const items = await store.read((tx) => readSettledEvents(tx, after, query.limit ?? 100));
  return ok({ items, nextAfter: items[items.length - 1]?.seq ?? after });
}
