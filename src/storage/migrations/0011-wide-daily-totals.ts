import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Daily totals add up many quantities of up to a billion each (a day's requested units, shipped
 * units, imported demand), which PostgreSQL's 32-bit integers cannot hold; they become 64-bit, and
 * revenue totals exact decimals. SQLite's integers are 64-bit already (and turn into floating
 * point rather than fail beyond that).
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  const widen = (table: string, columns: readonly string[]) =>
    sql`alter table ${sql.ref(table)} ${sql.join(columns.map((c) => sql`alter column ${sql.ref(c)} type bigint`))}`.execute(db);
  await widen('item_days', ['requested', 'placed_allocated', 'placed_backordered', 'lines', 'full_lines', 'lost', 'on_hand_delta', 'shipped']);
  await widen('location_days', ['on_hand_delta', 'shipped', 'received']);
  await widen('demand_history', ['quantity']);
  // A day's revenue (up to a billion units at a price of up to two billion minor units, many times)
  // can pass even 64 bits.
  await sql`alter table item_days alter column revenue type numeric(38, 0), alter column lost_revenue type numeric(38, 0)`.execute(db);
}
