import { applyTakes, networkAvailable, planAllocation, type LocationTake } from './allocation.js';
import { backorderHeadroom } from './availability.js';
import type { Item, LocatedStock, ShortageMode } from './types.js';

export interface RequestedLine {
  readonly sku: string;
  readonly quantity: number;
}

/** What placement knows about one item, read under the item's lock. */
export interface ItemState {
  readonly item: Item;
  readonly stocks: readonly LocatedStock[];
}

export interface PlannedLine {
  readonly sku: string;
  readonly itemId: number;
  readonly quantity: number;
  readonly takes: readonly LocationTake[];
  readonly backordered: number;
  /** Units cut at once because they could be neither allocated nor backordered (`partial` mode). */
  readonly cancelled: number;
}

export interface ShortLine {
  readonly sku: string;
  readonly requested: number;
  readonly available: number;
  readonly backorderable: number | null;
}

export type PlacementPlan =
  | { readonly ok: true; readonly lines: readonly PlannedLine[] }
  | { readonly ok: false; readonly code: 'OUT_OF_STOCK'; readonly lines: readonly ShortLine[] };

/**
 * Decides, for every line of a new order, what is allocated where, what is backordered and what
 * is cut (SPEC §3). Lines of the same sku draw on the same stock and the same backorder headroom,
 * so a plan never allocates more than is available nor backorders past an item's limit.
 */
export function planPlacement(
  lines: readonly RequestedLine[],
  states: ReadonlyMap<string, ItemState>,
  shortage: ShortageMode,
): PlacementPlan {
  const stocks = new Map<string, readonly LocatedStock[]>();
  const headroom = new Map<string, number | null>();
  const planned: PlannedLine[] = [];
  let short = false;
  for (const line of lines) {
    const state = states.get(line.sku);
    if (!state) throw new Error(`planPlacement: no state for ${line.sku}`);
    const current = stocks.get(line.sku) ?? state.stocks;
    const allocation = planAllocation(line.quantity, current);
    stocks.set(line.sku, applyTakes(current, allocation.takes));
    const room = headroom.has(line.sku) ? (headroom.get(line.sku) ?? null) : backorderHeadroom(state.item);
    const backordered =
      shortage === 'in_stock_only' ? 0 : room === null ? allocation.remaining : Math.min(room, allocation.remaining);
    headroom.set(line.sku, room === null ? null : room - backordered);
    const cancelled = allocation.remaining - backordered;
    if (cancelled > 0) short = true;
    planned.push({ sku: line.sku, itemId: state.item.id, quantity: line.quantity, takes: allocation.takes, backordered, cancelled });
  }
  if (short && shortage !== 'partial') {
    return { ok: false, code: 'OUT_OF_STOCK', lines: shortLines(lines, states, shortage) };
  }
  return { ok: true, lines: planned };
}

function shortLines(
  lines: readonly RequestedLine[],
  states: ReadonlyMap<string, ItemState>,
  shortage: ShortageMode,
): ShortLine[] {
  return lines.map((line) => {
    const state = states.get(line.sku) as ItemState;
    return {
      sku: line.sku,
      requested: line.quantity,
      available: networkAvailable(state.stocks),
      backorderable: shortage === 'in_stock_only' ? 0 : backorderHeadroom(state.item),
    };
  });
}
