import type { Kysely } from 'kysely';
import type { Store } from '../../src/app/ports.js';
import type { Database } from '../../src/storage/schema.js';
import { createTestDatabase, type DialectName, type TestDatabase } from '../support/stores.js';

/** A clock the test moves: each transaction a second after the last, on a day the test chooses (2026-03-02 at first). */
export class PlanningClock {
  private tick = 0;
  private day = Date.UTC(2026, 2, 2);
  readonly now = () => new Date(this.day + 1000 * this.tick++);
  /** Moves to midday of `days` later, so orders placed now fall on that day. */
  advanceDays(days: number): void {
    this.day += days * 86_400_000;
    this.tick = 0;
  }
  /** Moves the clock on by some hours (within the day, for a run's age). */
  advanceHours(hours: number): void {
    this.day += hours * 3_600_000;
    this.tick = 0;
  }
  today(): string {
    return new Date(this.day).toISOString().slice(0, 10);
  }
}

export interface PlanningWorld {
  readonly database: TestDatabase;
  readonly store: Store;
  readonly db: Kysely<Database>;
  readonly clock: PlanningClock;
}

export async function openPlanningWorld(dialect: DialectName): Promise<PlanningWorld> {
  const clock = new PlanningClock();
  const database = await createTestDatabase(dialect);
  const store = await database.open({ clock: clock.now });
  return { database, store, db: (store as Store & { db: Kysely<Database> }).db, clock };
}

/** Writes `days` of network demand history for an item straight into demand_history (oldest first, ending yesterday). */
export async function seedHistory(world: PlanningWorld, sku: string, quantities: readonly number[]): Promise<void> {
  const item = await world.db.selectFrom('items').select('id').where('sku', '=', sku).executeTakeFirstOrThrow();
  const today = world.clock.today();
  const rows = quantities
    .map((quantity, index) => ({ item_id: item.id, location_id: null, day: dayBefore(today, quantities.length - index), quantity, imported_at: `${today}T00:00:00.000Z` }))
    .filter((row) => row.quantity > 0);
  for (let start = 0; start < rows.length; start += 200) await world.db.insertInto('demand_history').values(rows.slice(start, start + 200)).execute();
}

export function dayBefore(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** A reproducible demand series: Poisson-like counts around `mean` per day (LCG, no Math.random). */
export function syntheticDemand(days: number, mean: number, seed = 7): number[] {
  let state = seed;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state / 4294967296;
  };
  return Array.from({ length: days }, () => {
    // Knuth's method: fine for the small means of these tests.
    const limit = Math.exp(-mean);
    let k = 0;
    let p = next();
    while (p > limit) {
      k++;
      p *= next();
    }
    return k;
  });
}
