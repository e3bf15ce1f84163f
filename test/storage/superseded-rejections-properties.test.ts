import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { getOrder } from '../../src/app/get-order.js';
import { createItem } from '../../src/app/manage-items.js';
import { wasReplayed } from '../../src/app/once-per-key.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import { dbOf } from '../support/db-snapshot.js';
import { must, seedLocation } from '../support/fixtures.js';
import { keptAndRebuiltItemDays } from '../support/item-days.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * Model-based test of "the latest attempt under an externalId is the customer order's demand":
 * random placements under a few external ids (some with Idempotency-Keys, some resent unchanged,
 * some without an id), stock coming and going and days passing. After each run every recorded
 * order is superseded exactly by the next order recorded under its external id (if it was a
 * rejection), the daily totals count each item's units, lines and lost units of the orders that
 * stand on the days they were placed, the KPIs count those orders, and rebuilding the totals from
 * the base tables gives what the writes kept.
 */

const NUM_RUNS = Number(process.env['RESTOCK_PROPERTY_RUNS'] ?? 25);
const ITEMS = 3;

interface Recorded {
  readonly id: number;
  readonly externalId: string | null;
  readonly rejected: boolean;
}

interface Model {
  readonly prefix: string;
  readonly recorded: Recorded[];
  /** The last placement sent, for a storefront's resend. */
  last: Place | null;
}

interface Real {
  readonly store: Store;
  /** Hours the clock was moved on by. */
  readonly clock: { hours: number };
}

type Cmd = fc.AsyncCommand<Model, Real>;

class Place implements Cmd {
  constructor(
    readonly externalId: number | null,
    readonly key: number | null,
    readonly shortage: 'backorder' | 'partial' | 'in_stock_only',
    readonly lines: readonly { item: number; quantity: number }[],
  ) {}
  check = () => true;
  async run(m: Model, r: Real) {
    const body = {
      ...(this.externalId === null ? {} : { externalId: `${m.prefix}E${this.externalId}` }),
      shortage: this.shortage,
      lines: this.lines.map((l) => ({ sku: `${m.prefix}I${l.item}`, quantity: l.quantity })),
    };
    m.last = this;
    const result = await placeOrder(r.store, body, { actor: 'property', idempotencyKey: this.key === null ? undefined : `${m.prefix}K${this.key}` });
    if (!result.ok && result.code !== 'OUT_OF_STOCK' && result.code !== 'IDEMPOTENCY_MISMATCH') throw new Error(`${this.toString()}: ${result.code} ${result.message}`);
    // A replay (by key, by externalId, or a rejection resent unchanged) and a mismatch record nothing.
    if (wasReplayed(result) || (!result.ok && result.code === 'IDEMPOTENCY_MISMATCH')) return;
    const id = result.ok ? result.value.id : (result.details as { orderId: number }).orderId;
    m.recorded.push({ id, externalId: body.externalId ?? null, rejected: !result.ok });
  }
  toString = () => `place(${this.externalId === null ? 'no id' : `E${this.externalId}`}, ${this.key === null ? 'no key' : `K${this.key}`}, ${this.shortage}, ${JSON.stringify(this.lines)})`;
}

/** The last placement sent again unchanged (a storefront retrying after a time-out, or placing the order again). */
class Resend implements Cmd {
  check = (m: Readonly<Model>) => m.last !== null;
  run = (m: Model, r: Real) => (m.last as Place).run(m, r);
  toString = () => 'resend()';
}

class Adjust implements Cmd {
  constructor(readonly item: number, readonly delta: number) {}
  check = () => true;
  async run(m: Model, r: Real) {
    // A removal of more than is free is refused: what matters is the stock a placement then meets.
    await adjustStock(r.store, { sku: `${m.prefix}I${this.item}`, location: 'MAIN', delta: this.delta, reason: 'property' }, 'property');
  }
  toString = () => `adjust(I${this.item}, ${this.delta})`;
}

class Later implements Cmd {
  constructor(readonly hours: number) {}
  check = () => true;
  async run(_m: Model, r: Real) {
    r.clock.hours += this.hours;
  }
  toString = () => `later(${this.hours} h)`;
}

const line = fc.record({ item: fc.nat({ max: ITEMS - 1 }), quantity: fc.integer({ min: 1, max: 4 }) });
const place = fc.tuple(
  fc.option(fc.nat({ max: 1 }), { nil: null, freq: 4 }),
  fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: fc.nat({ max: 2 }), weight: 1 }),
  fc.constantFrom<'backorder' | 'partial' | 'in_stock_only'>('backorder', 'partial', 'in_stock_only', 'in_stock_only'),
  fc.array(line, { minLength: 1, maxLength: 3 }),
).map(([e, k, s, l]) => new Place(e, k, s, l));
const commands = [
  place,
  place,
  place,
  fc.constant(new Resend()),
  fc.tuple(fc.nat({ max: ITEMS - 1 }), fc.integer({ min: -3, max: 4 }).filter((d) => d !== 0)).map(([i, d]) => new Adjust(i, d)),
  fc.integer({ min: 1, max: 30 }).map((h) => new Later(h)),
];

/** Each rejection is superseded by the next order recorded under its external id; nothing else is. */
function expectedSupersededBy(recorded: readonly Recorded[]): Map<number, number | null> {
  const expected = new Map<number, number | null>();
  recorded.forEach((order, index) => {
    const next = order.rejected && order.externalId !== null ? recorded.slice(index + 1).find((o) => o.externalId === order.externalId) : undefined;
    expected.set(order.id, next?.id ?? null);
  });
  return expected;
}

async function verify(model: Model, real: Real): Promise<void> {
  const expected = expectedSupersededBy(model.recorded);
  const demand = new Map<string, { requested: number; lines: number; lost: number }>();
  const orders = await Promise.all(model.recorded.map(async (o) => must(await getOrder(real.store, o.id))));
  for (const order of orders) {
    expect({ order: order.id, supersededBy: order.supersededBy }).toEqual({ order: order.id, supersededBy: expected.get(order.id) });
    if (order.supersededBy !== null) continue;
    for (const l of order.lines) {
      const key = `${l.sku}|${order.placedAt.slice(0, 10)}`;
      const day = demand.get(key) ?? { requested: 0, lines: 0, lost: 0 };
      // Nothing is cancelled after placement here: a line's cancelled units are the ones cut or rejected then.
      demand.set(key, { requested: day.requested + l.quantity, lines: day.lines + 1, lost: day.lost + l.cancelled });
    }
  }
  const rows = await dbOf(real.store)
    .selectFrom('item_days as d').innerJoin('items as i', 'i.id', 'd.item_id')
    .select(['i.sku', 'd.day', 'd.requested', 'd.lines', 'd.lost'])
    .where('i.sku', 'like', `${model.prefix}%`).execute();
  const kept = Object.fromEntries(rows
    .filter((r) => Number(r.requested) !== 0 || Number(r.lines) !== 0 || Number(r.lost) !== 0)
    .map((r) => [`${r.sku}|${r.day}`, { requested: Number(r.requested), lines: Number(r.lines), lost: Number(r.lost) }]));
  expect(kept).toEqual(Object.fromEntries(demand));
  const skus = Array.from({ length: ITEMS }, (_, i) => `${model.prefix}I${i}`);
  const facts = await real.store.read((tx) => tx.kpiFacts({ from: '2026-01-01T00:00:00.000Z', until: '2030-01-01T00:00:00.000Z', asOf: '2030-01-01T00:00:00.000Z', skus }));
  expect(facts.orders.placed).toBe(orders.filter((o) => o.supersededBy === null).length);
  const { kept: allKept, rebuilt } = await keptAndRebuiltItemDays(real.store);
  expect(allKept).toEqual(rebuilt);
}

for (const dialect of DIALECTS) {
  describe(`placements under repeated external ids count each customer order once, on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    const clock = { hours: 0, tick: 0 };
    let run = 0;

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open({ clock: () => new Date(Date.UTC(2026, 0, 1) + clock.hours * 3_600_000 + 1000 * clock.tick++) });
      await seedLocation(store, 'MAIN');
    });

    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('marks each rejection superseded by the next attempt, and the totals, KPIs and a rebuild agree', async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: 30, size: 'max' }), async (cmds) => {
          run += 1;
          const model: Model = { prefix: `S${run}-`, recorded: [], last: null };
          const real: Real = { store, clock };
          for (let i = 0; i < ITEMS; i++) {
            must(await createItem(store, { sku: `${model.prefix}I${i}`, name: `item ${i}`, unitPrice: 100 * (i + 1), backorderPolicy: i === 2 ? 'deny' : 'allow', backorderLimit: i === 1 ? 3 : null }, 'property'));
          }
          await fc.asyncModelRun(() => ({ model, real }), cmds);
          await verify(model, real);
        }),
        { numRuns: NUM_RUNS },
      );
    }, 600_000);
  });
}
