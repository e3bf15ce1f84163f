import { useState, type FormEvent } from 'react';
import { useMayChange } from '../api/permissions';
import { ReadOnlyNote } from './read-only-note';
import { api } from '../api/client';
import type { Location } from '../api/types';
import { useAction } from '../api/use-action';
import { useRetryKey } from '../api/use-retry-key';
import { countOf } from '../format';
import { parseDelta, parseWholeNumber } from '../parse-input';
import { FormStatus } from './form-status';
import { useFormCheck, type Refusal } from './use-form-check';

/** The most units one adjustment or transfer moves (the API's MAX_QUANTITY). */
const MAX_UNITS = 1_000_000_000;

/**
 * Adjust (a delta or an absolute count, with a reason) and transfer (available units only)
 * for one item, as in SPEC §3; both write ledger rows, and freed units go to the queue. Stock
 * at an inactive location can still be counted and moved out; transfers go to active ones.
 */
export function StockActions({ sku, locations, onChanged }: { readonly sku: string; readonly locations: readonly Location[]; readonly onChanged: () => void }) {
  if (!useMayChange()) return <ReadOnlyNote what="adjust or move stock" />;
  return (
    <div className="grid-2">
      <AdjustForm sku={sku} locations={locations} onChanged={onChanged} />
      <TransferForm sku={sku} locations={locations} onChanged={onChanged} />
    </div>
  );
}

function AdjustForm({ sku, locations, onChanged }: { readonly sku: string; readonly locations: readonly Location[]; readonly onChanged: () => void }) {
  const [location, setLocation] = useState('');
  const [mode, setMode] = useState<'delta' | 'count'>('delta');
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const action = useAction();
  const form = useFormCheck(action);
  const retry = useRetryKey();
  const chosen = location || (locations.find((l) => l.active) ?? locations[0])?.code || '';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const value = mode === 'delta' ? parseDelta(amount, MAX_UNITS) : parseWholeNumber(amount, MAX_UNITS);
    const refusal: Refusal | null = value === null
      ? { field: mode, message: tooManyUnits(amount) ? `${mode === 'delta' ? 'Units to add' : 'Units counted'} must be at most ${MAX_UNITS.toLocaleString('en')} in size.` : mode === 'delta' ? 'Units to add must be a whole number other than 0 (negative removes).' : 'Units counted must be a whole number of 0 or more.' }
      : reason.trim() === '' ? { field: 'reason', message: 'Reason must not be empty: say why the stock changed (e.g. cycle count, damaged).' } : null;
    if (!form.check(refusal)) return;
    const body = { sku, location: chosen, [mode]: value, reason };
    const result = await action.run(
      () => api.post<{ onHand: number; returnedToQueue: number; backordersFilled: number }>('/stock/adjustments', body, retry.keyFor(body)),
      (r) => `Adjusted: ${chosen} now has ${r.onHand} on hand${r.returnedToQueue > 0 ? `; ${countOf(r.returnedToQueue, 'allocated unit')} went back to the queue` : ''}${r.backordersFilled > 0 ? `; ${countOf(r.backordersFilled, 'unit')} filled waiting backorders` : ''}.`,
    );
    if (result) {
      retry.answered();
      setAmount('');
      setReason('');
      onChanged();
    }
  }
  return (
    <form ref={form.ref} className="card" onSubmit={submit} aria-labelledby="adjust-title" noValidate>
      <h3 id="adjust-title">Adjust stock</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="adjust-location">Location</label>
          <select id="adjust-location" {...form.marks('location')} value={chosen} onChange={(e) => setLocation(e.target.value)}>
            {locations.map((l) => <option key={l.code} value={l.code}>{locationLabel(l)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="adjust-mode">Kind</label>
          <select id="adjust-mode" value={mode} onChange={(e) => setMode(e.target.value as 'delta' | 'count')}>
            <option value="delta">Change by (±units)</option>
            <option value="count">Counted (absolute units)</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="adjust-amount">{mode === 'delta' ? 'Units to add (negative removes)' : 'Units counted'}</label>
          <input id="adjust-amount" type="number" step={1} required {...form.marks(mode)} value={amount} onChange={(e) => setAmount(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="adjust-reason">Reason</label>
          <input id="adjust-reason" required maxLength={500} {...form.marks('reason')} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="e.g. cycle count, damaged" />
        </div>
      </div>
      <div className="actions" style={{ marginTop: '0.75rem' }}>
        <button type="submit" className="primary" disabled={action.busy || !chosen}>Apply adjustment</button>
      </div>
      <FormStatus form={form} action={action} />
    </form>
  );
}

function TransferForm({ sku, locations, onChanged }: { readonly sku: string; readonly locations: readonly Location[]; readonly onChanged: () => void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [quantity, setQuantity] = useState('');
  const action = useAction();
  const form = useFormCheck(action);
  const retry = useRetryKey();
  const active = locations.filter((l) => l.active);
  const source = from || (active[0] ?? locations[0])?.code || '';
  const target = to || active.find((l) => l.code !== source)?.code || '';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const units = parseWholeNumber(quantity, MAX_UNITS);
    if (!form.check(units === null || units === 0 ? { field: 'quantity', message: tooManyUnits(quantity) ? `Units must be at most ${MAX_UNITS.toLocaleString('en')}.` : 'Units must be a whole number of at least 1.' } : null)) return;
    const body = { sku, from: source, to: target, quantity: units };
    const result = await action.run(
      () => api.post<{ quantity: number; backordersFilled: number }>('/stock/transfers', body, retry.keyFor(body)),
      (r) => `Moved ${countOf(r.quantity, 'unit')} from ${source} to ${target}${r.backordersFilled > 0 ? `; ${countOf(r.backordersFilled, 'unit')} filled waiting backorders` : ''}.`,
    );
    if (result) {
      retry.answered();
      setQuantity('');
      onChanged();
    }
  }
  if (locations.length < 2 || active.length === 0) {
    return (
      <div className="card">
        <h3>Transfer stock</h3>
        <p className="muted">Transfers need at least two locations, one of them active; add one under Settings → Locations.</p>
      </div>
    );
  }
  return (
    <form ref={form.ref} className="card" onSubmit={submit} aria-labelledby="transfer-title" noValidate>
      <h3 id="transfer-title">Transfer stock</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor="transfer-from">From</label>
          <select id="transfer-from" {...form.marks('from')} value={source} onChange={(e) => setFrom(e.target.value)}>
            {locations.map((l) => <option key={l.code} value={l.code}>{locationLabel(l)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="transfer-to">To</label>
          <select id="transfer-to" {...form.marks('to')} value={target} onChange={(e) => setTo(e.target.value)}>
            {active.map((l) => <option key={l.code} value={l.code}>{locationLabel(l)}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="transfer-quantity">Units (available only)</label>
          <input id="transfer-quantity" type="number" min={1} step={1} required {...form.marks('quantity')} value={quantity} onChange={(e) => setQuantity(e.target.value)} />
        </div>
      </div>
      <div className="actions" style={{ marginTop: '0.75rem' }}>
        <button type="submit" className="primary" disabled={action.busy || source === target}>Transfer</button>
        {source === target ? <span className="muted small" data-testid="transfer-same-location">From and To are both {source}: choose another location to move the units to.</span> : null}
      </div>
      <FormStatus form={form} action={action} />
    </form>
  );
}

/** Whether `text` is a whole number of units, but more of them than one change may move. */
function tooManyUnits(text: string): boolean {
  const size = text.trim().replace(/^[-+]/, '');
  return /^\d+$/.test(size) && Number(size) > MAX_UNITS;
}

function locationLabel(location: Location): string {
  return `${location.code} · ${location.name}${location.active ? '' : ' (inactive)'}`;
}
