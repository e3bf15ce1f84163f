import type { OrderStatus } from '../domain/types.js';
import { orderView, type OrderView } from './order-view.js';
import { parseInstant } from './instant.js';
import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, isRowId, pageOf, type Page } from './pagination.js';
import type { Store } from './ports.js';
import { resolveItem, resolveLocation } from './resolve.js';
import { asFilter, ok, type Result } from './result.js';
import { checkOneOf, checkSku, checkText, firstFailure } from './validate.js';

export const ORDER_STATUSES: readonly OrderStatus[] = ['open', 'backordered', 'partially_shipped', 'shipped', 'cancelled', 'rejected'];

export interface OrderQuery {
  /** Orders of this status; `backordered` is every order with units waiting, partially shipped ones too. */
  readonly status?: string | undefined;
  /** Orders with a line of this item. */
  readonly sku?: string | undefined;
  /** Orders with units allocated at this location now: what it has to pick and ship. */
  readonly location?: string | undefined;
  /** The order placed under this reference of the shop's (a rejected one too). */
  readonly externalId?: string | undefined;
  /** Orders of this customer e-mail address, in any case. */
  readonly customerEmail?: string | undefined;
  readonly customerId?: string | undefined;
  /** Orders changed at or after this date or ISO-8601 time: how an integration polls for changes. */
  readonly updatedSince?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * Orders, newest first, optionally by status, item, a location holding units for them (its pick
 * list), the shop's reference, the customer or the time of their last change (every change of an
 * order or its lines moves its updatedAt).
 */
export async function listOrders(store: Store, query: OrderQuery): Promise<Result<Page<OrderView>>> {
  const updatedSince = parseInstant('updatedSince', query.updatedSince);
  const failure = firstFailure(
    checkLimit(query.limit),
    query.status !== undefined ? checkOneOf('status', query.status, ORDER_STATUSES) : null,
    query.sku !== undefined ? checkSku('sku', query.sku) : null,
    query.location !== undefined ? checkSku('location', query.location) : null,
    query.externalId !== undefined ? checkText('externalId', query.externalId, { max: 128, multiline: true }) : null,
    query.customerEmail !== undefined ? checkText('customerEmail', query.customerEmail, { max: 320, multiline: true }) : null,
    query.customerId !== undefined ? checkText('customerId', query.customerId, { max: 128, multiline: true }) : null,
    updatedSince.ok ? null : updatedSince,
  );
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return store.snapshot(async (tx) => {
    const item = query.sku !== undefined ? await resolveItem(tx, query.sku) : undefined;
    if (item && !item.ok) return asFilter(item);
    const location = query.location !== undefined ? await resolveLocation(tx, query.location) : undefined;
    if (location && !location.ok) return asFilter(location);
    // Backordered means every order with units waiting, a partially shipped one too (see WAITING_STATUSES).
    const waiting = query.status === 'backordered';
    const orders = await tx.listOrders({
      ...(waiting ? { waiting } : { status: query.status }), sku: query.sku, locationId: location?.value.id, externalId: query.externalId, customerEmail: query.customerEmail?.trim(), customerId: query.customerId,
      updatedSince: updatedSince.ok ? updatedSince.value : undefined, afterId: cursor.value, limit: limit + 1,
    });
    return ok(pageOf(orders, limit, orderView, (o) => o.id));
  });
}
