import type { Selectable } from 'kysely';
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
