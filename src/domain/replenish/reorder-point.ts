/** A reorder point and how it was reached: reorderPoint = mean lead-time demand + safetyStock. */
export interface ReorderPoint {
  /**
   * k in safetyStock = k·σ_L; `null` when it has no meaning: quantile-based points, or a
   * fill-rate target met without safety stock because demand has no variability.
   */
  readonly serviceFactor: number | null;
  readonly safetyStock: number;
  readonly reorderPoint: number;
}
