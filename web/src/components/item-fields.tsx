import type { ReactNode } from 'react';
import type { ItemDraft } from '../item-draft';
import type { FormCheck } from './use-form-check';

/**
 * The inputs of the item fields a person sets, shared by "Add an item" and an item's settings:
 * name, money, lead time, low-stock threshold, substitutes, then whether the item takes
 * backorders when nothing is available (and how many units may wait) or is out of stock.
 * `children` come first in the grid (the new item's sku).
 */
export function ItemFields({ idPrefix, draft, onChange, form, children }: {
  readonly idPrefix: string;
  readonly draft: ItemDraft;
  readonly onChange: (draft: ItemDraft) => void;
  readonly form: FormCheck;
  readonly children?: ReactNode;
}) {
  const text = (field: 'name' | 'unitPrice' | 'unitCost' | 'leadTimeDays' | 'lowStockThreshold' | 'substitutes' | 'backorderLimit', label: string, extra: { readonly inputMode?: 'decimal' | 'numeric'; readonly maxLength?: number; readonly placeholder?: string } = {}) => (
    <div className="field">
      <label htmlFor={`${idPrefix}-${field}`}>{label}</label>
      <input id={`${idPrefix}-${field}`} {...extra} {...form.marks(field)} value={draft[field]} onChange={(e) => onChange({ ...draft, [field]: e.target.value })} />
    </div>
  );
  return (
    <>
      <div className="form-grid">
        {children}
        {text('name', 'Name', { maxLength: 200 })}
        {text('unitPrice', 'Unit price', { inputMode: 'decimal', placeholder: '0.00' })}
        {text('unitCost', 'Unit cost', { inputMode: 'decimal', placeholder: '0.00' })}
        {text('leadTimeDays', 'Lead time (days)', { inputMode: 'numeric' })}
        {text('lowStockThreshold', 'Low-stock threshold (units)', { inputMode: 'numeric' })}
        {text('substitutes', 'Substitutes (skus, comma-separated)')}
      </div>
      <fieldset style={{ marginTop: '0.5rem' }}>
        <legend>When nothing is available</legend>
        <label className="choice">
          <input type="radio" name={`${idPrefix}-policy`} value="allow" {...form.marks('backorderPolicy')} checked={draft.backorderPolicy === 'allow'} onChange={() => onChange({ ...draft, backorderPolicy: 'allow' })} />
          Take backorders: orders wait and are filled in queue order when stock arrives
        </label>
        <label className="choice">
          <input type="radio" name={`${idPrefix}-policy`} value="deny" {...form.marks('backorderPolicy')} checked={draft.backorderPolicy === 'deny'} onChange={() => onChange({ ...draft, backorderPolicy: 'deny' })} />
          Out of stock: refuse orders beyond what is available
        </label>
        {draft.backorderPolicy === 'allow' ? text('backorderLimit', 'Most units that may wait at once (empty: no limit)', { inputMode: 'numeric' }) : null}
      </fieldset>
    </>
  );
}
