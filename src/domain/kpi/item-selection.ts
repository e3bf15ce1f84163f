/**
 * The orders a report's per-item breakdown can come in. `sku`: by sku. `-unitsRequested`: the most
 * asked-for first. `unitFillRate`: the lowest fill rate first, items without demand last.
 * `daysOfSupply`: the stock that runs out soonest first (the fewest days of supply above zero),
 * items with nothing on hand or no demand last. Ties go by sku, so pages never overlap.
 */
export const ITEM_SORTS = ['sku', '-unitsRequested', 'unitFillRate', 'daysOfSupply'] as const;
export type ItemSort = (typeof ITEM_SORTS)[number];

/** Which items of a report get their own row: a page of them in one order (limit null: all; 0: none). */
export interface ItemSelection {
  readonly sort: ItemSort;
  readonly offset: number;
  readonly limit: number | null;
}

/** Every item, by sku: the breakdown as it always was. */
export const EVERY_ITEM: ItemSelection = { sort: 'sku', offset: 0, limit: null };

/**
 * The page `selection` asks for of `items`, ordered by `keyOf` (ascending, null last), ties by sku.
 * Keys are taken once per item, so a costly key is not recomputed by the sort's comparisons.
 */
export function selectItems<T extends { readonly sku: string }>(items: readonly T[], selection: ItemSelection, keyOf: (item: T) => number | null): T[] {
  if (selection.limit === 0) return [];
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => {
    if (a.key !== b.key) {
      if (a.key === null) return 1;
      if (b.key === null) return -1;
      return a.key - b.key;
    }
    return a.item.sku < b.item.sku ? -1 : a.item.sku > b.item.sku ? 1 : 0;
  });
  const end = selection.limit === null ? undefined : selection.offset + selection.limit;
  return keyed.slice(selection.offset, end).map((k) => k.item);
}
