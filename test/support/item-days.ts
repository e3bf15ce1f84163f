import type { Kysely, Transaction } from 'kysely';
import type { Store } from '../../src/app/ports.js';
import { rebuildItemDays } from '../../src/storage/item-day-rollup.js';
import type { Database } from '../../src/storage/schema.js';
import { dbOf } from './db-snapshot.js';

const COLUMNS = ['requested', 'revenue', 'placed_allocated', 'placed_backordered', 'lines', 'full_lines', 'lost', 'lost_revenue', 'on_hand_delta', 'shipped'] as const;

/** A row of item_days as `item|day: figures`, every figure a number (PostgreSQL hands decimals back as text). */
export type DayRows = Record<string, Record<(typeof COLUMNS)[number], number>>;

class Undo extends Error {}

/**
 * The daily totals as the writes kept them beside the rows, and as rebuildItemDays recomputes them
 * from the base tables (in a transaction rolled back after, so the kept ones stay). Rows whose
 * figures are all 0 are left out: taking a superseded rejection out of a day leaves its row at 0,
 * which a rebuild does not write.
 */
export async function keptAndRebuiltItemDays(store: Store): Promise<{ kept: DayRows; rebuilt: DayRows }> {
  const db = dbOf(store);
  const kept = await readItemDays(db);
  let rebuilt: DayRows = {};
  await db.transaction().execute(async (trx) => {
    await rebuildItemDays(trx);
    rebuilt = await readItemDays(trx);
    throw new Undo();
  }).catch((error: unknown) => {
    if (!(error instanceof Undo)) throw error;
  });
  return { kept, rebuilt };
}

async function readItemDays(db: Kysely<Database> | Transaction<Database>): Promise<DayRows> {
  const rows = await db.selectFrom('item_days').selectAll().orderBy('item_id').orderBy('day').execute();
  const out: DayRows = {};
  for (const row of rows) {
    const figures = Object.fromEntries(COLUMNS.map((c) => [c, Number(row[c])])) as DayRows[string];
    if (COLUMNS.some((c) => figures[c] !== 0)) out[`${row.item_id}|${row.day}`] = figures;
  }
  return out;
}
