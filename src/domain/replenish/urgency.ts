import type { StockPosition } from './inventory-position.js';

export interface Urgency {
  /**
   * Days until free stock (onHand − allocated − backordered) runs out at the mean daily
   * demand; 0 when it already has; `null` when no demand is forecast. Incoming units are
   * left out because their arrival dates are not known here.
   */
  readonly daysUntilStockout: number | null;
  /** True when the stockout comes before an order placed today could arrive. */
  readonly stockoutWithinLeadTime: boolean;
}

/** How soon an item runs dry at forecast demand; days are ≥ 0 and fractional. */
export function urgency(stock: StockPosition, meanDemandPerDay: number, leadTimeDays: number): Urgency {
  const free = Math.max(0, stock.onHand - stock.allocated - stock.backordered);
  if (meanDemandPerDay <= 0) return { daysUntilStockout: null, stockoutWithinLeadTime: false };
  const daysUntilStockout = free / meanDemandPerDay;
  return { daysUntilStockout, stockoutWithinLeadTime: daysUntilStockout < leadTimeDays };
}
