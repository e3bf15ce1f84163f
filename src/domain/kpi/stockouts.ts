/** An item's available units right after a change (all of one transaction's movements). */
export interface AvailableLevel {
  readonly at: string;
  readonly available: number;
}

export interface StockoutSummary {
  /** Stockouts that began inside the period. */
  readonly count: number;
  /** Milliseconds inside the period with nothing available. */
  readonly durationMs: number;
  /** Share of the period with `available > 0` (1 when the period is empty). */
  readonly inStockRate: number;
}

/**
 * Walks an item's available units through time (SPEC §8): a stockout is a stretch with
 * `available ≤ 0`. Levels must be in time order; `startAvailable` is the figure at `from`. Only
 * the levels where the item crosses zero matter, so a caller may pass just those. Durations are
 * clipped to [from, until), so periods add up.
 */
export function summariseStockouts(startAvailable: number, levels: readonly AvailableLevel[], from: string, until: string): StockoutSummary {
  const start = Date.parse(from);
  const end = Date.parse(until);
  const length = Math.max(0, end - start);
  let available = startAvailable;
  let outSince: number | null = available <= 0 ? start : null;
  let count = 0;
  let durationMs = 0;
  for (const level of levels) {
    const at = Math.min(Math.max(Date.parse(level.at), start), end);
    const next = level.available;
    if (available > 0 && next <= 0) {
      outSince = at;
      if (at < end) count += 1;
    } else if (available <= 0 && next > 0 && outSince !== null) {
      durationMs += at - outSince;
      outSince = null;
    }
    available = next;
  }
  if (outSince !== null) durationMs += end - outSince;
  return { count, durationMs, inStockRate: length === 0 ? 1 : 1 - durationMs / length };
}
