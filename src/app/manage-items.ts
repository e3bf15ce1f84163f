import type { Item } from '../domain/types.js';
import type { NewItem, Store, UnitOfWork } from './ports.js';
import { fail, invalid, ok, Rollback, type Failure, type Result } from './result.js';
import { recordSettingChange } from './audit-trail.js';
import { settleItems } from './settle-items.js';
import { snapshotStatuses } from './item-status.js';
import { countWaiting, incomingUnitsOf } from './waiting-backorders.js';
import { countOf, unitCount } from './unit-count.js';
import {
  checkInteger, checkKnownFields, checkOneOf, checkSku, checkText, firstFailure, isRecord, MAX_QUANTITY,
} from './validate.js';

const ITEM_FIELDS = ['sku', 'name', 'unitPrice', 'unitCost', 'backorderPolicy', 'backorderLimit', 'lowStockThreshold', 'leadTimeDays', 'substitutes', 'discontinued'] as const;
const MAX_MONEY = 2_000_000_000;
export const DEFAULT_LEAD_TIME_DAYS = 14;
/** Counters kept on the item row by the ledger (not settings) stay out of the audit trail. */
const ITEM_AUDIT = { ignore: ['backordered'] };

/** Creates an item; its sku must be new. */
export async function createItem(store: Store, input: unknown, actor: string): Promise<Result<Item>> {
  const parsed = parseItemFields(input, true);
  if (!parsed.ok) return parsed;
  const fields = parsed.value;
  const item: NewItem = {
    sku: fields.sku as string,
    name: fields.name as string,
    unitPrice: fields.unitPrice ?? 0,
    unitCost: fields.unitCost ?? 0,
    backorderPolicy: fields.backorderPolicy ?? 'deny',
    backorderLimit: fields.backorderLimit ?? null,
    lowStockThreshold: fields.lowStockThreshold ?? 0,
    leadTimeDays: fields.leadTimeDays ?? DEFAULT_LEAD_TIME_DAYS,
    substitutes: fields.substitutes ?? [],
    discontinued: fields.discontinued ?? false,
  };
  return store.transaction(async (tx) => {
    const [existing] = await tx.findItems([item.sku]);
    if (existing) return fail('CONFLICT', `sku: an item with sku ${item.sku} already exists`, { field: 'sku' });
    const substituteCheck = await checkSubstitutesExist(tx, item.sku, item.substitutes);
    if (substituteCheck) return substituteCheck;
    const created = await tx.insertItem(item);
    await tx.insertEvents([{ type: 'item.created', subjectType: 'item', subjectId: created.sku, payload: created }]);
    await recordSettingChange(tx, actor, { subjectType: 'item', subjectKey: created.sku, action: 'created', before: null, after: created }, ITEM_AUDIT);
    return ok(created);
  });
}

/**
 * Something people should know about a change that was made: discontinuing an item while units of
 * it still wait in its backorder queue (nothing fills them unless stock comes) or are on open
 * purchase orders (the supplier may still deliver).
 */
export interface ItemWarning {
  readonly code: 'DISCONTINUED_WITH_BACKORDERS' | 'DISCONTINUED_WITH_INCOMING';
  readonly message: string;
  readonly waitingLines: number;
  readonly waitingUnits: number;
  readonly waitingOrders: number;
  readonly incomingUnits: number;
}

/** An item as a change left it, with what its changer should know. */
export interface ChangedItem extends Item {
  readonly warnings: readonly ItemWarning[];
}

/**
 * Changes an item's fields; a policy change that makes stock serve the queue takes effect at once.
 * Discontinuing an item that customers still wait for, or that is still on order, says so.
 */
export async function updateItem(store: Store, sku: string, input: unknown, actor: string): Promise<Result<ChangedItem>> {
  const parsed = parseItemFields(input, false);
  if (!parsed.ok) return parsed;
  if (parsed.value.sku !== undefined && parsed.value.sku !== sku) return invalid('sku', 'cannot be changed');
  const { sku: _ignored, ...patch } = parsed.value;
  return store.transaction(async (tx) => {
    const [found] = await tx.findItems([sku]);
    if (!found) return fail('NOT_FOUND', `no item with sku ${sku}`, { field: 'sku' });
    const [item] = await tx.lockItems([found.id]);
    if (!item) return fail('NOT_FOUND', `no item with sku ${sku}`);
    if (patch.substitutes) {
      const substituteCheck = await checkSubstitutesExist(tx, sku, patch.substitutes);
      if (substituteCheck) throw new Rollback(substituteCheck);
    }
    const before = await snapshotStatuses(tx, [item]);
    await tx.updateItem(item.id, patch);
    await settleItems(tx, [item.id], before, actor);
    const [updated] = await tx.lockItems([item.id]);
    await recordSettingChange(tx, actor, { subjectType: 'item', subjectKey: sku, action: 'updated', before: item, after: updated ?? null }, ITEM_AUDIT);
    const discontinuing = patch.discontinued === true && !item.discontinued;
    return ok({ ...(updated as Item), warnings: discontinuing ? await discontinueWarnings(tx, item) : [] });
  });
}

async function discontinueWarnings(tx: UnitOfWork, item: Item): Promise<ItemWarning[]> {
  const waiting = countWaiting(await tx.waitingLinesOf(item.id));
  const incomingUnits = await incomingUnitsOf(tx, item.id);
  if (waiting.units === 0 && incomingUnits === 0) return [];
  const counts = { waitingLines: waiting.lines, waitingUnits: waiting.units, waitingOrders: waiting.orders, incomingUnits };
  const onOrder = `${unitCount(incomingUnits)} ${incomingUnits === 1 ? 'is' : 'are'} still on open purchase orders`;
  if (waiting.units === 0) {
    return [{ code: 'DISCONTINUED_WITH_INCOMING', message: `${item.sku} is discontinued, but ${onOrder}: cancel them with the supplier if they should not come.`, ...counts }];
  }
  const who = `${unitCount(waiting.units)} on ${countOf(waiting.lines, 'line')} of ${countOf(waiting.orders, 'order')} still ${waiting.units === 1 ? 'waits' : 'wait'} for it`;
  const outlook = incomingUnits === 0
    ? 'no purchase order is open, so nothing will fill them unless stock is ordered for them'
    : `${onOrder}, which fill them in queue order; any beyond those wait until more is ordered`;
  return [{
    code: 'DISCONTINUED_WITH_BACKORDERS',
    message: `${item.sku} is discontinued, but ${who}: ${outlook}. Cancel the waiting backorders (each customer is told) or let them wait.`,
    ...counts,
  }];
}

async function checkSubstitutesExist(tx: Parameters<Parameters<Store['transaction']>[0]>[0], sku: string, substitutes: readonly string[]): Promise<Failure | null> {
  if (substitutes.includes(sku)) return invalid('substitutes', 'an item cannot substitute itself');
  const found = await tx.findItems(substitutes);
  const missing = substitutes.filter((s) => !found.some((f) => f.sku === s));
  return missing.length > 0 ? invalid('substitutes', `unknown sku ${missing.join(', ')}`) : null;
}

type ItemFields = Partial<Omit<NewItem, 'substitutes'> & { substitutes: string[] }>;

function parseItemFields(input: unknown, creating: boolean): Result<ItemFields> {
  if (!isRecord(input)) return invalid('body', 'must be an object');
  const unknownField = checkKnownFields('', input, ITEM_FIELDS);
  if (unknownField) return unknownField;
  const has = (key: string) => input[key] !== undefined;
  const failure = firstFailure(
    creating || has('sku') ? checkSku('sku', input['sku']) : null,
    creating || has('name') ? checkText('name', input['name']) : null,
    has('unitPrice') ? checkInteger('unitPrice', input['unitPrice'], 0, MAX_MONEY) : null,
    has('unitCost') ? checkInteger('unitCost', input['unitCost'], 0, MAX_MONEY) : null,
    has('backorderPolicy') ? checkOneOf('backorderPolicy', input['backorderPolicy'], ['deny', 'allow']) : null,
    has('backorderLimit') && input['backorderLimit'] !== null ? checkInteger('backorderLimit', input['backorderLimit'], 0, MAX_QUANTITY) : null,
    has('lowStockThreshold') ? checkInteger('lowStockThreshold', input['lowStockThreshold'], 0, MAX_QUANTITY) : null,
    has('leadTimeDays') ? checkInteger('leadTimeDays', input['leadTimeDays'], 0, 3650) : null,
    has('discontinued') && typeof input['discontinued'] !== 'boolean' ? invalid('discontinued', 'must be true or false') : null,
    has('substitutes') ? checkSubstitutes(input['substitutes']) : null,
  );
  if (failure) return failure;
  return ok(input as ItemFields);
}

function checkSubstitutes(value: unknown): Failure | null {
  if (!Array.isArray(value)) return invalid('substitutes', 'must be a list of skus');
  if (value.length > 20) return invalid('substitutes', 'must have at most 20 skus');
  for (const [index, sku] of value.entries()) {
    const failure = checkSku(`substitutes[${index}]`, sku);
    if (failure) return failure;
  }
  if (new Set(value).size !== value.length) return invalid('substitutes', 'must not repeat a sku');
  return null;
}
