import type { Selectable } from 'kysely';
import type { QueueRow } from '../app/ports.js';
import type { Item, Location } from '../domain/types.js';
import type { ItemsTable, LocationsTable } from './schema.js';

/** Maps a database row to the domain's Item. */
export function toItem(row: Selectable<ItemsTable>): Item {
  return {
    id: row.id,
    sku: row.sku,
    name: row.name,
    unitPrice: row.unit_price,
    unitCost: row.unit_cost,
    backorderPolicy: row.backorder_policy === 'allow' ? 'allow' : 'deny',
    backorderLimit: row.backorder_limit,
    lowStockThreshold: row.low_stock_threshold,
    leadTimeDays: row.lead_time_days,
    substitutes: JSON.parse(row.substitutes) as string[],
    discontinued: row.discontinued === 1,
    backordered: row.backordered,
  };
}

export function toLocation(row: Selectable<LocationsTable>): Location {
  return { id: row.id, code: row.code, name: row.name, priority: row.priority, active: row.active === 1 };
}

/** The columns a queue read selects (order line joined with its order and item). */
export interface QueueColumns {
  id: number;
  order_id: number;
  priority: number;
  placed_at: string;
  backordered: number;
  sku: string;
  quantity: number;
  allocated: number;
  eta: string | null;
  eta_estimated: number;
  first_eta: string | null;
  customer_id: string | null;
  customer_email: string | null;
  customer_name: string | null;
  external_id: string | null;
}

/** Maps a waiting order line to the queue's view of it. */
export function toQueueRow(r: QueueColumns): QueueRow {
  return {
    lineId: r.id,
    orderId: r.order_id,
    priority: r.priority,
    placedAt: r.placed_at,
    backordered: r.backordered,
    sku: r.sku,
    quantity: r.quantity,
    allocated: r.allocated,
    eta: r.eta,
    etaEstimated: r.eta_estimated === 1,
    firstEta: r.first_eta,
    customer: { id: r.customer_id, email: r.customer_email, name: r.customer_name },
    externalId: r.external_id,
  };
}
