import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import type { Item } from '../api/types';
import { useAction } from '../api/use-action';
import { CODE_PATTERN, parseMoney, parseWholeNumber } from '../parse-input';
import { href } from '../router';
import { ActionStatus } from './action-status';


/**
 * Adds an item to the catalogue (POST /items): its sku and name, whether it takes backorders
 * when nothing is available or is out of stock, its price and lead time; then opens it.
 */
export function NewItemForm() {
  const mayChange = useMayChange();
  const [sku, setSku] = useState('');
  const [name, setName] = useState('');
  const [policy, setPolicy] = useState<'allow' | 'deny'>('allow');
  const [price, setPrice] = useState('');
  const [leadTime, setLeadTime] = useState('14');
  const [problem, setProblem] = useState<string | null>(null);
  const action = useAction();
  if (!mayChange) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const unitPrice = price.trim() === '' ? 0 : parseMoney(price);
    const leadTimeDays = parseWholeNumber(leadTime, 3650);
    const found =
      !CODE_PATTERN.test(sku.trim()) ? 'Sku must be 1–64 letters, digits, dots, underscores or hyphens.'
        : name.trim() === '' ? 'Name must not be empty.'
          : unitPrice === null ? 'Unit price must be an amount such as 12.50, at most 20,000,000.00 (or empty for 0).'
            : leadTimeDays === null ? 'Lead time must be a whole number of days from 0 to 3650.' : null;
    setProblem(found);
    action.clear();
    if (found !== null) return;
    const created = await action.run(
      () => api.post<Item>('/items', { sku: sku.trim(), name: name.trim(), backorderPolicy: policy, unitPrice, leadTimeDays }),
      (item) => `Added ${item.sku}.`,
    );
    if (created) window.location.hash = href(['items', created.sku]);
  }
  return (
    <details className="card" style={{ marginBottom: '0.75rem' }}>
      <summary>Add an item</summary>
      <form onSubmit={submit} aria-label="New item" noValidate style={{ marginTop: '0.5rem' }}>
        <div className="form-grid">
          <div className="field"><label htmlFor="new-item-sku">Sku</label><input id="new-item-sku" maxLength={64} value={sku} onChange={(e) => setSku(e.target.value)} /></div>
          <div className="field"><label htmlFor="new-item-name">Name</label><input id="new-item-name" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} /></div>
          <div className="field"><label htmlFor="new-item-price">Unit price</label><input id="new-item-price" inputMode="decimal" value={price} onChange={(e) => setPrice(e.target.value)} placeholder="0.00" /></div>
          <div className="field"><label htmlFor="new-item-lead-time">Lead time (days)</label><input id="new-item-lead-time" inputMode="numeric" value={leadTime} onChange={(e) => setLeadTime(e.target.value)} /></div>
        </div>
        <fieldset style={{ marginTop: '0.5rem' }}>
          <legend>When nothing is available</legend>
          <label className="choice"><input type="radio" name="new-item-policy" checked={policy === 'allow'} onChange={() => setPolicy('allow')} />Take backorders: orders wait and are filled in queue order when stock arrives</label>
          <label className="choice"><input type="radio" name="new-item-policy" checked={policy === 'deny'} onChange={() => setPolicy('deny')} />Out of stock: refuse orders beyond what is available</label>
        </fieldset>
        <div className="actions" style={{ marginTop: '0.75rem' }}>
          <button type="submit" className="primary" disabled={action.busy}>Add item</button>
        </div>
        {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
        <ActionStatus action={action} />
      </form>
    </details>
  );
}
