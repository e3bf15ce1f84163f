import type { Item } from './api/types';
import type { Refusal } from './components/use-form-check';
import { CODE_PATTERN, parseMoney, parseWholeNumber } from './parse-input';

/** The most units a count of the API takes (src/app/validate.ts MAX_QUANTITY). */
const MAX_UNITS = 1_000_000_000;
/** The most substitutes an item may name (the API's limit). */
const MAX_SUBSTITUTES = 20;

/** The text typed for each item field a person sets, as the item forms hold it (POST and PATCH /items). */
export interface ItemDraft {
  readonly name: string;
  readonly unitPrice: string;
  readonly unitCost: string;
  readonly backorderPolicy: 'allow' | 'deny';
  readonly backorderLimit: string;
  readonly lowStockThreshold: string;
  readonly leadTimeDays: string;
  readonly substitutes: string;
  readonly discontinued: boolean;
}

/** A new item before anything is typed: the API's defaults (no low-stock threshold, 14 days' lead time), taking backorders. */
export const NEW_ITEM_DRAFT: ItemDraft = {
  name: '', unitPrice: '', unitCost: '', backorderPolicy: 'allow', backorderLimit: '', lowStockThreshold: '0', leadTimeDays: '14', substitutes: '', discontinued: false,
};

/** An item's saved settings as the form shows them (money as 12.50). */
export function draftOfItem(item: Item): ItemDraft {
  return {
    name: item.name,
    unitPrice: (item.unitPrice / 100).toFixed(2),
    unitCost: (item.unitCost / 100).toFixed(2),
    backorderPolicy: item.backorderPolicy,
    backorderLimit: item.backorderLimit === null ? '' : String(item.backorderLimit),
    lowStockThreshold: String(item.lowStockThreshold),
    leadTimeDays: String(item.leadTimeDays),
    substitutes: item.substitutes.join(', '),
    discontinued: item.discontinued,
  };
}

/**
 * The API fields of a draft, or the first refusal (in the order the form shows the fields) naming
 * its field. The backorder limit is sent only while the item takes backorders: it shows and
 * matters only then.
 */
export function itemFieldsOf(draft: ItemDraft): { readonly fields: Readonly<Record<string, unknown>> } | { readonly refusal: Refusal } {
  const refuse = (field: string, message: string) => ({ refusal: { field, message } });
  if (draft.name.trim() === '') return refuse('name', 'Name must not be empty.');
  const unitPrice = parseMoney(draft.unitPrice);
  if (unitPrice === null) return refuse('unitPrice', 'Unit price must be an amount such as 12.50 (at most 20,000,000.00).');
  const unitCost = parseMoney(draft.unitCost);
  if (unitCost === null) return refuse('unitCost', 'Unit cost must be an amount such as 7.25 (at most 20,000,000.00).');
  const leadTimeDays = parseWholeNumber(draft.leadTimeDays, 3650);
  if (leadTimeDays === null) return refuse('leadTimeDays', 'Lead time must be a whole number of days from 0 to 3650.');
  const lowStockThreshold = parseWholeNumber(draft.lowStockThreshold, MAX_UNITS);
  if (lowStockThreshold === null) return refuse('lowStockThreshold', 'Low-stock threshold must be a whole number of units.');
  const substitutes = draft.substitutes.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (substitutes.length > MAX_SUBSTITUTES || !substitutes.every((s) => CODE_PATTERN.test(s))) {
    return refuse('substitutes', `Substitutes must be skus separated by commas, at most ${MAX_SUBSTITUTES}.`);
  }
  const takesBackorders = draft.backorderPolicy === 'allow';
  const backorderLimit = !takesBackorders || draft.backorderLimit.trim() === '' ? null : parseWholeNumber(draft.backorderLimit, MAX_UNITS);
  if (takesBackorders && backorderLimit === null && draft.backorderLimit.trim() !== '') return refuse('backorderLimit', 'Backorder limit must be a whole number of units, or empty for no limit.');
  return {
    fields: {
      name: draft.name.trim(), unitPrice, unitCost, leadTimeDays, lowStockThreshold, substitutes,
      backorderPolicy: draft.backorderPolicy, ...(takesBackorders ? { backorderLimit } : {}), discontinued: draft.discontinued,
    },
  };
}
