/** A stretch of time in which an item had no available units (`end` null while it lasts). */
export interface StockoutInterval {
  readonly start: string;
  readonly end: string | null;
  /** The stretch before an item first had stock: measured, but not counted as a stockout. */
  readonly initial: boolean;
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
 * Summarises an item's stockouts over [from, until) (SPEC §8): how many began in the period,
 * how long nothing was available (each stretch clipped to the period, so periods add up), and
 * the share of the period the item was in stock.
 */
export function summariseStockouts(intervals: readonly StockoutInterval[], from: string, until: string): StockoutSummary {
  const start = Date.parse(from);
  const end = Date.parse(until);
  const length = Math.max(0, end - start);
  let count = 0;
  let durationMs = 0;
  for (const interval of intervals) {
    const began = Date.parse(interval.start);
    const ended = interval.end === null ? end : Date.parse(interval.end);
    durationMs += Math.max(0, Math.min(ended, end) - Math.max(began, start));
    if (!interval.initial && began >= start && began < end) count += 1;
  }
  durationMs = Math.min(durationMs, length);
  return { count, durationMs, inStockRate: length === 0 ? 1 : 1 - durationMs / length };
}
