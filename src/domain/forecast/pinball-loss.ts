/**
 * Pinball (quantile) loss of predicting `quantile` at `level` when `actual` happened:
 * level·(y − q) above the quantile, (1 − level)·(q − y) at or below it; always ≥ 0.
 */
export function pinballLoss(actual: number, quantile: number, level: number): number {
  const diff = actual - quantile;
  return diff >= 0 ? level * diff : (level - 1) * diff;
}
