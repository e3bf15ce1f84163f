/** The stock figures a reorder decision nets against (whole units, all ≥ 0). */
export interface StockPosition {
  readonly onHand: number;
  readonly incoming: number;
  readonly allocated: number;
  readonly backordered: number;
}

/**
 * Inventory position = onHand + incoming − allocated − backordered: what will be free once
 * everything ordered arrives and every promise is kept. May be negative.
 */
export function inventoryPosition(stock: StockPosition): number {
  return stock.onHand + stock.incoming - stock.allocated - stock.backordered;
}
