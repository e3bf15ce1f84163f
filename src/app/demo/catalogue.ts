import type { DemandSeries } from './demand-series.js';
import type { Random } from './random.js';

export interface DemoLocation {
  readonly code: string;
  readonly name: string;
  readonly priority: number;
}

export interface DemoSupplier {
  readonly code: string;
  readonly name: string;
  readonly email: string;
  readonly leadTimeDays: number;
  /** Where its deliveries are received. */
  readonly location: string;
  /** Days a delivery may come before (negative) or after its expected date. */
  readonly lateness: readonly [number, number];
  /** Share of the catalogue it supplies. */
  readonly share: number;
  /** Its shipments sent in this many last days are held up (a disruption the demo ends in); 0 for none. */
  readonly heldUpDays: number;
}

/** An item of the demo catalogue: its public fields, its supplier and how it is replenished. */
export interface DemoItem {
  readonly sku: string;
  readonly name: string;
  readonly unitPrice: number;
  readonly unitCost: number;
  readonly backorderPolicy: 'allow' | 'deny';
  readonly backorderLimit: number | null;
  readonly lowStockThreshold: number;
  readonly leadTimeDays: number;
  readonly substitutes: readonly string[];
  readonly supplier: string;
  readonly supplierSku: string;
  readonly moq: number;
  readonly packSize: number;
  /** Reorder when the inventory position (on hand + incoming − allocated − backordered) is at or below this. */
  readonly reorderPoint: number;
  readonly orderQuantity: number;
  readonly openingStock: number;
  /** Window month after which it is no longer bought, and the month it is marked discontinued (null: neither). */
  readonly stopBuyingMonth: number | null;
  readonly discontinueMonth: number | null;
  /** Units asked for in each month of the replayed window. */
  readonly demand: readonly number[];
}

export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  { code: 'MAIN', name: 'Central warehouse', priority: 0 },
  { code: 'EAST', name: 'East depot', priority: 1 },
  { code: 'SHOP', name: 'Trade counter', priority: 2 },
];

export const DEMO_SUPPLIERS: readonly DemoSupplier[] = [
  { code: 'NORDPARTS', name: 'Nordic Parts Wholesale', email: 'orders@nordparts.example', leadTimeDays: 6, location: 'EAST', lateness: [-1, 2], share: 0.45, heldUpDays: 0 },
  { code: 'EUROMOTIVE', name: 'Euromotive GmbH', email: 'sales@euromotive.example', leadTimeDays: 12, location: 'MAIN', lateness: [-2, 6], share: 0.35, heldUpDays: 100 },
  { code: 'FAREAST', name: 'Far East Components Ltd', email: 'export@fareast.example', leadTimeDays: 35, location: 'MAIN', lateness: [0, 14], share: 0.2, heldUpDays: 200 },
];

const PART_TYPES: readonly (readonly [string, number, number])[] = [
  ['brake pad set, front', 2800, 9500], ['brake pad set, rear', 2400, 8000], ['brake disc, front', 3500, 12000], ['oil filter', 600, 1800],
  ['air filter', 900, 3200], ['cabin filter', 1000, 2800], ['fuel filter', 1200, 4500], ['spark plug', 400, 1500], ['glow plug', 1200, 3500],
  ['wiper blade 600 mm', 900, 2500], ['timing belt kit', 6500, 22000], ['water pump', 4500, 16000], ['alternator', 14000, 42000],
  ['starter motor', 12000, 38000], ['shock absorber, front', 4500, 15000], ['shock absorber, rear', 3800, 12000], ['coil spring', 3000, 9000],
  ['control arm', 4000, 14000], ['tie rod end', 1500, 4500], ['wheel bearing kit', 3500, 11000], ['CV joint kit', 4000, 13000],
  ['clutch kit', 12000, 38000], ['radiator', 9000, 28000], ['thermostat', 1500, 5000], ['headlamp bulb H7', 500, 2000],
  ['tail lamp', 4000, 15000], ['lambda sensor', 4500, 14000], ['ABS sensor', 3000, 9000], ['ignition coil', 3500, 11000],
  ['fuel pump', 8000, 25000], ['exhaust gasket', 300, 1200], ['drive belt', 1500, 4500], ['engine mount', 3500, 12000],
  ['brake hose', 1200, 3500], ['brake caliper', 6000, 18000],
];
const BRANDS = ['Bosch', 'Valeo', 'TRW', 'Febi', 'Mann', 'Mahle', 'NGK', 'Denso', 'Sachs', 'SKF', 'Gates', 'Hella', 'Brembo', 'Monroe'];
const VEHICLES = ['Toyota Corolla E11', 'VW Golf IV', 'Ford Focus Mk1', 'Opel Astra G', 'Honda Civic EJ', 'Renault Clio II', 'Peugeot 206', 'VW Passat B5', 'Ford Fiesta Mk4', 'Fiat Punto 188', 'Audi A4 B5', 'BMW 3 Series E46', 'Nissan Almera N16'];
const SUBSTITUTE_PAIRS = 20;
const DISCONTINUED = 2;
const REVIEW_DAYS = 7;

/**
 * Turns demand histories into a catalogue: names, prices and costs, a mix of backorder policies
 * (allow, allow with a limit, deny), low-stock thresholds, substitute pairs, two items that will be
 * discontinued, and (s, Q) replenishment parameters planned from the months before the window,
 * some generous and some tight, so the replay ends with every status represented.
 */
export function buildCatalogue(series: readonly DemandSeries[], windowMonths: number, random: Random): DemoItem[] {
  const drafts = series.map((s) => draftItem(s, windowMonths, random));
  const slowest = [...drafts].sort((a, b) => sum(a.demand.slice(-12)) - sum(b.demand.slice(-12)) || a.sku.localeCompare(b.sku)).slice(0, DISCONTINUED).map((d) => d.sku);
  const pairs = pairUp(drafts.filter((d) => !slowest.includes(d.sku)), random);
  return drafts.map((draft) => {
    const partner = pairs.get(draft.sku);
    const discontinuing = slowest.includes(draft.sku);
    // The second of a pair becomes the same part as the first, from another brand, at a nearby price.
    const alike = partner?.second ? alternative(draft, partner.other, random) : {};
    const { brand: _brand, type: _type, vehicle: _vehicle, ...fields } = draft;
    return {
      ...fields,
      ...alike,
      substitutes: partner ? [partner.other.sku] : [],
      stopBuyingMonth: discontinuing ? Math.max(0, windowMonths - 12) : null,
      discontinueMonth: discontinuing ? Math.max(1, windowMonths - 5) : null,
    };
  });
}

interface Draft extends Omit<DemoItem, 'substitutes' | 'stopBuyingMonth' | 'discontinueMonth'> {
  readonly brand: string;
  readonly type: string;
  readonly vehicle: string;
}

function draftItem(series: DemandSeries, windowMonths: number, random: Random): Draft {
  const window = series.monthly.slice(-windowMonths);
  const before = series.monthly.slice(0, -windowMonths);
  const history = before.length >= 6 ? before : series.monthly;
  const mean = sum(history) / history.length;
  const variance = history.reduce((total, x) => total + (x - mean) ** 2, 0) / Math.max(1, history.length - 1);
  const [type, low, high] = random.pick(PART_TYPES);
  const brand = random.pick(BRANDS);
  const vehicle = random.pick(VEHICLES);
  // Fast movers sit at the cheap end of their range, as they do in real catalogues.
  const priceShare = Math.min(1, random.next() * (mean > 2 ? 0.5 : 1));
  const unitPrice = Math.max(99, Math.round((low + (high - low) * priceShare) / 100) * 100 - 1);
  const unitCost = Math.round(unitPrice * (0.5 + random.next() * 0.2));
  const supplier = random.weighted(DEMO_SUPPLIERS, DEMO_SUPPLIERS.map((s) => s.share));
  const packSize = unitPrice < 2000 ? random.pick([1, 2, 4, 10]) : 1;
  const moq = supplier.code === 'FAREAST' ? packSize * 2 : packSize;
  const tight = random.chance(0.35);
  const z = tight ? 0 : 1 + random.next() * 0.8;
  const cover = tight ? 1 : random.pick([1, 1.5, 2, 3]);
  const protection = supplier.leadTimeDays + REVIEW_DAYS;
  const daily = mean / 30.4;
  const reorderPoint = Math.round(daily * protection + z * Math.sqrt((variance / 30.4) * protection));
  const orderQuantity = roundUp(Math.max(moq, Math.ceil(mean * cover), 1), packSize);
  const policy = random.chance(0.25) ? 'deny' : 'allow';
  const limited = policy === 'allow' && random.chance(0.25);
  return {
    sku: `CP-${series.part}`,
    name: nameFor(type, brand, vehicle),
    brand,
    type,
    vehicle,
    unitPrice,
    unitCost,
    backorderPolicy: policy,
    backorderLimit: limited ? Math.max(2, Math.round(mean)) : null,
    // "Low" once stock falls to about half the reorder point, i.e. while a reorder is on its way.
    lowStockThreshold: Math.max(1, Math.round(reorderPoint / 2)),
    leadTimeDays: supplier.leadTimeDays,
    supplier: supplier.code,
    supplierSku: `${supplier.code.slice(0, 2)}-${series.part}`,
    moq,
    packSize,
    reorderPoint,
    orderQuantity,
    openingStock: reorderPoint + Math.ceil(orderQuantity / 2),
    demand: window,
  };
}

/** Pairs of items that may stand in for each other. */
function pairUp(drafts: readonly Draft[], random: Random): Map<string, { other: Draft; second: boolean }> {
  const pool = [...drafts];
  const pairs = new Map<string, { other: Draft; second: boolean }>();
  for (let n = 0; n < SUBSTITUTE_PAIRS && pool.length >= 2; n += 1) {
    const first = pool.splice(random.int(0, pool.length - 1), 1)[0] as Draft;
    const second = pool.splice(random.int(0, pool.length - 1), 1)[0] as Draft;
    pairs.set(first.sku, { other: second, second: false });
    pairs.set(second.sku, { other: first, second: true });
  }
  return pairs;
}

function alternative(draft: Draft, first: Draft, random: Random): Pick<DemoItem, 'name' | 'unitPrice' | 'unitCost'> {
  const brand = draft.brand === first.brand ? BRANDS[(BRANDS.indexOf(draft.brand) + 1) % BRANDS.length] as string : draft.brand;
  const unitPrice = Math.max(99, Math.round((first.unitPrice * (0.8 + random.next() * 0.4)) / 100) * 100 - 1);
  return { name: nameFor(first.type, brand, first.vehicle), unitPrice, unitCost: Math.round(unitPrice * (0.5 + random.next() * 0.2)) };
}

function nameFor(type: string, brand: string, vehicle: string): string {
  return `${brand} ${type} – ${vehicle}`;
}

function roundUp(quantity: number, pack: number): number {
  return Math.ceil(quantity / pack) * pack;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, x) => total + x, 0);
}
