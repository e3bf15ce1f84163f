import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * The orders list's filters (`GET /orders?customerEmail=|customerId=|status=|sku=`), newest first:
 * each index leads with the filter as the query writes it (the e-mail lowercased) and ends with the
 * order id, so a page is read in id order from the filter's own range, however rare the match, instead
 * of walking every order (or, for a sku, every order line) for the few that match.
 */
export async function up(db: Kysely<unknown>, _dialect: DialectName): Promise<void> {
  await sql`create index orders_customer_email on orders (lower(customer_email), id)`.execute(db);
  await sql`create index orders_customer on orders (customer_id, id)`.execute(db);
  await sql`create index orders_status on orders (status, id)`.execute(db);
  await sql`create index order_lines_item on order_lines (item_id, order_id)`.execute(db);
}
