import { allPages } from './export-pages.js';
import { listOrders } from './list-orders.js';
import { MAX_PAGE_SIZE } from './pagination.js';
import type { Store } from './ports.js';
import type { Result } from './result.js';

/**
 * Columns of an orders CSV: one row per order line, the order's fields repeated on each. Every
 * order is there, superseded rejections too (supersededBy names the later attempt that counts).
 */
export const ORDER_COLUMNS = [
  'orderId', 'externalId', 'status', 'priority', 'shortage', 'placedAt', 'customerId', 'customerEmail', 'customerName',
  'lineId', 'sku', 'quantity', 'allocated', 'backordered', 'shipped', 'cancelled', 'eta', 'etaEstimated',
  // Last, so a reader of the columns as they were finds them where they were.
  'supersededBy',
] as const;

export type OrderRow = Record<(typeof ORDER_COLUMNS)[number], string | number | boolean | null>;

/** Every order line, newest order first, optionally only orders of one status or with one sku. */
export function exportOrders(store: Store, filter: { readonly status?: string | undefined; readonly sku?: string | undefined } = {}): Promise<Result<AsyncIterable<OrderRow>>> {
  return allPages(
    (cursor) => listOrders(store, { ...filter, cursor, limit: MAX_PAGE_SIZE }),
    (order) => order.lines.map((line) => ({
      orderId: order.id,
      externalId: order.externalId,
      status: order.status,
      priority: order.priority,
      shortage: order.shortage,
      placedAt: order.placedAt,
      customerId: order.customer.id,
      customerEmail: order.customer.email,
      customerName: order.customer.name,
      lineId: line.id,
      sku: line.sku,
      quantity: line.quantity,
      allocated: line.allocated,
      backordered: line.backordered,
      shipped: line.shipped,
      cancelled: line.cancelled,
      eta: line.eta,
      etaEstimated: line.etaEstimated,
      supersededBy: order.supersededBy,
    })),
  );
}
