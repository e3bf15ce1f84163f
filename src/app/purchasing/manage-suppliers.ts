import { DEFAULT_LEAD_TIME_DAYS } from '../manage-items.js';
import { snapshotStatuses } from '../item-status.js';
import type { Store } from '../ports.js';
import { fail, invalid, ok, type Failure, type Result } from '../result.js';
import { recordSettingChange } from '../audit-trail.js';
import { settleItems } from '../settle-items.js';
import { checkInteger, checkKnownFields, checkSku, checkText, firstFailure, isRecord } from '../validate.js';
import type { NewSupplier, Supplier, SupplierPatch } from './ports.js';
import { resolveSupplier } from './resolve-supplier.js';

/** The public shape of a supplier: named by its code, like a location. */
export type SupplierView = Omit<Supplier, 'id'>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_LEAD_TIME_DAYS = 3650;

/** Creates a supplier; its code (sku alphabet, so safe in URLs and CSV) must be new. */
export async function createSupplier(store: Store, input: unknown, actor: string): Promise<Result<SupplierView>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['code', 'name', 'email', 'leadTimeDays']),
    checkSku('code', input['code']),
    checkText('name', input['name']),
    checkSupplierFields(input),
  );
  if (failure) return failure;
  const supplier: NewSupplier = {
    code: input['code'] as string,
    name: input['name'] as string,
    email: (input['email'] as string | null | undefined) ?? null,
    leadTimeDays: (input['leadTimeDays'] as number | undefined) ?? DEFAULT_LEAD_TIME_DAYS,
  };
  return store.transaction(async (tx) => {
    const [existing] = await tx.purchasing.findSuppliers([supplier.code]);
    if (existing) return fail('CONFLICT', `code: a supplier with code ${supplier.code} already exists`, { field: 'code' });
    const created = supplierView(await tx.purchasing.insertSupplier(supplier));
    await recordSettingChange(tx, actor, { subjectType: 'supplier', subjectKey: created.code, action: 'created', before: null, after: created });
    return ok(created);
  });
}

/**
 * Changes a supplier's name, e-mail or default lead time. A new lead time moves the promise dates
 * of the items that take it from their preferred link, in the same transaction.
 */
export async function updateSupplier(store: Store, code: string, input: unknown, actor: string): Promise<Result<SupplierView>> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const failure = firstFailure(
    checkKnownFields('', input, ['name', 'email', 'leadTimeDays']),
    input['name'] !== undefined ? checkText('name', input['name']) : null,
    checkSupplierFields(input),
  );
  if (failure) return failure;
  const patch = input as SupplierPatch;
  return store.transaction(async (tx) => {
    // Locked before it is read, and before its items: a second change of the lead time waits and
    // compares against this one's, and a link change making an item take this lead time (which
    // locks the supplier too) is committed before the items are listed, or waits for this change.
    const [found] = await tx.purchasing.lockSuppliers([code], 'exclusive');
    if (!found) return fail('NOT_FOUND', `code: no supplier with code ${code}`, { field: 'code' });
    const affected = patch.leadTimeDays !== undefined && patch.leadTimeDays !== found.leadTimeDays
      ? await tx.purchasing.itemsUsingSupplierLeadTime(found.id)
      : [];
    const items = await tx.lockItems(affected);
    const before = await snapshotStatuses(tx, items);
    await tx.purchasing.updateSupplier(found.id, patch);
    await settleItems(tx, affected, before, actor);
    const updated = supplierView((await tx.purchasing.findSuppliers([code]))[0] as Supplier);
    await recordSettingChange(tx, actor, { subjectType: 'supplier', subjectKey: code, action: 'updated', before: supplierView(found), after: updated });
    return ok(updated);
  });
}

/** Every supplier, by code. */
export async function listSuppliers(store: Store): Promise<Result<SupplierView[]>> {
  return store.read(async (tx) => ok((await tx.purchasing.listSuppliers()).map(supplierView)));
}

/** One supplier by code. */
export async function getSupplier(store: Store, code: string): Promise<Result<SupplierView>> {
  const failure = checkSku('code', code);
  if (failure) return failure;
  return store.read(async (tx) => {
    const found = await resolveSupplier(tx, code, 'code');
    return found.ok ? ok(supplierView(found.value)) : found;
  });
}

/** A supplier without its internal id. */
export function supplierView(supplier: Supplier): SupplierView {
  const { id: _id, ...view } = supplier;
  return view;
}

function checkSupplierFields(input: Record<string, unknown>): Failure | null {
  const email = input['email'];
  return firstFailure(
    email !== undefined && email !== null && (typeof email !== 'string' || email.length > 254 || !EMAIL.test(email))
      ? invalid('email', 'must be an e-mail address')
      : null,
    input['leadTimeDays'] !== undefined ? checkInteger('leadTimeDays', input['leadTimeDays'], 0, MAX_LEAD_TIME_DAYS) : null,
  );
}
