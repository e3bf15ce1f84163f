import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Repairs what receipts and cancellations of earlier releases left, so `restock check` holds every
 * purchase-order line to quantity = received + cancelled + open from the upgrade on:
 * - units received on a line whose rest had been cancelled left it counting units both received
 *   and cancelled (ordered 10, received 10, cancelled 10): the units that came take the
 *   cancelled ones back, as a receipt now does, and only what was never received stays cancelled;
 * - a purchase order cancelled after some goods came was closed as cancelled, where cancelling
 *   each line's rest closed it as received: it is received, so lists of received orders show it.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`
    update po_lines set cancelled = case when quantity > received then quantity - received else 0 end
    where cancelled > 0 and received + cancelled > quantity`.execute(db);
  await sql`
    update purchase_orders set status = 'received'
    where status = 'cancelled' and exists (select 1 from po_lines pl where pl.po_id = purchase_orders.id and pl.received > 0)`.execute(db);
}
