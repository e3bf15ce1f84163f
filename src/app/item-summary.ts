import { networkAvailable } from '../domain/allocation.js';
import { availabilityStatus } from '../domain/availability.js';
import type { AvailabilityStatus, BackorderPolicy, Item } from '../domain/types.js';
import type { UnitOfWork } from './ports.js';

/** The public shape of an item (SPEC §1 fields) with its network stock figures and status (SPEC §2). */
export interface ItemSummary {
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
  readonly status: AvailabilityStatus;
  readonly onHand: number;
  readonly allocated: number;
  readonly available: number;
  /** Open purchase-order units not yet received. */
  readonly incoming: number;
  readonly backordered: number;
  /** onHand + incoming − allocated − backordered. */
  readonly projected: number;
}

/** Summaries of the given items, in their order, from one read of their stock levels. */
export async function summarizeItems(tx: UnitOfWork, items: readonly Item[]): Promise<ItemSummary[]> {
  const ids = items.map((i) => i.id);
  const stocks = await tx.stocksOf(ids);
  const incomingUnits = await tx.incomingUnitsOf(ids);
  return items.map((item) => {
    const own = stocks.filter((s) => s.itemId === item.id && s.locationActive);
    const available = networkAvailable(own);
    const onHand = own.reduce((sum, s) => sum + s.onHand, 0);
    const allocated = own.reduce((sum, s) => sum + s.allocated, 0);
    const incoming = incomingUnits.get(item.id) ?? 0;
    return {
      sku: item.sku,
      name: item.name,
      unitPrice: item.unitPrice,
      unitCost: item.unitCost,
      backorderPolicy: item.backorderPolicy,
      backorderLimit: item.backorderLimit,
      lowStockThreshold: item.lowStockThreshold,
      leadTimeDays: item.leadTimeDays,
      substitutes: item.substitutes,
      discontinued: item.discontinued,
      status: availabilityStatus({ ...item, available }).status,
      onHand,
      allocated,
      available,
      incoming,
      backordered: item.backordered,
      projected: onHand + incoming - allocated - item.backordered,
    };
  });
}
