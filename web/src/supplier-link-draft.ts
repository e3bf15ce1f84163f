import type { ItemSupplier } from './api/types';
import type { Refusal } from './components/use-form-check';
import { parseMoney, parseWholeNumber } from './parse-input';

/** The most units a minimum order or pack may be (the API's MAX_QUANTITY). */
const MAX_UNITS = 1_000_000_000;
/** The longest lead time the API takes, in days. */
const MAX_LEAD_TIME_DAYS = 3650;

/** The text typed for an item–supplier link's fields, as the link forms hold it. */
export interface LinkDraft {
  readonly supplierSku: string;
  readonly unitCost: string;
  readonly leadTimeDays: string;
  readonly moq: string;
  readonly packSize: string;
  readonly preferred: boolean;
}

/** A new link before anything is typed: every field left to its default. */
export const NEW_LINK_DRAFT: LinkDraft = { supplierSku: '', unitCost: '', leadTimeDays: '', moq: '', packSize: '', preferred: false };

/** A saved link as its form shows it (money as 12.50; an empty lead time is the supplier's). */
export function draftOfLink(link: ItemSupplier): LinkDraft {
  return {
    supplierSku: link.supplierSku ?? '',
    unitCost: (link.unitCost / 100).toFixed(2),
    leadTimeDays: link.leadTimeDays === null ? '' : String(link.leadTimeDays),
    moq: String(link.moq),
    packSize: String(link.packSize),
    preferred: link.preferred,
  };
}

/**
 * The API fields of a link's draft (POST or PATCH /suppliers/{code}/items…), or the first refusal
 * naming its field. An empty field is left to its default when creating (`saved` absent: the
 * item's cost, the supplier's lead time, 1 unit); when changing, only fields that differ from
 * `saved` are sent, and an emptied supplier sku or lead time is cleared (null).
 */
export function linkFieldsOf(draft: LinkDraft, saved?: ItemSupplier): { readonly fields: Readonly<Record<string, unknown>> } | { readonly refusal: Refusal } {
  const refuse = (field: string, message: string) => ({ refusal: { field, message } });
  const supplierSku = draft.supplierSku.trim() === '' ? null : draft.supplierSku.trim();
  if (supplierSku !== null && supplierSku.length > 100) return refuse('supplierSku', 'Supplier sku must be at most 100 characters.');
  const unitCost = draft.unitCost.trim() === '' && !saved ? undefined : parseMoney(draft.unitCost);
  if (unitCost === null) return refuse('unitCost', `Unit cost must be an amount such as 7.25${saved ? '' : ', or empty for the item’s cost'}.`);
  const leadTimeDays = draft.leadTimeDays.trim() === '' ? null : parseWholeNumber(draft.leadTimeDays, MAX_LEAD_TIME_DAYS);
  if (draft.leadTimeDays.trim() !== '' && leadTimeDays === null) return refuse('leadTimeDays', 'Lead time must be a whole number of days from 0 to 3650, or empty for the supplier’s.');
  const units = (text: string) => (text.trim() === '' && !saved ? undefined : parseWholeNumber(text, MAX_UNITS));
  const moq = units(draft.moq);
  if (moq === null || moq === 0) return refuse('moq', `Minimum order must be a whole number of at least 1${saved ? '' : ', or empty for 1'}.`);
  const packSize = units(draft.packSize);
  if (packSize === null || packSize === 0) return refuse('packSize', `Pack size must be a whole number of at least 1${saved ? '' : ', or empty for 1'}.`);
  const fields: Record<string, unknown> = { supplierSku, unitCost, leadTimeDays, moq, packSize, preferred: draft.preferred };
  for (const [key, value] of Object.entries(fields)) {
    const unchanged = saved ? saved[key as keyof ItemSupplier] === value : value === undefined || value === null || value === false;
    if (unchanged) delete fields[key];
  }
  return { fields };
}
