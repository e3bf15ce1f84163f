import { planClawback, planRehoming } from '../domain/clawback.js';
import type { Item, Location } from '../domain/types.js';
import { moveLineAllocations } from './move-line-allocations.js';
import type { NewEvent, NewMovement, Store, UnitOfWork } from './ports.js';
import { countOf, unitCount } from './unit-count.js';
import { fail, invalid, ok, type Result } from './result.js';
import { snapshotStatuses } from './item-status.js';
import { recordSettingChange } from './audit-trail.js';
import { settleItems } from './settle-items.js';
import { checkInteger, checkKnownFields, checkSku, checkText, firstFailure, isRecord } from './validate.js';

/**
 * Creates a stock location; codes follow the sku alphabet so they are safe in URLs and CSV, and
 * differ from every other code in more than letter case.
 */
export async function createLocation(store: Store, input: unknown, actor: string): Promise<Result<Location>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['code', 'name', 'priority', 'active']),
    checkSku('code', input['code']),
    checkText('name', input['name']),
    input['priority'] !== undefined ? checkInteger('priority', input['priority'], -1_000_000, 1_000_000) : null,
    input['active'] !== undefined && typeof input['active'] !== 'boolean' ? invalid('active', 'must be true or false') : null,
  );
  if (failure) return failure;
  const location = {
    code: input['code'] as string,
    name: input['name'] as string,
    priority: (input['priority'] as number | undefined) ?? 0,
    active: (input['active'] as boolean | undefined) ?? true,
  };
  return store.transaction(async (tx) => {
    await tx.lockLocationCreation();
    const others = await tx.listLocations();
    if (others.some((l) => l.code === location.code)) return fail('CONFLICT', `code: a location with code ${location.code} already exists`, { field: 'code' });
    // EAST and east would read as one place on a pick list, but allocate as two.
    const twin = others.find((l) => l.code.toLowerCase() === location.code.toLowerCase());
    if (twin) return fail('CONFLICT', `code: location ${twin.code} already exists; codes that differ only in case would be read as one place`, { field: 'code' });
    const created = await tx.insertLocation(location);
    await recordSettingChange(tx, actor, { subjectType: 'location', subjectKey: created.code, action: 'created', before: null, after: created });
    return ok(created);
  });
}

/** Units orders still hold at a location a change deactivated, because no active location has them free. */
export interface StillAllocatedWarning {
  readonly code: 'STILL_ALLOCATED';
  readonly message: string;
  readonly units: number;
  readonly items: readonly LeftAllocated[];
}

/** A location as changed, with the allocated units its deactivation moved and what its changer should know. */
export interface UpdatedLocation extends Location {
  readonly movedAllocations: number;
  readonly warnings: readonly StillAllocatedWarning[];
}

/**
 * Renames, re-prioritises or (de)activates a location. Activating one makes its stock count
 * again, so waiting backorders of its items are filled in the same transaction. Deactivating one
 * moves the units orders hold there to free units at active locations, as placement would take
 * them, so those orders are served from where stock is offered; what no other location has free
 * stays allocated there (it can still be shipped from there) and a warning says how much.
 */
export async function updateLocation(store: Store, code: string, input: unknown, actor: string): Promise<Result<UpdatedLocation>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['name', 'priority', 'active']),
    input['name'] !== undefined ? checkText('name', input['name']) : null,
    input['priority'] !== undefined ? checkInteger('priority', input['priority'], -1_000_000, 1_000_000) : null,
    input['active'] !== undefined && typeof input['active'] !== 'boolean' ? invalid('active', 'must be true or false') : null,
  );
  if (failure) return failure;
  return store.transaction(async (tx) => {
    // Locked before its stocked items are listed: a first stock level made there meanwhile waits,
    // and then sees the location as this change leaves it.
    const [location] = await tx.lockLocations([code], 'settings');
    if (!location) return fail('NOT_FOUND', `code: no location with code ${code}`, { field: 'code' });
    const stocked = (await tx.stockedItemsAt(location.id)).sort((a, b) => a - b);
    const items = await tx.lockItems(stocked);
    const before = await snapshotStatuses(tx, items);
    const closing = location.active && input['active'] === false;
    const away = closing ? await moveAllocationsAway(tx, location, items, actor) : { moved: 0, left: [] };
    await tx.updateLocation(location.id, input as Partial<Location>);
    await settleItems(tx, stocked, before, actor);
    const [updated] = await tx.findLocations([code]);
    await recordSettingChange(tx, actor, { subjectType: 'location', subjectKey: code, action: 'updated', before: location, after: updated ?? null });
    return ok({ ...(updated as Location), movedAllocations: away.moved, warnings: away.left.length > 0 ? [stillAllocated(location, away.left)] : [] });
  });
}

/** Units of one item orders still hold at a location after its allocations were moved away. */
export interface LeftAllocated {
  readonly sku: string;
  readonly units: number;
  readonly orders: number;
}

/**
 * Moves every allocation held at `location` to free units at the other active locations (see
 * planRehoming); returns the units moved and, per item, what stays because no other location has it free.
 */
async function moveAllocationsAway(tx: UnitOfWork, location: Location, items: readonly Item[], actor: string): Promise<{ moved: number; left: LeftAllocated[] }> {
  const left: LeftAllocated[] = [];
  let moved = 0;
  const movements: NewMovement[] = [];
  const events: NewEvent[] = [];
  for (const item of items) {
    const allocations = await tx.allocationsAt(item.id, location.id);
    const held = allocations.reduce((sum, a) => sum + a.allocated, 0);
    if (held === 0) continue;
    const elsewhere = (await tx.stocksOf([item.id])).filter((s) => s.locationId !== location.id);
    const rehomed = planRehoming(planClawback(allocations, held), elsewhere);
    const customers = await tx.orderCustomers([...new Set(rehomed.filter((r) => r.moves.length > 0).map((r) => r.orderId))]);
    for (const line of rehomed) {
      const moved = await moveLineAllocations(tx, { item, from: location, line, elsewhere, why: `${location.code} was deactivated`, customer: customers.get(line.orderId), actor });
      movements.push(...moved.movements);
      events.push(...moved.events);
    }
    const staying = rehomed.filter((r) => r.backordered > 0);
    const units = staying.reduce((sum, r) => sum + r.backordered, 0);
    moved += held - units;
    if (units > 0) left.push({ sku: item.sku, units, orders: new Set(staying.map((r) => r.orderId)).size });
  }
  await tx.insertMovements(movements);
  await tx.insertEvents(events);
  return { moved, left };
}

function stillAllocated(location: Location, left: readonly LeftAllocated[]): StillAllocatedWarning {
  const what = left.map((l) => `${unitCount(l.units)} of ${l.sku} (${countOf(l.orders, 'order')})`);
  const listed = what.length <= 3 ? what.join(', ') : `${what.slice(0, 3).join(', ')} and ${countOf(what.length - 3, 'more item')}`;
  return {
    code: 'STILL_ALLOCATED',
    message: `${location.code} still holds ${listed} allocated to orders, because no active location has them free: they stay reserved there and can be shipped from ${location.code}, but the network's figures leave them out while it is inactive`,
    units: left.reduce((sum, l) => sum + l.units, 0),
    items: left,
  };
}
