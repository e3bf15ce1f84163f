import { useRef, useState, type FormEvent } from 'react';
import { useMayChange } from '../api/permissions';
import { ReadOnlyNote } from './read-only-note';
import { api } from '../api/client';
import { countOf } from '../format';
import type { Location, PurchaseOrder } from '../api/types';
import { useAction } from '../api/use-action';
import { useRetryKey } from '../api/use-retry-key';
import { ROUTES } from '../api/routes';
import { useResource } from '../api/use-resource';
import { parseWholeNumber } from '../parse-input';
import { formLineField } from './form-line-field';
import { FormStatus } from './form-status';
import { useFormCheck, type Refusal } from './use-form-check';

/** The most units one receipt line takes (the API's MAX_QUANTITY). */
const MAX_UNITS = 1_000_000_000;

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
  const retry = useRetryKey();
  // Lines left at 0 are not sent: the API's lines[k] is the form's line sent[k].
  const sent = useRef<readonly number[]>([]);
  const form = useFormCheck(action, (field) => formLineField(field, sent.current));
  const chosen = location || active[0]?.code || '';
  async function submit(event: FormEvent) {
    event.preventDefault();
    const typed = lines.map((line, index) => ({ line, index, units: unitsOf(quantities[line.id] ?? '') }));
    if (!form.check(receiptProblem(typed))) return;
    const received = typed.filter((t) => (t.units ?? 0) > 0);
    sent.current = received.map((t) => t.index);
    const body = {
      location: chosen,
      lines: received.map((t) => ({ lineId: t.line.id, quantity: t.units ?? 0 })),
      ...(overReceipt ? { allowOverReceipt: true } : {}),
    };
    const done = await action.run(
      () => api.post(ROUTES.receivePurchaseOrder(order.id), body, retry.keyFor({ order: order.id, ...body })),
      () => `Received ${countOf(body.lines.reduce((s, l) => s + l.quantity, 0), 'unit')} into ${chosen}; customers waiting for them, if any, were served first, in queue order.`,
    );
    if (done !== undefined) {
      retry.answered();
      setQuantities({});
      setOverReceipt(false);
      onReceived();
    }
  }
  if (lines.length === 0) return null;
  const id = `receive-${order.id}`;
  return (
    <form ref={form.ref} className="receive" onSubmit={submit} aria-label={`Receive purchase order ${order.id}`} noValidate>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-location`}>Into location</label>
          <select id={`${id}-location`} {...form.marks('location')} value={chosen} onChange={(e) => setLocation(e.target.value)}>
            {active.map((l) => <option key={l.code} value={l.code}>{l.code} · {l.name}</option>)}
          </select>
        </div>
        {lines.map((l, index) => (
          <div className="field" key={l.id}>
            <label htmlFor={`${id}-line-${l.id}`}>{l.sku}: units received (open {l.open})</label>
            <input id={`${id}-line-${l.id}`} type="number" min={0} step={1} {...form.marks(`lines[${index}].quantity`)} value={quantities[l.id] ?? ''} placeholder="0"
              onChange={(e) => setQuantities((q) => ({ ...q, [l.id]: e.target.value }))} />
          </div>
        ))}
        <div className="field field-inline">
          <input id={`${id}-over`} type="checkbox" {...form.marks('allowOverReceipt')} checked={overReceipt} onChange={(e) => setOverReceipt(e.target.checked)} />
          <label htmlFor={`${id}-over`}>The supplier sent more than ordered: accept it (allowOverReceipt)</label>
        </div>
        <div><button type="submit" className="primary" disabled={action.busy || !chosen}>Receive</button></div>
      </div>
      <FormStatus form={form} action={action} />
    </form>
  );
}

/** Units typed for a line: empty is none; null when not a whole number. */
function unitsOf(text: string): number | null {
  return text.trim() === '' ? 0 : parseWholeNumber(text, MAX_UNITS);
}

/** What is wrong with the units typed per line, naming the line's field, or null. */
function receiptProblem(typed: readonly { readonly line: { readonly sku: string }; readonly index: number; readonly units: number | null }[]): Refusal | null {
  const bad = typed.find((t) => t.units === null);
  if (bad) return { field: `lines[${bad.index}].quantity`, message: `Units received of ${bad.line.sku} must be a whole number (0 or empty for none).` };
  return typed.some((t) => (t.units ?? 0) > 0) ? null : { field: 'lines[0].quantity', message: 'Enter the units received on at least one line.' };
}
