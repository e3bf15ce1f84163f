import { summarizeItems, type ItemSummary } from './item-summary.js';
import type { Store } from './ports.js';
import { resolveItem } from './resolve.js';
import { ok, type Result } from './result.js';
import { checkSku } from './validate.js';

/** One item with its stock figures and status, or NOT_FOUND. */
export async function getItem(store: Store, sku: string): Promise<Result<ItemSummary>> {
  const failure = checkSku('sku', sku);
  if (failure) return failure;
  return store.snapshot(async (tx) => {
    const item = await resolveItem(tx, sku);
    if (!item.ok) return item;
    const [summary] = await summarizeItems(tx, [item.value]);
    return ok(summary as ItemSummary);
  });
}
