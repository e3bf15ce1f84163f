import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { changeOrderPriority } from '../../src/app/change-order-priority.js';
import { checkInvariants } from '../../src/app/check-invariants.js';
import { getAvailability } from '../../src/app/get-availability.js';
import { backorderQueue } from '../../src/app/backorder-queue.js';
import { getOrder } from '../../src/app/get-order.js';
import { createItem, updateItem } from '../../src/app/manage-items.js';
import { createLocation, updateLocation } from '../../src/app/manage-locations.js';
import type { OrderView } from '../../src/app/order-view.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import type { Result } from '../../src/app/result.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { transferStock } from '../../src/app/transfer-stock.js';
import { snapshotRun, type LineRow, type RunSnapshot } from '../support/db-snapshot.js';
import {
  acceptedLines, adjustInModel, cancelInModel, changePriorityInModel, deactivateInModel, emptyModel, expectedStatus, fillQueues, placeInModel,
  shipInModel, transferInModel, waitingUnits, type Mode, type ModelItem, type ModelLine, type ModelLocation, type ModelOrder, type ModelState,
  type Outcome,
} from '../support/inventory-model.js';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/stores.js';

/**
 * Model-based test of SPEC §3: random sequences of every core operation run against the database
 * and against test/support/inventory-model.ts; after every step all six invariants hold, the
 * database agrees with the model (stock per location, every line, every queue), no placement
 * backorders past a limit, and no line gains stock while a line ahead of it in the queue waits.
 */

const NUM_RUNS = Number(process.env['RESTOCK_PROPERTY_RUNS'] ?? 40);
const MAX_COMMANDS = 30;
const ACTOR = 'property-test';

interface Model extends ModelState {
  readonly prefix: string;
}

interface Real {
  readonly store: Store;
  /** The database as the previous step left it (for the no-queue-jumping and limit checks). */
  before: RunSnapshot;
}

type Cmd = fc.AsyncCommand<Model, Real>;

const pick = <T>(list: readonly T[], index: number): T => list[index % list.length] as T;

function outcomeOf(result: Result<unknown>): Outcome {
  return result.ok ? { ok: true } : { ok: false, code: result.code };
}

function expectOutcome(result: Result<unknown>, expected: Outcome, what: string): void {
  const got = outcomeOf(result);
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    const message = result.ok ? '' : ` (${result.message})`;
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, database said ${JSON.stringify(got)}${message}`);
  }
}

const queueKey = (l: LineRow) => [-l.priority, l.placedAt, l.id] as const;
function ahead(a: LineRow, b: LineRow): boolean {
  const [ka, kb] = [queueKey(a), queueKey(b)];
  if (ka[0] !== kb[0]) return ka[0] < kb[0];
  if (ka[1] !== kb[1]) return ka[1] < kb[1];
  return ka[2] < kb[2];
}

/** Lines that gained allocated or shipped units in this step while a line ahead of them still waits. */
function queueJumps(before: RunSnapshot, after: RunSnapshot): string[] {
  const jumps: string[] = [];
  const lines = [...after.lines.values()].filter((l) => l.orderStatus !== 'rejected');
  const waiting = lines.filter((l) => l.backordered > 0);
  for (const line of lines) {
    const was = before.lines.get(line.id);
    if (line.allocated + line.shipped <= (was ? was.allocated + was.shipped : 0)) continue;
    for (const other of waiting) {
      if (other.sku === line.sku && other.id !== line.id && ahead(other, line)) {
        jumps.push(`line ${line.id} (${line.sku}) gained stock while line ${other.id} waits ahead of it`);
      }
    }
  }
  return jumps;
}

/** Everything the database must agree on with the model after every step. */
async function verify(model: Model, real: Real, step: string): Promise<void> {
  const violations = await checkInvariants(real.store);
  if (violations.length > 0) throw new Error(`after ${step}: invariants broken: ${JSON.stringify(violations)}`);
  const snap = await snapshotRun(real.store, model.prefix);
  const problems: string[] = [];
  const same = (what: string, db: unknown, expected: unknown) => {
    if (JSON.stringify(db) !== JSON.stringify(expected)) problems.push(`${what}: database ${JSON.stringify(db)}, model ${JSON.stringify(expected)}`);
  };

  for (const key of new Set([...snap.stock.keys(), ...model.stock.keys()])) {
    same(`stock ${key}`, snap.stock.get(key) ?? { onHand: 0, allocated: 0 }, model.stock.get(key) ?? { onHand: 0, allocated: 0 });
  }
  for (const item of model.items) {
    const totals = (source: Map<string, { onHand: number; allocated: number }>) => {
      const own = [...source].filter(([key]) => key.startsWith(`${item.sku}|`)).map(([, v]) => v);
      return { onHand: own.reduce((s, v) => s + v.onHand, 0), allocated: own.reduce((s, v) => s + v.allocated, 0) };
    };
    const dbWaiting = [...snap.lines.values()].filter((l) => l.sku === item.sku).reduce((s, l) => s + l.backordered, 0);
    same(`totals of ${item.sku}`, { ...totals(snap.stock), backordered: dbWaiting, counter: snap.items.get(item.sku)?.backordered }, {
      ...totals(model.stock), backordered: waitingUnits(model, item.sku), counter: waitingUnits(model, item.sku),
    });
  }
  let modelLines = 0;
  for (const order of model.orders) {
    modelLines += order.lines.length;
    const dbLines = [...snap.lines.values()].filter((l) => l.orderId === order.id).sort((a, b) => a.lineNo - b.lineNo);
    same(`order ${order.id} status`, dbLines.map((l) => l.orderStatus), order.lines.map(() => expectedStatus(order)));
    order.lines.forEach((line, index) => {
      const db = dbLines[index];
      if (!db) {
        problems.push(`order ${order.id} line ${line.lineNo} missing`);
        return;
      }
      const allocated = [...line.alloc.values()].reduce((s, q) => s + q, 0);
      same(`order ${order.id} line ${db.id} (${line.sku})`,
        { sku: db.sku, quantity: db.quantity, allocated: db.allocated, backordered: db.backordered, shipped: db.shipped, cancelled: db.cancelled, priority: db.priority },
        { sku: line.sku, quantity: line.quantity, allocated, backordered: line.backordered, shipped: line.shipped, cancelled: line.cancelled, priority: line.priority });
      same(`allocations of line ${db.id}`, Object.fromEntries([...(snap.allocations.get(db.id) ?? new Map<string, number>())].sort()), Object.fromEntries([...line.alloc].sort()));
      // A waiting line has a promise date, except one of a discontinued item (this model orders no stock: none is planned).
      const promised = db.backordered > 0 && !model.items.some((i) => i.sku === db.sku && i.discontinued);
      if (promised !== (db.eta !== null)) problems.push(`line ${db.id}: backordered ${db.backordered} but eta ${db.eta}`);
      if (db.eta !== null && db.eta < db.placedAt.slice(0, 10)) problems.push(`line ${db.id}: eta ${db.eta} before it was placed`);
    });
  }
  same('number of lines', snap.lines.size, modelLines);
  problems.push(...queueJumps(real.before, snap));
  problems.push(...(await statusEventGaps(model, real.store)));
  if (problems.length > 0) throw new Error(`after ${step}:\n  ${problems.join('\n  ')}`);
  real.before = snap;
}

/**
 * Each item's `item.status_changed` events form an unbroken chain (every event starts from the
 * status the previous one ended at) that ends at the item's status now: no status change went
 * unreported, and none was reported that did not happen.
 */
async function statusEventGaps(model: Model, store: Store): Promise<string[]> {
  if (model.items.length === 0) return [];
  const events = await store.read((tx) => tx.listEvents(0, 1_000_000));
  const availability = await getAvailability(store, model.items.map((i) => i.sku));
  if (!availability.ok) return [`availability: ${availability.message}`];
  const gaps: string[] = [];
  for (const item of availability.value) {
    const changes = events
      .filter((e) => e.type === 'item.status_changed' && e.subjectId === item.sku)
      .map((e) => e.payload as { previousStatus: string; status: string });
    changes.forEach((change, index) => {
      const previous = changes[index - 1];
      if (previous && previous.status !== change.previousStatus) gaps.push(`${item.sku}: status went ${previous.status}, then ${change.previousStatus} → ${change.status}`);
    });
    const last = changes[changes.length - 1];
    if (last && last.status !== item.status) gaps.push(`${item.sku}: status is ${item.status}, last reported ${last.status}`);
  }
  return gaps;
}

function headroomBefore(snap: RunSnapshot, sku: string): number {
  const item = snap.items.get(sku);
  if (!item || item.policy !== 'allow' || item.discontinued) return 0;
  return item.limit === null ? Infinity : Math.max(0, item.limit - item.backordered);
}

const lineIds = (view: OrderView) => view.lines.map((l) => l.id);

/** Most commands aim at something that can succeed: a quantity within what is there (if anything is). */
function fitted(quantity: number, limit: number): number {
  return limit > 0 ? 1 + ((quantity - 1) % limit) : quantity;
}

const allocatedOf = (l: ModelLine) => [...l.alloc.values()].reduce((a, b) => a + b, 0);
const isOpen = (l: ModelLine) => l.quantity > l.shipped + l.cancelled;

/** When `fit`, an order with a line that `wanted` accepts (if any), else any order (rejected and closed ones too). */
function pickOrder(m: Model, index: number, fit: boolean, wanted: (l: ModelLine) => boolean = isOpen): ModelOrder {
  const candidates = m.orders.filter((o) => o.lines.some(wanted));
  return pick(fit && candidates.length > 0 ? candidates : m.orders, index);
}

/** When `fit`, a line that `wanted` accepts (if any), else any line. */
function pickLine(order: ModelOrder, index: number, fit: boolean, wanted: (l: ModelLine) => boolean): ModelLine {
  const candidates = order.lines.filter(wanted);
  return pick(fit && candidates.length > 0 ? candidates : order.lines, index);
}

// ---- commands -------------------------------------------------------------------------------

class CreateItem implements Cmd {
  constructor(readonly fields: { policy: 'allow' | 'deny'; limit: number | null; discontinued: boolean }) {}
  check = (m: Readonly<Model>) => m.items.length < 4;
  async run(m: Model, r: Real) {
    const sku = `${m.prefix}I${m.items.length + 1}`;
    const result = await createItem(r.store, { sku, name: sku, unitPrice: 500, backorderPolicy: this.fields.policy, backorderLimit: this.fields.limit, discontinued: this.fields.discontinued }, 'test');
    expectOutcome(result, { ok: true }, this.toString());
    m.items.push({ sku, policy: this.fields.policy, limit: this.fields.limit, discontinued: this.fields.discontinued });
    await verify(m, r, this.toString());
  }
  toString = () => `createItem(${JSON.stringify(this.fields)})`;
}

class CreateLocation implements Cmd {
  constructor(readonly priority: number) {}
  check = (m: Readonly<Model>) => m.locations.length < 4;
  async run(m: Model, r: Real) {
    const code = `${m.prefix}L${m.locations.length + 1}`;
    expectOutcome(await createLocation(r.store, { code, name: code, priority: this.priority }, 'test'), { ok: true }, this.toString());
    m.locations.push({ code, seq: m.locations.length, priority: this.priority, active: true });
    await verify(m, r, this.toString());
  }
  toString = () => `createLocation(priority ${this.priority})`;
}

class Adjust implements Cmd {
  constructor(readonly item: number, readonly location: number, readonly change: { delta: number } | { count: number }) {}
  check = (m: Readonly<Model>) => m.items.length > 0 && m.locations.length > 0;
  async run(m: Model, r: Real) {
    const sku = pick(m.items, this.item).sku;
    const code = pick(m.locations, this.location).code;
    const result = await adjustStock(r.store, { sku, location: code, ...this.change, reason: 'property test' }, ACTOR);
    expectOutcome(result, adjustInModel(m, sku, code, this.change), this.toString());
    await verify(m, r, this.toString());
  }
  toString = () => `adjust(item ${this.item}, location ${this.location}, ${JSON.stringify(this.change)})`;
}

/** A count that lands below what is allocated at a location (when anything is), forcing a clawback. */
class CountBelowAllocated implements Cmd {
  constructor(readonly pick: number, readonly below: number) {}
  check = (m: Readonly<Model>) => m.items.length > 0 && m.locations.length > 0;
  async run(m: Model, r: Real) {
    const holders = (key: string) => {
      const [sku, code] = key.split('|') as [string, string];
      return acceptedLines(m, sku).filter((l) => (l.alloc.get(code) ?? 0) > 0).length;
    };
    const held = [...m.stock].filter(([, level]) => level.allocated > 0);
    if (held.length === 0) return new Adjust(this.pick, this.pick, { count: 0 }).run(m, r);
    const shared = held.filter(([key]) => holders(key) > 1);
    const [key, level] = pick(shared.length > 0 ? shared : held, this.pick);
    const [sku, code] = key.split('|') as [string, string];
    const count = Math.max(0, level.allocated - this.below);
    const result = await adjustStock(r.store, { sku, location: code, count, reason: 'cycle count' }, ACTOR);
    expectOutcome(result, adjustInModel(m, sku, code, { count }), this.toString());
    await verify(m, r, this.toString());
  }
  toString = () => `countBelowAllocated(${this.pick}, -${this.below})`;
}

class Transfer implements Cmd {
  constructor(readonly item: number, readonly from: number, readonly offset: number, readonly quantity: number, readonly fit: boolean) {}
  check = (m: Readonly<Model>) => m.items.length > 0 && m.locations.length > 1;
  async run(m: Model, r: Real) {
    const sku = pick(m.items, this.item).sku;
    const freeAt = (code: string) => (m.stock.get(`${sku}|${code}`)?.onHand ?? 0) - (m.stock.get(`${sku}|${code}`)?.allocated ?? 0);
    const sources = m.locations.map((l, i) => i).filter((i) => freeAt((m.locations[i] as ModelLocation).code) > 0);
    const fromIndex = this.fit && sources.length > 0 ? pick(sources, this.from) : this.from % m.locations.length;
    const from = (m.locations[fromIndex] as ModelLocation).code;
    const to = pick(m.locations, fromIndex + 1 + (this.offset % (m.locations.length - 1))).code;
    const quantity = this.fit ? fitted(this.quantity, freeAt(from)) : this.quantity;
    const result = await transferStock(r.store, { sku, from, to, quantity }, ACTOR);
    expectOutcome(result, transferInModel(m, sku, from, to, quantity), this.toString());
    await verify(m, r, this.toString());
  }
  toString = () => `transfer(item ${this.item}, from ${this.from}, +${this.offset}, ${this.quantity}${this.fit ? ' fitted' : ''})`;
}

class PlaceOrder implements Cmd {
  constructor(readonly lines: readonly { item: number; quantity: number }[], readonly mode: Mode, readonly priority: number) {}
  check = (m: Readonly<Model>) => m.items.length > 0;
  async run(m: Model, r: Real) {
    const lines = this.lines.map((l) => ({ sku: pick(m.items, l.item).sku, quantity: l.quantity }));
    const result = await placeOrder(r.store, { shortage: this.mode, priority: this.priority, lines }, { actor: ACTOR });
    const order = placeInModel(m, lines, this.mode, this.priority);
    expectOutcome(result, order.rejected ? { ok: false, code: 'OUT_OF_STOCK' } : { ok: true }, this.toString());
    if (result.ok) {
      // The answer is built from the plan, not read back: it must be what the database now holds.
      const stored = await getOrder(r.store, result.value.id);
      // (Reading an order back adds each waiting line's place in its queue, which placement does not say.)
      const storedAsPlaced = stored.ok ? { ...stored.value, lines: stored.value.lines.map(({ queue: _place, ...line }) => line) } : null;
      if (!stored.ok || JSON.stringify(storedAsPlaced) !== JSON.stringify(result.value)) {
        throw new Error(`${this.toString()}: answered ${JSON.stringify(result.value)}, stored ${JSON.stringify(stored)}`);
      }
      // Each waiting line's place is the one its item's queue shows.
      for (const line of stored.value.lines) {
        const queue = line.backordered > 0 ? await backorderQueue(r.store, line.sku) : null;
        const inQueue = queue?.ok ? queue.value.find((q) => q.lineId === line.id) : undefined;
        const expected = inQueue ? { position: inQueue.position, unitsAhead: inQueue.unitsAhead } : null;
        if (JSON.stringify(line.queue) !== JSON.stringify(expected)) throw new Error(`${this.toString()}: line ${line.id} said ${JSON.stringify(line.queue)}, its queue ${JSON.stringify(expected)}`);
      }
      order.id = result.value.id;
      lineIds(result.value).forEach((id, index) => ((order.lines[index] as (typeof order.lines)[number]).id = id));
      // A placement never backorders past an item's limit (nor at all in in_stock_only mode).
      for (const sku of new Set(lines.map((l) => l.sku))) {
        const backordered = result.value.lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.backordered, 0);
        const room = this.mode === 'in_stock_only' ? 0 : headroomBefore(r.before, sku);
        if (backordered > room) throw new Error(`${this.toString()}: backordered ${backordered} of ${sku} with room for ${room}`);
      }
    } else {
      order.id = (result.details as { orderId: number }).orderId;
    }
    await verify(m, r, this.toString());
  }
  toString = () => `placeOrder(${JSON.stringify(this.lines)}, ${this.mode}, priority ${this.priority})`;
}

class Ship implements Cmd {
  constructor(readonly order: number, readonly entries: readonly { line: number; quantity: number; location: number | null }[], readonly fit: boolean) {}
  check = (m: Readonly<Model>) => m.orders.length > 0;
  async run(m: Model, r: Real) {
    const order = pickOrder(m, this.order, this.fit, (l) => allocatedOf(l) > 0);
    const entries = this.entries.map((e) => {
      const line = pickLine(order, e.line, this.fit, (l) => allocatedOf(l) > 0);
      const location = e.location === null ? undefined : pick(m.locations, e.location).code;
      const held = order.lines.filter((l) => l.sku === line.sku).reduce((s, l) => s + (location === undefined ? allocatedOf(l) : l.alloc.get(location) ?? 0), 0);
      const quantity = this.fit ? fitted(e.quantity, held) : e.quantity;
      return { sku: line.sku, quantity, ...(location === undefined ? {} : { location }) };
    });
    const result = await shipOrder(r.store, order.id, { lines: entries }, ACTOR);
    expectOutcome(result, shipInModel(m, order, entries), this.toString());
    await verify(m, r, this.toString());
  }
  toString = () => `ship(order ${this.order}, ${JSON.stringify(this.entries)}${this.fit ? ', fitted' : ''})`;
}

class Cancel implements Cmd {
  constructor(readonly order: number, readonly entries: readonly { line: number; quantity: number }[] | null, readonly fit: boolean) {}
  check = (m: Readonly<Model>) => m.orders.length > 0;
  async run(m: Model, r: Real) {
    const order = pickOrder(m, this.order, this.fit);
    const split = (l: ModelLine) => l.alloc.size > 1;
    const entries = this.entries?.map((e) => {
      const sku = pickLine(order, e.line, this.fit, order.lines.some(split) ? split : isOpen).sku;
      const open = order.lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity - l.shipped - l.cancelled, 0);
      return { sku, quantity: this.fit ? fitted(e.quantity, open) : e.quantity };
    }) ?? null;
    const result = await cancelOrder(r.store, order.id, entries === null ? {} : { lines: entries }, ACTOR);
    expectOutcome(result, cancelInModel(m, order, entries), this.toString());
    await verify(m, r, this.toString());
  }
  toString = () => `cancel(order ${this.order}, ${this.entries === null ? 'whole' : JSON.stringify(this.entries)}${this.fit ? ', fitted' : ''})`;
}

class ChangePriority implements Cmd {
  constructor(readonly order: number, readonly priority: number, readonly fit: boolean) {}
  check = (m: Readonly<Model>) => m.orders.length > 0;
  async run(m: Model, r: Real) {
    const order: ModelOrder = pickOrder(m, this.order, this.fit);
    const result = await changeOrderPriority(r.store, order.id, { priority: this.priority }, ACTOR);
    expectOutcome(result, changePriorityInModel(m, order, this.priority), this.toString());
    await verify(m, r, this.toString());
  }
  toString = () => `changePriority(order ${this.order}, ${this.priority})`;
}

class UpdateItem implements Cmd {
  constructor(readonly item: number, readonly fields: { policy: 'allow' | 'deny'; limit: number | null; discontinued: boolean }) {}
  check = (m: Readonly<Model>) => m.items.length > 0;
  async run(m: Model, r: Real) {
    const item: ModelItem = pick(m.items, this.item);
    const result = await updateItem(r.store, item.sku, { backorderPolicy: this.fields.policy, backorderLimit: this.fields.limit, discontinued: this.fields.discontinued }, ACTOR);
    expectOutcome(result, { ok: true }, this.toString());
    item.policy = this.fields.policy;
    item.limit = this.fields.limit;
    item.discontinued = this.fields.discontinued;
    fillQueues(m);
    await verify(m, r, this.toString());
  }
  toString = () => `updateItem(item ${this.item}, ${JSON.stringify(this.fields)})`;
}

class ToggleLocation implements Cmd {
  constructor(readonly location: number) {}
  check = (m: Readonly<Model>) => m.locations.length > 0;
  async run(m: Model, r: Real) {
    const location = pick(m.locations, this.location);
    const result = await updateLocation(r.store, location.code, { active: !location.active }, ACTOR);
    expectOutcome(result, { ok: true }, this.toString());
    if (location.active) deactivateInModel(m, location.code);
    else {
      location.active = true;
      fillQueues(m);
    }
    await verify(m, r, this.toString());
  }
  toString = () => `toggleLocation(${this.location})`;
}

// ---- arbitraries ----------------------------------------------------------------------------

const itemFields = fc.record({
  policy: fc.constantFrom<'allow' | 'deny'>('allow', 'allow', 'allow', 'deny'),
  limit: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null, freq: 2 }),
  discontinued: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});
const index = fc.nat({ max: 7 });
const mode = fc.constantFrom<Mode>('backorder', 'backorder', 'partial', 'in_stock_only');
const priority = fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 1, max: 3 }), weight: 2 });
const fit = fc.integer({ min: 0, max: 4 }).map((n) => n > 0);

const placeArb = fc
  .tuple(fc.array(fc.record({ item: index, quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 3 }), mode, priority)
  .map(([lines, m, p]) => new PlaceOrder(lines, m, p));
const adjustArb = fc.oneof(
  { arbitrary: fc.tuple(index, index, fc.integer({ min: 1, max: 5 })).map(([i, l, delta]) => new Adjust(i, l, { delta })), weight: 3 },
  { arbitrary: fc.tuple(index, index, fc.integer({ min: -6, max: -1 })).map(([i, l, delta]) => new Adjust(i, l, { delta })), weight: 1 },
  { arbitrary: fc.tuple(index, index, fc.integer({ min: 0, max: 8 })).map(([i, l, count]) => new Adjust(i, l, { count })), weight: 2 },
);
const shipArb = fc
  .tuple(index, fc.array(fc.record({ line: index, quantity: fc.integer({ min: 1, max: 6 }), location: fc.option(index, { nil: null, freq: 3 }) }), { minLength: 1, maxLength: 2 }), fit)
  .map(([o, e, f]) => new Ship(o, e, f));
const cancelArb = fc.oneof(
  fc.tuple(index, fit).map(([o, f]) => new Cancel(o, null, f)),
  fc.tuple(index, fc.array(fc.record({ line: index, quantity: fc.integer({ min: 1, max: 4 }) }), { minLength: 1, maxLength: 2 }), fit).map(([o, e, f]) => new Cancel(o, e, f)),
);

const commands: fc.Arbitrary<Cmd>[] = [
  placeArb,
  placeArb,
  placeArb,
  placeArb,
  adjustArb,
  adjustArb,
  adjustArb,
  fc.tuple(index, fc.integer({ min: 1, max: 3 })).map(([p, b]) => new CountBelowAllocated(p, b)),
  fc.tuple(index, fc.integer({ min: 1, max: 3 })).map(([p, b]) => new CountBelowAllocated(p, b)),
  shipArb,
  shipArb,
  cancelArb,
  cancelArb,
  itemFields.map((f) => new CreateItem(f)),
  priority.map((p) => new CreateLocation(p)),
  fc.tuple(index, index, index, fc.integer({ min: 1, max: 6 }), fit).map(([i, f, o, q, x]) => new Transfer(i, f, o, q, x)),
  fc.tuple(index, priority, fit).map(([o, p, f]) => new ChangePriority(o, p, f)),
  fc.tuple(index, itemFields).map(([i, f]) => new UpdateItem(i, f)),
  index.map((l) => new ToggleLocation(l)),
];

for (const dialect of DIALECTS) {
  describe(`random sequences of every core operation agree with a model on ${dialect}`, () => {
    let database: TestDatabase;
    let store: Store;
    let tick = 0;
    let run = 0;
    // One second per transaction: placedAt is distinct for every order and increases with placement order.
    const clock = () => new Date(Date.UTC(2026, 0, 1) + 1000 * tick++);

    beforeAll(async () => {
      database = await createTestDatabase(dialect);
      store = await database.open({ clock });
    });

    afterAll(async () => {
      await store?.close();
      await database?.drop();
    });

    it('keeps the six invariants, the model totals, the limits and the queue order after every step', async () => {
      await fc.assert(
        fc.asyncProperty(fc.commands(commands, { maxCommands: MAX_COMMANDS, size: 'max' }), async (cmds) => {
          run += 1;
          const setup = async () => {
            const model: Model = { ...emptyModel(), prefix: `R${run}-` };
            const real: Real = { store, before: await snapshotRun(store, model.prefix) };
            await new CreateLocation(0).run(model, real);
            await new CreateLocation(1).run(model, real);
            await new CreateLocation(1).run(model, real);
            await new CreateItem({ policy: 'allow', limit: null, discontinued: false }).run(model, real);
            await new CreateItem({ policy: 'allow', limit: 3, discontinued: false }).run(model, real);
            // Thin stock spread over locations, so lines split and counts fall below allocations.
            for (const [item, location, delta] of [[0, 0, 2], [0, 1, 2], [0, 2, 1], [1, 1, 2], [1, 2, 1]] as const) {
              await new Adjust(item, location, { delta }).run(model, real);
            }
            return { model, real };
          };
          await fc.asyncModelRun(setup, cmds);
        }),
        { numRuns: NUM_RUNS },
      );
    }, 600_000);
  });
}
