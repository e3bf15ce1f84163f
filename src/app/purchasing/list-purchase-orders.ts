import type { Store } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { fail, ok, type Result } from '../result.js';
import { checkInteger, checkOneOf, checkSku, firstFailure } from '../validate.js';
import type { PurchaseOrderFilter, PurchaseOrderStatus } from './ports.js';
import { purchaseOrderView, type PurchaseOrderView } from './purchase-order-view.js';
import { resolveSupplier } from './resolve-supplier.js';

export const PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['draft', 'ordered', 'partially_received', 'received', 'cancelled'];
export const MAX_PAGE = 200;

export interface PurchaseOrderQuery {
  readonly status?: string;
  readonly supplier?: string;
  readonly sku?: string;
  /** Orders older than this id: pages run newest first. */
  readonly before?: number;
  readonly limit?: number;
}

/** Purchase orders newest first, filtered by status, supplier or sku. */
export async function listPurchaseOrders(store: Store, query: PurchaseOrderQuery = {}): Promise<Result<PurchaseOrderView[]>> {
  const failure = firstFailure(
    query.status !== undefined ? checkOneOf('status', query.status, PURCHASE_ORDER_STATUSES) : null,
    query.supplier !== undefined ? checkSku('supplier', query.supplier) : null,
    query.sku !== undefined ? checkSku('sku', query.sku) : null,
    query.before !== undefined ? checkInteger('before', query.before, 1, Number.MAX_SAFE_INTEGER) : null,
    query.limit !== undefined ? checkInteger('limit', query.limit, 1, MAX_PAGE) : null,
  );
  if (failure) return failure;
  return store.read(async (tx) => {
    let filter: PurchaseOrderFilter = { limit: query.limit ?? 50 };
    if (query.status !== undefined) filter = { ...filter, status: query.status as PurchaseOrderStatus };
    if (query.before !== undefined) filter = { ...filter, beforeId: query.before };
    if (query.supplier !== undefined) {
      const supplier = await resolveSupplier(tx, query.supplier);
      if (!supplier.ok) return supplier;
      filter = { ...filter, supplierId: supplier.value.id };
    }
    if (query.sku !== undefined) {
      const item = await resolveItem(tx, query.sku);
      if (!item.ok) return item;
      filter = { ...filter, itemId: item.value.id };
    }
    return ok((await tx.purchasing.listPurchaseOrders(filter)).map((o) => purchaseOrderView(o)));
  });
}

/** One purchase order with its lines and receipts. */
export async function getPurchaseOrder(store: Store, poId: number): Promise<Result<PurchaseOrderView>> {
  return store.read(async (tx) => {
    const order = await tx.purchasing.findPurchaseOrder(poId);
    if (!order) return fail('NOT_FOUND', `no purchase order with id ${poId}`, { field: 'id' });
    return ok(purchaseOrderView(order, await tx.purchasing.receiptsOf(poId)));
  });
}
