import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import type { Item } from '../api/types';
import { useAction } from '../api/use-action';
import { parseMoney, parseWholeNumber } from '../parse-input';
import { ActionStatus } from './action-status';

/** The form's text for each editable field of an item. */
interface Draft {
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

function draftOf(item: Item): Draft {
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

/** The PATCH body for a draft, or the first problem with it, in words naming the field. */
function patchOf(draft: Draft): { body: Record<string, unknown> } | { problem: string } {
  if (draft.name.trim() === '') return { problem: 'Name must not be empty.' };
  const unitPrice = parseMoney(draft.unitPrice);
  if (unitPrice === null) return { problem: 'Unit price must be an amount such as 12.50 (at most 20,000,000.00).' };
  const unitCost = parseMoney(draft.unitCost);
  if (unitCost === null) return { problem: 'Unit cost must be an amount such as 7.25 (at most 20,000,000.00).' };
  // The limit only shows (and only matters) while the item takes backorders.
  const takesBackorders = draft.backorderPolicy === 'allow';
  const backorderLimit = !takesBackorders || draft.backorderLimit.trim() === '' ? null : parseWholeNumber(draft.backorderLimit, 1_000_000_000);
  if (takesBackorders && backorderLimit === null && draft.backorderLimit.trim() !== '') return { problem: 'Backorder limit must be a whole number of units, or empty for no limit.' };
  const lowStockThreshold = parseWholeNumber(draft.lowStockThreshold, 1_000_000_000);
  if (lowStockThreshold === null) return { problem: 'Low-stock threshold must be a whole number of units.' };
  const leadTimeDays = parseWholeNumber(draft.leadTimeDays, 3650);
  if (leadTimeDays === null) return { problem: 'Lead time must be a whole number of days from 0 to 3650.' };
  const substitutes = draft.substitutes.split(',').map((s) => s.trim()).filter((s) => s !== '');
  return {
    body: {
      name: draft.name.trim(), unitPrice, unitCost, backorderPolicy: draft.backorderPolicy, ...(takesBackorders ? { backorderLimit } : {}),
      lowStockThreshold, leadTimeDays, substitutes, discontinued: draft.discontinued,
    },
  };
}

/**
 * Edits an item's settings (PATCH /items/{sku}): above all whether it takes backorders when
 * nothing is available (and how many units may wait) or is out of stock, its prices, lead time,
 * low-stock threshold, substitutes and whether it is discontinued. Read-only keys do not see it.
 */
export function ItemSettings({ item, onChanged }: { readonly item: Item; readonly onChanged: () => void }) {
  const mayChange = useMayChange();
  const [draft, setDraft] = useState<Draft>(() => draftOf(item));
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  // A change saved here or elsewhere (another tab, the API) shows once the item is read again.
  const saved = JSON.stringify(draftOf(item));
  useEffect(() => setDraft(draftOf(item)), [saved]);
  if (!mayChange) return null;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((current) => ({ ...current, [key]: value }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const patch = patchOf(draft);
    setProblem('problem' in patch ? patch.problem : null);
    // One message at a time: a refusal here replaces the last save's answer.
    action.clear();
    if ('problem' in patch) return;
    const done = await action.run(() => api.patch<Item>(`/items/${encodeURIComponent(item.sku)}`, patch.body), () => `Saved the settings of ${item.sku}.`);
    if (done) onChanged();
  }
  return (
    <details className="card" style={{ marginTop: '0.75rem' }}>
      <summary>Edit item settings</summary>
      <form onSubmit={submit} aria-label={`Settings of ${item.sku}`} noValidate style={{ marginTop: '0.5rem' }}>
        <fieldset>
          <legend>When nothing is available</legend>
          <label className="choice">
            <input type="radio" name="backorder-policy" value="allow" checked={draft.backorderPolicy === 'allow'} onChange={() => set('backorderPolicy', 'allow')} />
            Take backorders: orders wait and are filled in queue order when stock arrives
          </label>
          <label className="choice">
            <input type="radio" name="backorder-policy" value="deny" checked={draft.backorderPolicy === 'deny'} onChange={() => set('backorderPolicy', 'deny')} />
            Out of stock: refuse orders beyond what is available
          </label>
          {draft.backorderPolicy === 'allow' ? (
            <div className="field">
              <label htmlFor="item-backorder-limit">Most units that may wait at once (empty: no limit)</label>
              <input id="item-backorder-limit" inputMode="numeric" value={draft.backorderLimit} onChange={(e) => set('backorderLimit', e.target.value)} />
            </div>
          ) : null}
        </fieldset>
        <div className="form-grid" style={{ marginTop: '0.5rem' }}>
          <div className="field"><label htmlFor="item-name">Name</label><input id="item-name" maxLength={200} value={draft.name} onChange={(e) => set('name', e.target.value)} /></div>
          <div className="field"><label htmlFor="item-price">Unit price</label><input id="item-price" inputMode="decimal" value={draft.unitPrice} onChange={(e) => set('unitPrice', e.target.value)} /></div>
          <div className="field"><label htmlFor="item-cost">Unit cost</label><input id="item-cost" inputMode="decimal" value={draft.unitCost} onChange={(e) => set('unitCost', e.target.value)} /></div>
          <div className="field"><label htmlFor="item-lead-time">Lead time (days)</label><input id="item-lead-time" inputMode="numeric" value={draft.leadTimeDays} onChange={(e) => set('leadTimeDays', e.target.value)} /></div>
          <div className="field"><label htmlFor="item-low-stock">Low-stock threshold (units)</label><input id="item-low-stock" inputMode="numeric" value={draft.lowStockThreshold} onChange={(e) => set('lowStockThreshold', e.target.value)} /></div>
          <div className="field"><label htmlFor="item-substitutes">Substitutes (skus, comma-separated)</label><input id="item-substitutes" value={draft.substitutes} onChange={(e) => set('substitutes', e.target.value)} /></div>
        </div>
        <label className="choice" style={{ marginTop: '0.5rem' }}>
          <input type="checkbox" checked={draft.discontinued} onChange={(e) => set('discontinued', e.target.checked)} />Discontinued: sell what is on hand, take no more backorders, leave out of planning
        </label>
        <div className="actions" style={{ marginTop: '0.75rem' }}>
          <button type="submit" className="primary" disabled={action.busy}>Save settings</button>
          <button type="button" onClick={() => { setDraft(draftOf(item)); setProblem(null); action.clear(); }} disabled={action.busy}>Undo changes</button>
        </div>
        {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
        <ActionStatus action={action} />
      </form>
    </details>
  );
}
