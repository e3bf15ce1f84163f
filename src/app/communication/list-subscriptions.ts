import { checkLimit, DEFAULT_PAGE_SIZE, decodeCursor, isRowId, pageOf, type Page } from '../pagination.js';
import type { Store } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { asFilter, ok, type Result } from '../result.js';
import { checkOneOf, checkSku } from '../validate.js';
import type { Subscription } from './ports.js';

export interface SubscriptionQuery {
  readonly sku?: string | undefined;
  readonly status?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/** A subscription as staff see it. */
export type SubscriptionView = Omit<Subscription, 'itemId'>;

const STATUSES: readonly Subscription['status'][] = ['active', 'notified', 'unsubscribed'];

/** Back-in-stock subscriptions newest first, of one item and/or in one status: the demand nobody could buy. */
export async function listSubscriptions(store: Store, query: SubscriptionQuery): Promise<Result<Page<SubscriptionView>>> {
  const failure = checkLimit(query.limit)
    ?? (query.sku !== undefined ? checkSku('sku', query.sku) : null)
    ?? (query.status !== undefined ? checkOneOf('status', query.status, STATUSES) : null);
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return store.read(async (tx) => {
    const item = query.sku !== undefined ? await resolveItem(tx, query.sku) : null;
    if (item && !item.ok) return asFilter(item);
    const rows = await tx.communication.listSubscriptions({
      limit: limit + 1,
      ...(item ? { itemId: item.value.id } : {}),
      ...(query.status !== undefined ? { status: query.status as Subscription['status'] } : {}),
      ...(cursor.value !== undefined ? { beforeId: cursor.value } : {}),
    });
    return ok(pageOf(rows, limit, subscriptionView, (s) => s.id));
  });
}

/** Drops the internal item id. */
export function subscriptionView(subscription: Subscription): SubscriptionView {
  const { itemId: _itemId, ...view } = subscription;
  return view;
}
