import { useState, type FormEvent } from 'react';
import { useMayChange } from '../api/permissions';
import { ReadOnlyNote } from './read-only-note';
import { api } from '../api/client';
import type { Location, PurchaseOrder } from '../api/types';
import { useAction } from '../api/use-action';
import { ROUTES } from '../api/routes';
import { useResource } from '../api/use-resource';
import { ActionStatus } from './action-status';

/**
 * Receives any part of a sent purchase order into one location (SPEC §5): the units go on the
 * shelf, fill the backorder queue in order, and move the remaining promise dates.
 */
export function ReceiveForm(props: { readonly order: PurchaseOrder; readonly onReceived: () => void; readonly onlySku?: string }) {
  return useMayChange() ? <ReceiveFormFields {...props} /> : <ReadOnlyNote what="receive purchase orders" />;
}

function ReceiveFormFields({ order, onReceived, onlySku }: { readonly order: PurchaseOrder; readonly onReceived: () => void; readonly onlySku?: string }) {
  const locations = useResource<{ items: readonly Location[] }>('/locations');
  const active = (locations.data?.items ?? []).filter((l) => l.active);
  const lines = order.lines.filter((l) => l.open > 0 && (!onlySku || l.sku === onlySku));
  const [location, setLocation] = useState('');
  const [quantities, setQuantities] = useState<Record<number, string>>({});
  const [overReceipt, setOverReceipt] = useState(false);
  const action = useAction();
  const chosen = location || active[0]?.code || '';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = {
      location: chosen,
      lines: lines.map((l) => ({ lineId: l.id, quantity: Number(quantities[l.id] ?? '0') })).filter((l) => l.quantity > 0),
      ...(overReceipt ? { allowOverReceipt: true } : {}),
    };
    const done = await action.run(
      () => api.post(ROUTES.receivePurchaseOrder(order.id), body),
      () => `Received ${body.lines.reduce((s, l) => s + l.quantity, 0)} units into ${chosen}; waiting backorders were filled in queue order.`,
    );
    if (done !== undefined) {
      setQuantities({});
      setOverReceipt(false);
      onReceived();
    }
  }
  if (lines.length === 0) return null;
  const id = `receive-${order.id}`;
  return (
    <form className="receive" onSubmit={submit} aria-label={`Receive purchase order ${order.id}`}>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-location`}>Into location</label>
          <select id={`${id}-location`} value={chosen} onChange={(e) => setLocation(e.target.value)}>
            {active.map((l) => <option key={l.code} value={l.code}>{l.code} · {l.name}</option>)}
          </select>
        </div>
        {lines.map((l) => (
          <div className="field" key={l.id}>
            <label htmlFor={`${id}-line-${l.id}`}>{l.sku}: units received (open {l.open})</label>
            <input id={`${id}-line-${l.id}`} type="number" min={0} step={1} value={quantities[l.id] ?? ''} placeholder="0"
              onChange={(e) => setQuantities((q) => ({ ...q, [l.id]: e.target.value }))} />
          </div>
        ))}
        <div className="field field-inline">
          <input id={`${id}-over`} type="checkbox" checked={overReceipt} onChange={(e) => setOverReceipt(e.target.checked)} />
          <label htmlFor={`${id}-over`}>The supplier sent more than ordered: accept it (allowOverReceipt)</label>
        </div>
        <div><button type="submit" className="primary" disabled={action.busy || !chosen}>Receive</button></div>
      </div>
      <ActionStatus action={action} />
    </form>
  );
}
