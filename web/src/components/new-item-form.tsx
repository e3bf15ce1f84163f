import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import type { Item } from '../api/types';
import { useAction } from '../api/use-action';
import { itemFieldsOf, NEW_ITEM_DRAFT, type ItemDraft } from '../item-draft';
import { CODE_PATTERN } from '../parse-input';
import { href } from '../router';
import { FormStatus } from './form-status';
import { ItemFields } from './item-fields';
import { useFormCheck } from './use-form-check';

/**
 * Adds an item to the catalogue (POST /items) with every field a person sets when listing it:
 * sku and name, price and cost, lead time, low-stock threshold, substitutes, and whether it
 * takes backorders (up to a limit) when nothing is available or is out of stock; then opens it.
 */
export function NewItemForm() {
  const mayChange = useMayChange();
  const [sku, setSku] = useState('');
  const [draft, setDraft] = useState<ItemDraft>(NEW_ITEM_DRAFT);
  const action = useAction();
  const form = useFormCheck(action);
  if (!mayChange) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = CODE_PATTERN.test(sku.trim())
      // Money left empty on a new item is 0, as the API's own default.
      ? itemFieldsOf({ ...draft, unitPrice: draft.unitPrice.trim() || '0', unitCost: draft.unitCost.trim() || '0' })
      : { refusal: { field: 'sku', message: 'Sku must be 1–64 letters, digits, dots, underscores or hyphens.' } };
    if (!form.check('refusal' in parsed ? parsed.refusal : null) || !('fields' in parsed)) return;
    const created = await action.run(() => api.post<Item>('/items', { sku: sku.trim(), ...parsed.fields }), (item) => `Added ${item.sku}.`);
    if (created) window.location.hash = href(['items', created.sku]);
  }
  return (
    <details className="card" style={{ marginBottom: '0.75rem' }}>
      <summary>Add an item</summary>
      <form ref={form.ref} onSubmit={submit} aria-label="New item" noValidate style={{ marginTop: '0.5rem' }}>
        <ItemFields idPrefix="new-item" draft={draft} onChange={setDraft} form={form}>
          <div className="field"><label htmlFor="new-item-sku">Sku</label><input id="new-item-sku" maxLength={64} {...form.marks('sku')} value={sku} onChange={(e) => setSku(e.target.value)} /></div>
        </ItemFields>
        <div className="actions" style={{ marginTop: '0.75rem' }}>
          <button type="submit" className="primary" disabled={action.busy}>Add item</button>
        </div>
        <FormStatus form={form} action={action} />
      </form>
    </details>
  );
}
