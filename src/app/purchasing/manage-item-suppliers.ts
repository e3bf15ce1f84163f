import type { Item } from '../../domain/types.js';
import { snapshotStatuses, type StatusSnapshot } from '../item-status.js';
import type { Store, UnitOfWork } from '../ports.js';
import { resolveItem } from '../resolve.js';
import { asFilter, fail, invalid, ok, type Failure, type Result } from '../result.js';
import { recordSettingChange } from '../audit-trail.js';
import { settleItems } from '../settle-items.js';
import { checkInteger, checkKnownFields, checkQuantity, checkSku, checkText, firstFailure, isRecord } from '../validate.js';
import { MAX_LEAD_TIME_DAYS } from './manage-suppliers.js';
import { MAX_MONEY } from './new-lines.js';
import type { ItemSupplierLink, ItemSupplierLinkPatch, Supplier } from './ports.js';
import { resolveSupplier } from './resolve-supplier.js';

/** The public shape of an item–supplier link. */
export interface ItemSupplierView {
  readonly sku: string;
  readonly supplier: string;
  readonly supplierSku: string | null;
  readonly unitCost: number;
  /** The link's own lead time; null when the supplier's default applies. */
  readonly leadTimeDays: number | null;
  /** The lead time that applies: the link's, else the supplier's. */
  readonly effectiveLeadTimeDays: number;
  readonly moq: number;
  readonly packSize: number;
  readonly preferred: boolean;
}

const LINK_FIELDS = ['supplierSku', 'unitCost', 'leadTimeDays', 'moq', 'packSize', 'preferred'] as const;

/**
 * Links an item to a supplier (supplier sku, unit cost, lead time, MOQ, pack size). Making it the
 * preferred link (the default for an item's first link) takes the flag from any other link of the
 * item: at most one is preferred, and its lead time moves the item's promise dates in the same
 * transaction.
 */
export async function createItemSupplier(store: Store, input: unknown, actor: string): Promise<Result<ItemSupplierView>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['sku', 'supplier', ...LINK_FIELDS]),
    checkSku('sku', input['sku']),
    checkSku('supplier', input['supplier']),
    checkLinkFields(input),
  );
  if (failure) return failure;
  const fields = input as ItemSupplierLinkPatch & { sku: string; supplier: string };
  return store.transaction(async (tx) => {
    const found = await resolveItem(tx, fields.sku);
    if (!found.ok) return found;
    const supplier = await lockSupplier(tx, fields.supplier);
    if (!supplier.ok) return supplier;
    const [item] = await tx.lockItems([found.value.id]);
    const links = await tx.purchasing.listLinks({ itemId: found.value.id });
    if (links.some((link) => link.supplierId === supplier.value.id)) {
      return fail('CONFLICT', `supplier: ${fields.sku} is already linked to ${fields.supplier}; change the link instead`, { field: 'supplier' });
    }
    // An item's first supplier is the one it is bought from unless told otherwise: drafted orders
    // and promise dates go by the preferred supplier, and an item with one link and none preferred
    // was left out of every draft.
    const preferred = fields.preferred ?? links.length === 0;
    const before = await snapshotStatuses(tx, [item as Item]);
    if (preferred) await takePreferredFromOtherLinks(tx, found.value.id, actor);
    await tx.purchasing.insertLink({
      itemId: found.value.id,
      supplierId: supplier.value.id,
      supplierSku: fields.supplierSku ?? null,
      unitCost: fields.unitCost ?? found.value.unitCost,
      leadTimeDays: fields.leadTimeDays ?? null,
      moq: fields.moq ?? 1,
      packSize: fields.packSize ?? 1,
      preferred,
    });
    if (preferred) await settleItems(tx, [found.value.id], before, actor);
    const created = await linkView(tx, found.value, supplier.value);
    await recordSettingChange(tx, actor, { subjectType: 'item_supplier', subjectKey: `${created.sku}/${created.supplier}`, action: 'created', before: null, after: created });
    return ok(created);
  });
}

/** Changes a link's fields; a change of the preferred flag or lead time refreshes promise dates. */
export async function updateItemSupplier(store: Store, sku: string, supplierCode: string, input: unknown, actor: string): Promise<Result<ItemSupplierView>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(checkKnownFields('', input, LINK_FIELDS), checkLinkFields(input));
  if (failure) return failure;
  const patch = input as ItemSupplierLinkPatch;
  return store.transaction(async (tx) => {
    const locked = await lockLink(tx, sku, supplierCode);
    if (!locked.ok) return locked;
    const { item, supplier, link, before } = locked.value;
    if (patch.preferred === true && !link.preferred) await takePreferredFromOtherLinks(tx, item.id, actor);
    await tx.purchasing.updateLink(item.id, supplier.id, patch);
    if (patch.preferred !== undefined || (link.preferred && patch.leadTimeDays !== undefined)) {
      await settleItems(tx, [item.id], before, actor);
    }
    const updated = await linkView(tx, item, supplier);
    await recordSettingChange(tx, actor, { subjectType: 'item_supplier', subjectKey: `${updated.sku}/${updated.supplier}`, action: 'updated', before: toLinkView(link), after: updated });
    return ok(updated);
  });
}

/**
 * Removes an item–supplier link (the supplier no longer offers the item on those terms). Orders
 * already made keep their lines; a preferred link's lead time stops applying, so the item's
 * promise dates follow in the same transaction.
 */
export async function deleteItemSupplier(store: Store, sku: string, supplierCode: string, actor: string): Promise<Result<ItemSupplierView>> {
  return store.transaction(async (tx) => {
    const locked = await lockLink(tx, sku, supplierCode);
    if (!locked.ok) return locked;
    const { item, supplier, link, before } = locked.value;
    await tx.purchasing.deleteLink(item.id, supplier.id);
    if (link.preferred) await settleItems(tx, [item.id], before, actor);
    const removed = toLinkView(link);
    await recordSettingChange(tx, actor, { subjectType: 'item_supplier', subjectKey: `${removed.sku}/${removed.supplier}`, action: 'deleted', before: removed, after: null });
    return ok(removed);
  });
}

/**
 * Takes the preferred flag from an item's links, before another link of it gets it (at most one is
 * preferred). Each link that loses it is recorded in the audit trail as changed: its supplier's
 * lead time no longer backs the item's estimated ETAs, and the trail must say who did that.
 */
async function takePreferredFromOtherLinks(tx: UnitOfWork, itemId: number, actor: string): Promise<void> {
  const demoted = (await tx.purchasing.listLinks({ itemId })).filter((l) => l.preferred).map(toLinkView);
  if (demoted.length === 0) return;
  await tx.purchasing.clearPreferred(itemId);
  for (const before of demoted) {
    await recordSettingChange(tx, actor, { subjectType: 'item_supplier', subjectKey: `${before.sku}/${before.supplier}`, action: 'updated', before, after: { ...before, preferred: false } });
  }
}

/** A link to change: its item (locked, with the status snapshot settling compares against), its supplier and itself. */
async function lockLink(tx: UnitOfWork, sku: string, supplierCode: string): Promise<Result<{ item: Item; supplier: Supplier; link: ItemSupplierLink; before: Map<number, StatusSnapshot> }>> {
  const found = await resolveItem(tx, sku);
  if (!found.ok) return found;
  const supplier = await lockSupplier(tx, supplierCode);
  if (!supplier.ok) return supplier;
  const [item] = await tx.lockItems([found.value.id]);
  const [link] = await tx.purchasing.listLinks({ itemId: found.value.id, supplierId: supplier.value.id });
  if (!item || !link) return fail('NOT_FOUND', `supplier: ${sku} is not linked to ${supplierCode}`, { field: 'supplier' });
  return ok({ item, supplier: supplier.value, link, before: await snapshotStatuses(tx, [item]) });
}

/**
 * The supplier of a link to change, locked (shared) before the item: a change of the supplier's
 * lead time, which locks it exclusively, then either waits for this link change and finds the item
 * among those taking its lead time, or commits first and this change works with the new one.
 */
async function lockSupplier(tx: UnitOfWork, code: string): Promise<Result<Supplier>> {
  const [supplier] = await tx.purchasing.lockSuppliers([code], 'shared');
  return supplier ? ok(supplier) : fail('NOT_FOUND', `supplier: no supplier with code ${code}`, { field: 'supplier' });
}

/** Links of one item, or of one supplier, or all of them; by sku, then supplier code. */
export async function listItemSuppliers(store: Store, filter: { readonly sku?: string; readonly supplier?: string } = {}): Promise<Result<ItemSupplierView[]>> {
  const failure = firstFailure(
    filter.sku !== undefined ? checkSku('sku', filter.sku) : null,
    filter.supplier !== undefined ? checkSku('supplier', filter.supplier) : null,
  );
  if (failure) return failure;
  return store.read(async (tx) => {
    let itemId: number | undefined;
    let supplierId: number | undefined;
    if (filter.sku !== undefined) {
      const item = await resolveItem(tx, filter.sku);
      if (!item.ok) return asFilter(item);
      itemId = item.value.id;
    }
    if (filter.supplier !== undefined) {
      const supplier = await resolveSupplier(tx, filter.supplier);
      if (!supplier.ok) return asFilter(supplier);
      supplierId = supplier.value.id;
    }
    const links = await tx.purchasing.listLinks({ ...(itemId !== undefined ? { itemId } : {}), ...(supplierId !== undefined ? { supplierId } : {}) });
    return ok(links.map(toLinkView));
  });
}

/** The public shape of a link: named by sku and supplier code, with the lead time that applies. */
export function toLinkView(link: ItemSupplierLink): ItemSupplierView {
  return {
    sku: link.sku,
    supplier: link.supplier,
    supplierSku: link.supplierSku,
    unitCost: link.unitCost,
    leadTimeDays: link.leadTimeDays,
    effectiveLeadTimeDays: link.leadTimeDays ?? link.supplierLeadTimeDays,
    moq: link.moq,
    packSize: link.packSize,
    preferred: link.preferred,
  };
}

async function linkView(tx: UnitOfWork, item: Item, supplier: Supplier): Promise<ItemSupplierView> {
  const [link] = await tx.purchasing.listLinks({ itemId: item.id, supplierId: supplier.id });
  return toLinkView(link as ItemSupplierLink);
}

function checkLinkFields(input: Record<string, unknown>): Failure | null {
  const has = (key: string) => input[key] !== undefined;
  return firstFailure(
    has('supplierSku') && input['supplierSku'] !== null ? checkText('supplierSku', input['supplierSku'], { max: 100 }) : null,
    has('unitCost') ? checkInteger('unitCost', input['unitCost'], 0, MAX_MONEY) : null,
    has('leadTimeDays') && input['leadTimeDays'] !== null ? checkInteger('leadTimeDays', input['leadTimeDays'], 0, MAX_LEAD_TIME_DAYS) : null,
    has('moq') ? checkQuantity('moq', input['moq']) : null,
    has('packSize') ? checkQuantity('packSize', input['packSize']) : null,
    has('preferred') && typeof input['preferred'] !== 'boolean' ? invalid('preferred', 'must be true or false') : null,
  );
}
