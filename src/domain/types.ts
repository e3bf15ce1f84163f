/** Public vocabulary of SPEC §1: plain readonly data shared by every layer. */

export type BackorderPolicy = 'deny' | 'allow';
export type ShortageMode = 'backorder' | 'partial' | 'in_stock_only';
export type AvailabilityStatus = 'in_stock' | 'low_stock' | 'backorder' | 'out_of_stock';
export type OrderStatus =
  | 'open'
  | 'backordered'
  | 'partially_shipped'
  | 'shipped'
  | 'cancelled'
  | 'rejected';
export type MovementKind =
  | 'receipt'
  | 'adjustment'
  | 'allocation'
  | 'deallocation'
  | 'shipment'
  | 'transfer_out'
  | 'transfer_in';

export interface Item {
  readonly id: number;
  readonly sku: string;
  readonly name: string;
  readonly unitPrice: number;
  readonly unitCost: number;
  readonly backorderPolicy: BackorderPolicy;
  readonly backorderLimit: number | null;
  readonly lowStockThreshold: number;
  readonly leadTimeDays: number;
  readonly substitutes: readonly string[];
  readonly discontinued: boolean;
  /** Units waiting in this item's backorder queue (kept equal to the sum over its lines). */
  readonly backordered: number;
}

export interface Location {
  readonly id: number;
  readonly code: string;
  readonly name: string;
  readonly priority: number;
  readonly active: boolean;
}

export interface StockLevel {
  readonly itemId: number;
  readonly locationId: number;
  readonly onHand: number;
  readonly allocated: number;
}

/** A stock level joined with what allocation needs to know about its location. */
export interface LocatedStock extends StockLevel {
  readonly locationCode: string;
  readonly locationPriority: number;
  readonly locationActive: boolean;
}

export interface Customer {
  readonly id?: string | undefined;
  readonly email?: string | undefined;
  readonly name?: string | undefined;
}

/** One waiting backorder as the queue sees it. */
export interface QueueEntry {
  readonly lineId: number;
  readonly orderId: number;
  readonly priority: number;
  readonly placedAt: string;
  readonly backordered: number;
}
