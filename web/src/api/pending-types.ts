/**
 * Shapes of routes that were not yet in the OpenAPI document when these pages were written,
 * mirroring the use cases' views in src/app; each moves to types.ts once `gen:api` sees it.
 */
/** One replenishment suggestion: the plan of SPEC §7 for an item, with its supplier. */
export interface Suggestion {
  readonly sku: string; readonly name?: string; readonly supplier: string | null;
  readonly suggestedQuantity: number; readonly reorderPoint: number; readonly safetyStock: number; readonly inventoryPosition: number;
  readonly orderUpToLevel?: number | null; readonly policy?: string;
  readonly urgency?: { readonly daysUntilStockout: number | null; readonly stockoutWithinLeadTime: boolean };
  readonly explanation?: readonly string[];
}

export type SimulationPolicy =
  | { readonly kind: 's-Q'; readonly reorderPoint: number; readonly orderQuantity: number; readonly reviewPeriod?: number }
  | { readonly kind: 's-S'; readonly reorderPoint: number; readonly orderUpTo: number; readonly reviewPeriod?: number }
  | { readonly kind: 'min-max'; readonly min: number; readonly max: number; readonly reviewPeriod?: number }
  | { readonly kind: 'R-S'; readonly reviewPeriod: number; readonly orderUpTo: number }
  | { readonly kind: 'current' };

export interface SimulationResult {
  /** The policy's name as asked for ("current plan" for the item's planned policy). */
  readonly name?: string;
  readonly policy: SimulationPolicy;
  readonly mode: 'backorder' | 'lost-sales';
  readonly periods: number;
  readonly units: { readonly demand: number; readonly servedFromStock: number; readonly servedFromBackorder: number; readonly backorderedAtEnd: number; readonly lost: number };
  readonly fillRate: number | null;
  readonly cycleServiceLevel: number | null;
  readonly replenishmentCycles: number;
  readonly averageOnHand: number;
  readonly averageBackorders: number;
  readonly stockoutPeriods: number;
  readonly orders: number;
  readonly cost: { readonly holding: number; readonly ordering: number; readonly backorder: number; readonly lostSales: number; readonly total: number; readonly perPeriod: number };
  readonly trajectory: { readonly onHand: readonly number[]; readonly backorders: readonly number[]; readonly onOrder: readonly number[]; readonly demand: readonly number[] } | null;
}

export interface DemandHistory {
  readonly sku: string; readonly bucket: string; readonly from: string; readonly to: string;
  readonly buckets: readonly { readonly start: string; readonly allocated: number; readonly backordered: number; readonly lost: number; readonly imported: number; readonly total: number; readonly subscriptions: number }[];
}

export interface Forecast {
  readonly sku: string; readonly method: string; readonly demandClass: string; readonly computedAt: string;
  readonly levels: readonly number[];
  readonly days: readonly { readonly day: string; readonly mean: number; readonly quantiles: readonly number[] }[];
}
