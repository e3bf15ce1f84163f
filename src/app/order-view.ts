import type { OrderRecord, QueuePlace } from './ports.js';

/** The public shape of an order (SPEC §9): what the API returns and the CLI prints. */
export interface OrderView {
  readonly id: number;
  readonly externalId: string | null;
  readonly customer: { readonly id: string | null; readonly email: string | null; readonly name: string | null };
  readonly priority: number;
  readonly shortage: string;
  readonly status: string;
  /** A rejected order placed again under its externalId: the later order, whose demand counts instead. */
  readonly supersededBy: number | null;
  readonly placedAt: string;
  readonly updatedAt: string;
  readonly lines: readonly {
    readonly id: number;
    readonly sku: string;
    readonly quantity: number;
    readonly allocated: number;
    readonly allocations: readonly { readonly location: string; readonly quantity: number }[];
    readonly backordered: number;
    readonly shipped: number;
    readonly cancelled: number;
    readonly eta: string | null;
    readonly etaEstimated: boolean;
    /** Where a waiting line stands in its item's queue; shown by `getOrder` only. */
    readonly queue?: QueuePlace | null;
  }[];
}

export function orderView(order: OrderRecord): OrderView {
  return {
    id: order.id,
    externalId: order.externalId,
    customer: order.customer,
    priority: order.priority,
    shortage: order.shortage,
    status: order.status,
    supersededBy: order.supersededBy,
    placedAt: order.placedAt,
    updatedAt: order.updatedAt,
    lines: order.lines.map((line) => ({
      id: line.id,
      sku: line.sku,
      quantity: line.quantity,
      allocated: line.allocated,
      allocations: line.allocations.map((a) => ({ location: a.location, quantity: a.quantity })),
      backordered: line.backordered,
      shipped: line.shipped,
      cancelled: line.cancelled,
      eta: line.eta,
      etaEstimated: line.etaEstimated,
    })),
  };
}
