import { networkAvailable } from '../domain/allocation.js';
import { availabilityStatus } from '../domain/availability.js';
import { dateOf } from '../domain/dates.js';
import { promiseForNewBackorder } from '../domain/eta.js';
import type { AvailabilityStatus, Item } from '../domain/types.js';
import type { Store, UnitOfWork } from './ports.js';
import { invalid, ok, type Result } from './result.js';
import { checkSku } from './validate.js';

export interface ItemAvailability {
  readonly sku: string;
  readonly name: string;
  readonly status: AvailabilityStatus;
  readonly available: number;
  readonly onHand: number;
  readonly allocated: number;
  readonly incoming: number;
  readonly backordered: number;
  readonly projected: number;
  readonly backorderable: number | null;
  /** The date a backorder placed now would be promised (null unless the status is `backorder`). */
  readonly eta: string | null;
  readonly etaEstimated: boolean;
  readonly substitutes: readonly { readonly sku: string; readonly status: AvailabilityStatus; readonly available: number }[];
}

export const MAX_AVAILABILITY_SKUS = 200;

/** Availability of many items at once (SPEC §2), with each substitute's status. Unknown skus are a 4xx. */
export async function getAvailability(store: Store, skus: readonly string[]): Promise<Result<ItemAvailability[]>> {
  if (skus.length === 0) return invalid('sku', 'give at least one sku');
  if (skus.length > MAX_AVAILABILITY_SKUS) return invalid('sku', `give at most ${MAX_AVAILABILITY_SKUS} skus`);
  for (const [index, sku] of skus.entries()) {
    const failure = checkSku(`sku[${index}]`, sku);
    if (failure) return failure;
  }
  return store.snapshot(async (tx) => {
    const items = await tx.findItems(skus);
    const missing = skus.findIndex((s) => !items.some((i) => i.sku === s));
    if (missing >= 0) return invalid(`sku[${missing}]`, `no item with sku ${skus[missing]}`);
    const substitutes = await tx.findItems([...new Set(items.flatMap((i) => i.substitutes))]);
    const figures = await itemFigures(tx, [...items, ...substitutes]);
    const unique = [...new Set(skus)];
    const answers: ItemAvailability[] = [];
    for (const sku of unique) {
      const item = items.find((i) => i.sku === sku) as Item;
      answers.push(await describe(tx, item, figures, substitutes));
    }
    return ok(answers);
  });
}

interface Figures {
  readonly onHand: number;
  readonly allocated: number;
  readonly available: number;
  readonly incoming: number;
}

async function itemFigures(tx: UnitOfWork, items: readonly Item[]): Promise<Map<number, Figures>> {
  const stocks = await tx.stocksOf(items.map((i) => i.id));
  const figures = new Map<number, Figures>();
  for (const item of items) {
    const own = stocks.filter((s) => s.itemId === item.id && s.locationActive);
    const supply = await tx.incomingSupplyOf(item.id);
    figures.set(item.id, {
      onHand: own.reduce((sum, s) => sum + s.onHand, 0),
      allocated: own.reduce((sum, s) => sum + s.allocated, 0),
      available: networkAvailable(own),
      incoming: supply.reduce((sum, s) => sum + s.quantity, 0),
    });
  }
  return figures;
}

async function describe(tx: UnitOfWork, item: Item, figures: ReadonlyMap<number, Figures>, substitutes: readonly Item[]): Promise<ItemAvailability> {
  const own = figures.get(item.id) as Figures;
  const verdict = availabilityStatus({ ...item, available: own.available });
  let eta: string | null = null;
  let etaEstimated = false;
  if (verdict.status === 'backorder') {
    const queue = await tx.waitingLinesOf(item.id);
    const leadTime = (await tx.preferredLeadTimeDays(item.id)) ?? item.leadTimeDays;
    const promise = promiseForNewBackorder(queue, await tx.incomingSupplyOf(item.id), dateOf(new Date(tx.now)), leadTime);
    eta = promise.eta;
    etaEstimated = promise.estimated;
  }
  return {
    sku: item.sku,
    name: item.name,
    status: verdict.status,
    available: own.available,
    onHand: own.onHand,
    allocated: own.allocated,
    incoming: own.incoming,
    backordered: item.backordered,
    projected: own.onHand + own.incoming - own.allocated - item.backordered,
    backorderable: verdict.backorderable,
    eta,
    etaEstimated,
    substitutes: item.substitutes.flatMap((sku) => {
      const substitute = substitutes.find((s) => s.sku === sku);
      if (!substitute) return [];
      const available = (figures.get(substitute.id) as Figures).available;
      return [{ sku, status: availabilityStatus({ ...substitute, available }).status, available }];
    }),
  };
}
