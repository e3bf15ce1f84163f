import type { Location } from '../domain/types.js';
import type { Store } from './ports.js';
import { fail, invalid, ok, type Result } from './result.js';
import { snapshotStatuses } from './item-status.js';
import { recordSettingChange } from './audit-trail.js';
import { settleItems } from './settle-items.js';
import { checkInteger, checkKnownFields, checkSku, checkText, firstFailure, isRecord } from './validate.js';

/** Creates a stock location; codes follow the sku alphabet so they are safe in URLs and CSV. */
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
    const [existing] = await tx.findLocations([location.code]);
    if (existing) return fail('CONFLICT', `code: a location with code ${location.code} already exists`, { field: 'code' });
    const created = await tx.insertLocation(location);
    await recordSettingChange(tx, actor, { subjectType: 'location', subjectKey: created.code, action: 'created', before: null, after: created });
    return ok(created);
  });
}

/**
 * Renames, re-prioritises or (de)activates a location. Activating one makes its stock count
 * again, so waiting backorders of its items are filled in the same transaction.
 */
export async function updateLocation(store: Store, code: string, input: unknown, actor: string): Promise<Result<Location>> {
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
    if (!location) return fail('NOT_FOUND', `no location with code ${code}`, { field: 'code' });
    const stocked = (await tx.stockedItemsAt(location.id)).sort((a, b) => a - b);
    const items = await tx.lockItems(stocked);
    const before = await snapshotStatuses(tx, items);
    await tx.updateLocation(location.id, input as Partial<Location>);
    await settleItems(tx, stocked, before, actor);
    const [updated] = await tx.findLocations([code]);
    await recordSettingChange(tx, actor, { subjectType: 'location', subjectKey: code, action: 'updated', before: location, after: updated ?? null });
    return ok(updated as Location);
  });
}
