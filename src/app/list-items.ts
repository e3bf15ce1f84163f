import type { AvailabilityStatus } from '../domain/types.js';
import { summarizeItems, type ItemSummary } from './item-summary.js';
import { checkLimit, decodeCursor, DEFAULT_PAGE_SIZE, encodeCursor, type Page } from './pagination.js';
import type { Store } from './ports.js';
import { invalid, ok, type Result } from './result.js';
import { checkOneOf, firstFailure, SKU_PATTERN } from './validate.js';

export const AVAILABILITY_STATUSES: readonly AvailabilityStatus[] = ['in_stock', 'low_stock', 'backorder', 'out_of_stock'];

export interface ItemQuery {
  /** Part of the sku or name, any case. */
  readonly search?: string | undefined;
  readonly status?: AvailabilityStatus | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

const SCAN_BATCH = 200;

/**
 * Items by sku with their stock figures, optionally narrowed by a search text and by status.
 * Status is derived (SPEC §2), not stored, so a status filter scans the catalogue in sku order
 * until the page is full; the cursor is the last sku shown.
 */
export async function listItems(store: Store, query: ItemQuery): Promise<Result<Page<ItemSummary>>> {
  const failure = firstFailure(
    checkLimit(query.limit),
    query.search !== undefined && query.search.length > 100 ? invalid('search', 'must be at most 100 characters') : null,
    query.status !== undefined ? checkOneOf('status', query.status, AVAILABILITY_STATUSES) : null,
  );
  if (failure) return failure;
  const cursor = decodeCursor(query.cursor, (v): v is string => typeof v === 'string' && SKU_PATTERN.test(v));
  if (!cursor.ok) return cursor;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const search = query.search?.trim() || undefined;
  const found: ItemSummary[] = [];
  let afterSku = cursor.value;
  for (;;) {
    const batchSize = query.status === undefined ? limit + 1 : Math.max(SCAN_BATCH, limit + 1);
    // Each batch's figures as of one moment (SQLite writers wait for it, so not the whole scan).
    const { batch, summaries } = await store.snapshot(async (tx) => {
      const items = await tx.listItems({ search, afterSku, limit: batchSize });
      return { batch: items, summaries: await summarizeItems(tx, items) };
    });
    found.push(...summaries.filter((s) => query.status === undefined || s.status === query.status));
    if (found.length > limit || batch.length < batchSize) break;
    afterSku = batch[batch.length - 1]?.sku;
  }
  const items = found.slice(0, limit);
  const last = items[items.length - 1];
  return ok({ items, nextCursor: found.length > limit && last ? encodeCursor(last.sku) : null });
}
