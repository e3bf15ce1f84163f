import { addDays, daysBetween } from '../../domain/dates.js';
import type { AvailabilityStatus } from '../../domain/types.js';
import { adjustStock } from '../adjust-stock.js';
import { listItems } from '../list-items.js';
import { createItem, updateItem } from '../manage-items.js';
import { createLocation } from '../manage-locations.js';
import { createItemSupplier } from '../purchasing/manage-item-suppliers.js';
import { createSupplier } from '../purchasing/manage-suppliers.js';
import type { Store } from '../ports.js';
import { ok, type Result } from '../result.js';
import { buildCatalogue, DEMO_LOCATIONS, DEMO_SUPPLIERS, type DemoItem } from './catalogue.js';
import type { DemandSeries } from './demand-series.js';
import { DEMO_ACTOR, expectOk, setTime, type DemoClock, type DemoCounters, type DemoRun } from './demo-run.js';
import { customerService, discontinue, homeOf, monthlyHousekeeping, placeDemoOrder, shipReadyOrders } from './fulfilment.js';
import { addMonths, demoCustomers, planOrders } from './order-plan.js';
import { seededRandom } from './random.js';
import { createReplenisher } from './replenisher.js';

export interface DemoOptions {
  /** Months of history to replay, ending today. */
  readonly months: number;
  readonly seed: number;
  /** The real current time; nothing is dated after it. */
  readonly now: Date;
  readonly onProgress?: (done: number, total: number, step: string) => void;
}

export interface DemoSummary extends DemoCounters {
  readonly from: string;
  readonly to: string;
  readonly locations: number;
  readonly suppliers: number;
  readonly items: number;
  readonly statuses: Record<AvailabilityStatus, number>;
  readonly backorderedUnits: number;
}

const BEST_SELLERS = 10;

/**
 * Fills a database with a realistic story built from monthly demand histories: locations,
 * suppliers, a catalogue, opening stock, then day by day over the last `months` months the
 * demand replayed as backdated orders, weekly purchase orders and their (sometimes late or split)
 * receipts, shipments, cancellations, escalations, cycle counts, transfers and two items
 * discontinued. Everything goes through the ordinary use cases, so every invariant holds and the
 * ledger, the events and lost demand read as if the shop had run for real.
 */
export async function seedDemo(store: Store, clock: DemoClock, series: readonly DemandSeries[], options: DemoOptions): Promise<Result<DemoSummary>> {
  const random = seededRandom(options.seed);
  const items = buildCatalogue(series, options.months, random);
  const today = options.now.toISOString().slice(0, 10);
  const from = addDays(addMonths(today, -options.months), 1);
  const orders = planOrders(items, demoCustomers(random), from, options.now, random);
  const counters: DemoCounters = { ordersPlaced: 0, ordersRejected: 0, ordersCancelled: 0, shipments: 0, purchaseOrders: 0, receipts: 0, unitsLost: 0 };
  const run: DemoRun = { store, clock, random, items, now: options.now, counters };
  const days = daysBetween(from, today) + 1;
  const progress = (done: number, step: string) => options.onProgress?.(done, days + 2, step);

  progress(0, 'catalogue');
  await setUp(run, addDays(from, -1));
  progress(1, 'replaying orders');
  const replenisher = createReplenisher(run);
  const bestSellers = [...items].sort((a, b) => sum(b.demand) - sum(a.demand)).slice(0, BEST_SELLERS);
  const externalBase = await existingOrders(store);
  let next = 0;
  for (let index = 0; index < days; index += 1) {
    const day = addDays(from, index);
    const month = monthOf(from, day);
    await replenisher.receive(day);
    for (const item of items.filter((i) => i.discontinueMonth === month && addMonths(from, month) === day)) await discontinue(run, day, item);
    for (; next < orders.length && (orders[next] as (typeof orders)[number]).at.slice(0, 10) === day; next += 1) {
      await placeDemoOrder(run, orders[next] as (typeof orders)[number], `SO-${String(externalBase + next + 1).padStart(6, '0')}`);
    }
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    if (weekday === 1) await replenisher.reviewAll(day, month);
    if (weekday === 5) await customerService(run, day);
    if (day.slice(8) === '15') await monthlyHousekeeping(run, day, bestSellers);
    if (index === days - 6) await replenisher.redateHeldUp(day);
    if (index < days - 1) await shipReadyOrders(run, day);
    progress(index + 1, 'replaying orders');
  }
  await refreshPromises(run);
  progress(days + 2, 'done');
  return ok(await summarize(run, from, today));
}

async function setUp(run: DemoRun, day: string): Promise<void> {
  setTime(run, day, '06:00');
  for (const location of DEMO_LOCATIONS) await ignoreConflict(createLocation(run.store, location, DEMO_ACTOR), 'a location');
  for (const { code, name, email, leadTimeDays } of DEMO_SUPPLIERS) await ignoreConflict(createSupplier(run.store, { code, name, email, leadTimeDays }, DEMO_ACTOR), 'a supplier');
  const created: DemoItem[] = [];
  for (const item of run.items) {
    const { sku, name, unitPrice, unitCost, backorderPolicy, backorderLimit, lowStockThreshold, leadTimeDays } = item;
    const result = await createItem(run.store, { sku, name, unitPrice, unitCost, backorderPolicy, backorderLimit, lowStockThreshold, leadTimeDays }, DEMO_ACTOR);
    if (!result.ok && result.code === 'CONFLICT') continue;
    expectOk(result, `creating ${sku}`);
    created.push(item);
  }
  for (const item of created) {
    const substitutes = item.substitutes.filter((s) => created.some((c) => c.sku === s));
    if (substitutes.length > 0) expectOk(await updateItem(run.store, item.sku, { substitutes }, DEMO_ACTOR), 'substitutes');
    expectOk(await createItemSupplier(run.store, {
      sku: item.sku, supplier: item.supplier, supplierSku: item.supplierSku, unitCost: item.unitCost, moq: item.moq, packSize: item.packSize, preferred: true,
    }, DEMO_ACTOR), 'an item–supplier link');
  }
  setTime(run, day, '07:00');
  for (const item of created) {
    if (item.openingStock > 0) {
      expectOk(await adjustStock(run.store, { sku: item.sku, location: homeOf(item), count: item.openingStock, reason: 'opening balance' }, DEMO_ACTOR), 'opening stock');
    }
  }
}

/** Promise dates as of today: estimated ones move with the clock, so they are worked out once more now. */
async function refreshPromises(run: DemoRun): Promise<void> {
  run.clock.set(run.now);
  for (const item of await allItems(run.store)) {
    if (item.backordered > 0) expectOk(await updateItem(run.store, item.sku, {}, DEMO_ACTOR), 'refreshing promise dates');
  }
}

async function summarize(run: DemoRun, from: string, to: string): Promise<DemoSummary> {
  const statuses: Record<AvailabilityStatus, number> = { in_stock: 0, low_stock: 0, backorder: 0, out_of_stock: 0 };
  const items = await allItems(run.store);
  for (const item of items) statuses[item.status] += 1;
  return {
    from,
    to,
    locations: DEMO_LOCATIONS.length,
    suppliers: DEMO_SUPPLIERS.length,
    items: items.length,
    statuses,
    backorderedUnits: items.reduce((total, i) => total + i.backordered, 0),
    ...run.counters,
  };
}

async function allItems(store: Store) {
  const all = [];
  let cursor: string | undefined;
  do {
    const page = expectOk(await listItems(store, { cursor, limit: 500 }), 'listing items');
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return all;
}

async function existingOrders(store: Store): Promise<number> {
  return store.read(async (tx) => (await tx.listOrders({ limit: 1 }))[0]?.id ?? 0);
}

async function ignoreConflict(result: Promise<Result<unknown>>, what: string): Promise<void> {
  const outcome = await result;
  if (!outcome.ok && outcome.code !== 'CONFLICT') expectOk(outcome, `creating ${what}`);
}

function monthOf(from: string, day: string): number {
  let month = 0;
  while (addMonths(from, month + 1) <= day) month += 1;
  return month;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, x) => total + x, 0);
}
