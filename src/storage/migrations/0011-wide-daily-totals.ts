import { sql, type Kysely } from 'kysely';
import type { DialectName } from '../dialect-name.js';

/**
 * Daily totals add up many quantities of up to a billion each (a day's requested units, shipped
 * units), which PostgreSQL's 32-bit integers cannot hold; they become 64-bit. SQLite's integers
 * are 64-bit already.
 */
export async function up(db: Kysely<unknown>, dialect: DialectName): Promise<void> {
  if (dialect !== 'postgres') return;
  const widen = (table: string, columns: readonly string[]) =>
    sql`alter table ${sql.ref(table)} ${sql.join(columns.map((c) => sql`alter column ${sql.ref(c)} type bigint`))}`.execute(db);
  await widen('item_days', ['requested', 'placed_allocated', 'placed_backordered', 'lines', 'full_lines', 'lost', 'on_hand_delta', 'shipped']);
  await widen('location_days', ['on_hand_delta', 'shipped', 'received']);
}
