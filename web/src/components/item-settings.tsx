import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import type { ChangedItem, Item } from '../api/types';
import { useAction } from '../api/use-action';
import { draftOfItem, itemFieldsOf, type ItemDraft } from '../item-draft';
import { FormStatus } from './form-status';
import { ItemFields } from './item-fields';
import { useFollowedDraft } from './use-followed-draft';
import { useFormCheck } from './use-form-check';

/**
 * Edits an item's settings (PATCH /items/{sku}): above all whether it takes backorders when
 * nothing is available (and how many units may wait) or is out of stock, its prices, lead time,
 * low-stock threshold, substitutes and whether it is discontinued. Read-only keys do not see it.
 */
export function ItemSettings({ item, onChanged }: { readonly item: Item; readonly onChanged: () => void }) {
  const mayChange = useMayChange();
  // A change saved here or elsewhere (another tab, the API) shows once the item is read again.
  const [draft, setDraft, sending] = useFollowedDraft<ItemDraft>(draftOfItem(item));
  const action = useAction();
  const form = useFormCheck(action);
  // What the last save left people to know (discontinuing an item customers still wait for), until the next one.
  const [warnings, setWarnings] = useState<ChangedItem['warnings']>([]);
  if (!mayChange) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = itemFieldsOf(draft);
    // One message at a time: a refusal here replaces the last save's answer.
    if (!form.check('refusal' in parsed ? parsed.refusal : null) || !('fields' in parsed)) return;
    setWarnings([]);
    const done = await action.run(() => api.patch<ChangedItem>(`/items/${encodeURIComponent(item.sku)}`, parsed.fields), () => `Saved the settings of ${item.sku}.`);
    if (done) {
      setWarnings(done.warnings);
      sending(draft);
      onChanged();
    }
  }
  return (
    <details className="card" style={{ marginTop: '0.75rem' }}>
      <summary>Edit item settings</summary>
      <form ref={form.ref} onSubmit={submit} aria-label={`Settings of ${item.sku}`} noValidate style={{ marginTop: '0.5rem' }}>
        <ItemFields idPrefix="item" draft={draft} onChange={setDraft} form={form} />
        <label className="choice" style={{ marginTop: '0.5rem' }}>
          <input type="checkbox" {...form.marks('discontinued')} checked={draft.discontinued} onChange={(e) => setDraft({ ...draft, discontinued: e.target.checked })} />Discontinued: sell what is on hand, take no more backorders, leave out of planning
        </label>
        <div className="actions" style={{ marginTop: '0.75rem' }}>
          <button type="submit" className="primary" disabled={action.busy}>Save settings</button>
          <button type="button" onClick={() => { setDraft(draftOfItem(item)); form.check(null); }} disabled={action.busy}>Undo changes</button>
        </div>
        <FormStatus form={form} action={action} />
        {warnings.length > 0 ? (
          <div className="notice notice-warn" role="status" data-testid="item-warnings">
            <ul>{warnings.map((w) => <li key={w.code}>{w.message}</li>)}</ul>
            {warnings.some((w) => w.code === 'DISCONTINUED_WITH_BACKORDERS') ? <p className="small">To cancel them all, use “Cancel every waiting backorder” under the backorder queue below.</p> : null}
          </div>
        ) : null}
      </form>
    </details>
  );
}
