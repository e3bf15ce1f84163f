/**
 * Shapes of routes that were not yet in the OpenAPI document when these pages were written,
 * mirroring the use cases' views in src/app; each moves to types.ts once `gen:api` sees it.
 */
export type AgeBucket = '0-7' | '8-14' | '15-30' | '>30';

export interface KpiFigures {
  readonly unitsRequested: number;
  readonly unitFillRate: number | null;
  readonly lineFillRate: number | null;
  readonly backorderRate: number | null;
  readonly lostUnits: number;
  readonly lostRevenue: number;
  readonly stockoutCount: number;
  readonly stockoutHours: number;
  readonly inStockRate: number | null;
  readonly backordersWaitingByAge: Readonly<Record<AgeBucket, number>>;
  readonly timeToFillDays: { readonly mean: number | null; readonly p90: number | null };
  readonly promisesKept: { readonly kept: number; readonly broken: number; readonly rate: number | null };
  readonly inventoryTurnover: number | null;
  readonly daysOfSupply: number | null;
}

export interface KpiReport {
  readonly from: string;
  readonly until: string;
  readonly overall: KpiFigures & { readonly orderFillRate: number | null; readonly orders: number };
  readonly items: readonly (KpiFigures & { readonly sku: string; readonly name: string; readonly abcClass: string })[];
  readonly series: readonly { readonly bucket: string; readonly requested: number; readonly allocatedAtPlacement: number; readonly unitFillRate: number | null; readonly lost: number; readonly lostRevenue: number }[];
  readonly bucket: 'day' | 'week';
  readonly definitions: Readonly<Record<string, string>>;
}

export interface Supplier { readonly code: string; readonly name: string; readonly email: string | null; readonly leadTimeDays: number; readonly createdAt: string; readonly updatedAt: string }

export interface SupplierScorecard {
  readonly supplier: string; readonly name: string; readonly since: string | null; readonly until: string | null;
  readonly receipts: number; readonly unitsReceived: number; readonly onTimeRate: number | null; readonly fillRate: number | null; readonly closedLines: number;
  readonly leadTimeDays: { readonly deliveries: number; readonly mean: number | null; readonly standardDeviation: number | null; readonly min: number | null; readonly max: number | null };
}

export interface PurchaseOrderLine {
  readonly id: number; readonly lineNo: number; readonly sku: string; readonly quantity: number; readonly received: number; readonly cancelled: number;
  readonly open: number; readonly unitCost: number; readonly expectedOn: string; readonly promisedOn: string | null;
}

export interface PurchaseOrder {
  readonly id: number; readonly supplier: string; readonly supplierName: string; readonly reference: string | null; readonly status: string;
  readonly createdAt: string; readonly orderedAt: string | null; readonly closedAt: string | null; readonly updatedAt: string;
  readonly lines: readonly PurchaseOrderLine[];
  readonly totals: { readonly quantity: number; readonly received: number; readonly open: number; readonly cost: number };
}

export interface WebhookEndpoint {
  readonly id: number; readonly url: string; readonly secretHint: string; readonly eventTypes: readonly string[]; readonly description: string | null;
  readonly active: boolean; readonly failureStreak: number; readonly disabledReason: string | null; readonly createdAt: string; readonly updatedAt: string;
}

export interface Delivery {
  readonly id: number; readonly target: string; readonly endpointId: number | null; readonly eventSeq: number; readonly eventType: string; readonly subject: string;
  readonly status: 'pending' | 'delivered' | 'dead'; readonly attempts: number; readonly nextAttemptAt: string; readonly lastError: string | null;
  readonly lastStatus: number | null; readonly createdAt: string; readonly updatedAt: string; readonly deliveredAt: string | null;
}

export interface Subscription {
  readonly id: number; readonly sku: string; readonly email: string; readonly status: 'active' | 'notified' | 'unsubscribed'; readonly requests: number;
  readonly createdAt: string; readonly notifiedAt: string | null; readonly unsubscribedAt: string | null;
}

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
  | { readonly kind: 'R-S'; readonly reviewPeriod: number; readonly orderUpTo: number };

export interface SimulationResult {
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
