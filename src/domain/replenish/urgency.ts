import type { StockPosition } from './inventory-position.js';

export interface Urgency {
  /**
   * Days until free stock (onHand − allocated − backordered) runs out at the mean daily
   * demand; 0 when it already has and customers are waiting, or when it has and demand is
   * forecast; `null` when no demand is forecast and nobody waits, or when the stock would last
   * beyond STOCKOUT_HORIZON_DAYS (a forecast of a few units a century has no date). Incoming units are left out
   * because their arrival dates are not known here.
   */
  readonly daysUntilStockout: number | null;
  /** True when the stockout comes before an order placed today could arrive. */
  readonly stockoutWithinLeadTime: boolean;
}

/**
 * Stock lasting longer than this (a century) has no stockout in sight: days that far out say
 * nothing, and past about 270,000 years they no longer make a calendar date at all.
 */
export const STOCKOUT_HORIZON_DAYS = 36_500;

/**
 * How soon an item runs dry at forecast demand; days are ≥ 0 and fractional. Customers already
 * waiting with no free stock make an item as urgent as it gets, whatever the forecast says.
 */
export function urgency(stock: StockPosition, meanDemandPerDay: number, leadTimeDays: number): Urgency {
  const free = Math.max(0, stock.onHand - stock.allocated - stock.backordered);
  if (free === 0 && stock.backordered > 0) return { daysUntilStockout: 0, stockoutWithinLeadTime: true };
  if (meanDemandPerDay <= 0) return { daysUntilStockout: null, stockoutWithinLeadTime: false };
  const daysUntilStockout = free / meanDemandPerDay;
  if (daysUntilStockout > STOCKOUT_HORIZON_DAYS) return { daysUntilStockout: null, stockoutWithinLeadTime: false };
  return { daysUntilStockout, stockoutWithinLeadTime: daysUntilStockout === 0 || daysUntilStockout < leadTimeDays };
}
