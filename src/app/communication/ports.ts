import type { StoredEvent } from '../ports.js';

/** A registered webhook receiver (SPEC §6). The secret is shown once, when the endpoint is created. */
export interface WebhookEndpoint {
  readonly id: number;
  readonly url: string;
  readonly secret: string;
  /** Event types it wants; `order.*` matches a family; empty means every type. */
  readonly eventTypes: readonly string[];
  readonly description: string | null;
  readonly active: boolean;
  /** Failed attempts since the last success; the endpoint is disabled when it grows too long. */
  readonly failureStreak: number;
  readonly disabledReason: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewWebhookEndpoint {
  readonly url: string;
  readonly secret: string;
  readonly eventTypes: readonly string[];
  readonly description: string | null;
}

export interface WebhookEndpointPatch {
  readonly url?: string;
  readonly secret?: string;
  readonly eventTypes?: readonly string[];
  readonly description?: string | null;
  readonly active?: boolean;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

/** One event on its way to one target: a webhook endpoint, the mailer, or the subscription notifier. */
export interface Delivery {
  readonly id: number;
  readonly target: string;
  readonly endpointId: number | null;
  readonly eventSeq: number;
  readonly eventType: string;
  readonly subject: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly nextAttemptAt: string;
  readonly lastError: string | null;
  readonly lastStatus: number | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly deliveredAt: string | null;
}

export interface NewDelivery {
  readonly target: string;
  readonly endpointId: number | null;
  readonly eventSeq: number;
  readonly eventType: string;
  readonly subject: string;
  /** Why it waits, shown where the last error goes (e.g. mail recorded while no SMTP server is configured). */
  readonly note?: string;
}

export interface DeliveryFilter {
  readonly endpointId?: number;
  readonly status?: DeliveryStatus;
  /** Keyset cursor: rows with a smaller id (newest first). */
  readonly beforeId?: number;
  readonly limit: number;
}

/** A claimed delivery with its event, ready to send. */
export interface ClaimedDelivery {
  readonly delivery: Delivery;
  readonly event: StoredEvent;
}

/** What happened to one attempt; written back in one transaction per batch. */
export type DeliveryOutcome =
  | { readonly id: number; readonly endpointId: number | null; readonly ok: true; readonly status: number | null; readonly note: string | null }
  | { readonly id: number; readonly endpointId: number | null; readonly ok: false; readonly status: number | null; readonly error: string; readonly retryAfterMs: number }
  | { readonly id: number; readonly endpointId: number | null; readonly released: true };

/**
 * The promise date a customer was mailed for one of their backordered lines, by a confirmation or
 * a date change; null when the mail said the line had no date (yet, or any more).
 */
export interface DateMailed {
  readonly lineId: number;
  readonly eta: string | null;
}

/**
 * The outbox fan-out position, and a hole in the sequence being waited out (PostgreSQL): holes up
 * to `horizon` are final once every transaction in `writers` has ended.
 */
export interface FanOutCursor {
  readonly lastSeq: number;
  readonly gap: { readonly horizon: number; readonly writers: readonly string[]; readonly seenAt: string } | null;
}

export interface Subscription {
  readonly id: number;
  readonly itemId: number;
  readonly sku: string;
  readonly email: string;
  readonly status: 'active' | 'notified' | 'unsubscribed';
  /** How many times the address asked (duplicates merge into one row). */
  readonly requests: number;
  readonly createdAt: string;
  readonly notifiedAt: string | null;
  readonly unsubscribedAt: string | null;
}

export interface SubscriptionFilter {
  readonly itemId?: number;
  readonly status?: Subscription['status'];
  /** Keyset cursor: rows with a smaller id. */
  readonly beforeId?: number;
  readonly limit: number;
}

/** The communication tables as one transaction (or read) sees them. */
export interface CommunicationRecords {
  /** True where writers commit in sequence order (SQLite): a hole in the event sequence is final at once. */
  readonly holesAreFinal: boolean;

  insertEndpoint(endpoint: NewWebhookEndpoint): Promise<WebhookEndpoint>;
  updateEndpoint(id: number, patch: WebhookEndpointPatch): Promise<void>;
  deleteEndpoint(id: number): Promise<void>;
  findEndpoint(id: number): Promise<WebhookEndpoint | null>;
  listEndpoints(): Promise<WebhookEndpoint[]>;
  /** Adds failed attempts to the streak (or resets it to the failures after a success); returns the new streak. */
  /**
   * Adds a batch's trailing failures to the endpoint's streak (after a reset when the batch also
   * had a success); answers the streak and when it began (null without one).
   */
  recordEndpointResults(id: number, failures: number, resetBeforeFailures: boolean): Promise<{ streak: number; failingSince: string | null }>;
  /** Turns an active endpoint off; false when it was already off. */
  disableEndpoint(id: number, reason: string): Promise<boolean>;

  /** Locks the fan-out cursor row (FOR UPDATE on PostgreSQL) and returns it. */
  lockFanOutCursor(): Promise<FanOutCursor>;
  saveFanOutCursor(cursor: FanOutCursor): Promise<void>;
  /**
   * Whether anything waits: events not yet fanned out, or deliveries due and not held (a cheap
   * read); deliveries to `skipTargets` (ones this worker cannot send) do not count.
   */
  hasWork(skipTargets?: readonly string[]): Promise<boolean>;
  /** The highest event seq the fan-out has passed (the pull feed's safe horizon). */
  fanOutPosition(): Promise<number>;
  /**
   * Other transactions that may have numbered an event and not ended yet (PostgreSQL: holders of a
   * write lock on `events`, which an INSERT takes before drawing its sequence number); null on SQLite.
   */
  eventWriters(): Promise<string[] | null>;
  /** Whether any of these transactions (from `eventWriters`) is still running. */
  anyRunning(transactions: readonly string[]): Promise<boolean>;
  /** Creates deliveries, ignoring any that already exist for the same target and event. */
  insertDeliveries(deliveries: readonly NewDelivery[]): Promise<void>;

  /**
   * Claims due work: the first pending delivery of up to `chains` (target, subject) chains that no
   * one else holds, plus up to `perChain - 1` deliveries queued behind each, leased for `leaseMs`.
   * Rows are locked with FOR UPDATE SKIP LOCKED on PostgreSQL, so workers in many processes never
   * claim the same chain.
   */
  /** Claims due chain heads and the due run behind each; deliveries to `skipTargets` are left for other workers. */
  claimDeliveries(workerId: string, chains: number, perChain: number, leaseMs: number, skipTargets?: readonly string[]): Promise<ClaimedDelivery[]>;
  /** Extends this worker's lease on deliveries it is still sending (a heartbeat while a chain runs). */
  renewLeases(workerId: string, ids: readonly number[], leaseMs: number): Promise<void>;
  /** Writes attempts back; a failure on its `maxAttempts`-th attempt becomes a dead letter. */
  recordOutcomes(outcomes: readonly DeliveryOutcome[], maxAttempts: number): Promise<void>;
  /**
   * Closes the pending deliveries to `target` of events that happened before `eventsBefore` (and
   * not held by a worker) as done without sending, with `note` saying why; returns how many. Their
   * age is the event's, as a worker with SMTP judges it: a mail fanned out late is as old as its news.
   */
  closeUnsent(target: string, eventsBefore: string, note: string): Promise<number>;
  /** Marks one delivery delivered (used where the handler's own transaction must include it). */
  markDelivered(id: number, note: string | null): Promise<void>;
  findDelivery(id: number): Promise<Delivery | null>;
  /** The deliveries with these ids that exist, in no particular order. */
  findDeliveries(ids: readonly number[]): Promise<Delivery[]>;
  listDeliveries(filter: DeliveryFilter): Promise<Delivery[]>;
  /** Puts dead deliveries back to pending with a fresh attempt count; returns how many. */
  replayDeliveries(ids: readonly number[]): Promise<number>;
  /** Ids of dead deliveries (of one endpoint, or all), oldest first. */
  deadDeliveryIds(endpointId: number | null, limit: number): Promise<number[]>;
  countDeliveries(status: DeliveryStatus): Promise<number>;
  /**
   * The first event after event `afterSeq`, of type `eventType` and about order line `lineId`
   * (its payload's `lineId`), among one chain's pending deliveries (to `target`, of `subject`); null
   * when none waits: whether news of the line will follow the one being sent. Reads the chain's
   * pending range from `afterSeq` up to that event only, not every later delivery of the chain: a
   * backlog of one line's changes cost a read of the whole rest of the backlog per mail.
   */
  nextPendingLineEvent(target: string, subject: string, eventType: string, lineId: number, afterSeq: number): Promise<StoredEvent | null>;

  /** The date last mailed for a line, or null when none was. */
  lastDateMailed(lineId: number): Promise<DateMailed | null>;
  /** Records the dates a mail just sent told, each replacing what its line was mailed before. */
  recordDatesMailed(dates: readonly DateMailed[]): Promise<void>;

  findActiveSubscription(itemId: number, emailKey: string): Promise<Subscription | null>;
  insertSubscription(subscription: { itemId: number; sku: string; email: string; emailKey: string }): Promise<Subscription>;
  /** Counts one more request on an existing active subscription (a merged duplicate). */
  addSubscriptionRequest(id: number): Promise<void>;
  findSubscription(id: number): Promise<Subscription | null>;
  /** Subscriptions newest first, of one item and/or in one status. */
  listSubscriptions(filter: SubscriptionFilter): Promise<Subscription[]>;
  /** Active subscriptions of an item, first come first served. */
  waitingSubscriptions(itemId: number, limit: number | null): Promise<Subscription[]>;
  /** Which of these items have any active back-in-stock subscription: one read for a whole stock change. */
  itemsWithWaitingSubscribers(itemIds: readonly number[]): Promise<ReadonlySet<number>>;
  /**
   * Marks these subscriptions notified by the restock that happened at `restockAt`, those still
   * active only; returns the ids it marked (one ended meanwhile by its customer or staff is not).
   */
  markSubscriptionsNotified(ids: readonly number[], restockAt: string): Promise<number[]>;
  /** Subscribers of the item told by the restock that happened at `restockAt`. */
  countNotifiedFor(itemId: number, restockAt: string): Promise<number>;
  /**
   * Ends a subscription: one not ended yet, or with `onlyWaiting` only one still waiting (not yet
   * notified). Decided in the write itself, so a notice committed meanwhile is seen; says whether it ended it.
   */
  unsubscribe(id: number, onlyWaiting?: boolean): Promise<boolean>;
  /** A named server secret created by the migration (e.g. for unsubscribe links). */
  secret(name: string): Promise<string | null>;
}
