import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, isRowId, pageOf, type Page } from '../pagination.js';
import type { Store } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { asFilter, fail, ok, type Result } from '../result.js';
import { checkOneOf, checkSku, firstFailure } from '../validate.js';
import type { PurchaseOrderFilter, PurchaseOrderStatus } from './ports.js';
import { purchaseOrderAnswer, purchaseOrderAnswers } from './supplier-terms.js';
import type { PurchaseOrderView } from './purchase-order-view.js';
import { resolveSupplier } from './resolve-supplier.js';

export const PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['draft', 'ordered', 'partially_received', 'received', 'cancelled'];

/** `status=open`: every purchase order not yet closed (drafts to send, and orders with units to come). */
export const OPEN_PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['draft', 'ordered', 'partially_received'];
export const PURCHASE_ORDER_STATUS_FILTERS = [...PURCHASE_ORDER_STATUSES, 'open'] as const;
export interface PurchaseOrderQuery {
  readonly status?: string | undefined;
  readonly supplier?: string | undefined;
  readonly sku?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/**
 * Purchase orders newest first, filtered by status (or `open`: draft, ordered, partially received),
 * supplier or sku, a page at a time; each with its lines' supplier-terms warnings, as when read alone.
 */
export async function listPurchaseOrders(store: Store, query: PurchaseOrderQuery = {}): Promise<Result<Page<PurchaseOrderView>>> {
  const failure = firstFailure(
    checkLimit(query.limit),
    query.status !== undefined ? checkOneOf('status', query.status, PURCHASE_ORDER_STATUS_FILTERS) : null,
    query.supplier !== undefined ? checkSku('supplier', query.supplier) : null,
    query.sku !== undefined ? checkSku('sku', query.sku) : null,
  );
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, isRowId);
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  return store.read(async (tx) => {
    let filter: PurchaseOrderFilter = { limit: limit + 1 };
    if (query.status !== undefined) {
      filter = { ...filter, statuses: query.status === 'open' ? OPEN_PURCHASE_ORDER_STATUSES : [query.status as PurchaseOrderStatus] };
    }
    if (cursor.value !== undefined) filter = { ...filter, beforeId: cursor.value };
    if (query.supplier !== undefined) {
      const supplier = await resolveSupplier(tx, query.supplier);
      if (!supplier.ok) return asFilter(supplier);
      filter = { ...filter, supplierId: supplier.value.id };
    }
    if (query.sku !== undefined) {
      const item = await resolveItem(tx, query.sku);
      if (!item.ok) return asFilter(item);
      filter = { ...filter, itemId: item.value.id };
    }
    const page = pageOf(await tx.purchasing.listPurchaseOrders(filter), limit, (o) => o, (o) => o.id);
    return ok({ ...page, items: await purchaseOrderAnswers(tx, page.items) });
  });
}

/** One purchase order with its lines and receipts. */
export async function getPurchaseOrder(store: Store, poId: number): Promise<Result<PurchaseOrderView>> {
  return store.snapshot(async (tx) => {
    const order = await tx.purchasing.findPurchaseOrder(poId);
    if (!order) return fail('NOT_FOUND', `no purchase order with id ${poId}`, { field: 'id' });
    return ok(await purchaseOrderAnswer(tx, order, await tx.purchasing.receiptsOf(poId)));
  });
}
