import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMayChange } from '../api/permissions';
import { api } from '../api/client';
import { describeError } from '../api/describe-error';
import type { Order } from '../api/types';

/**
 * Changes an order's priority (PATCH /orders/{id}); the order moves in every queue it waits
 * in, so the caller reloads its queue afterwards.
 */
export function PriorityControl(props: { readonly orderId: number; readonly priority: number; readonly onChanged: () => void }) {
  return useMayChange() ? <PriorityFields {...props} /> : <span>{props.priority}</span>;
}

function PriorityFields({ orderId, priority, onChanged }: { readonly orderId: number; readonly priority: number; readonly onChanged: () => void }) {
  const [value, setValue] = useState(String(priority));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => setValue(String(priority)), [priority]);
  // An order waiting on several lines shows this control once per line: ids must differ per instance.
  const id = `priority-${orderId}-${useId()}`;
  async function save(event: FormEvent) {
    event.preventDefault();
    // An empty box is not 0 (Number('') is): it is refused like any other non-number.
    const next = value.trim() === '' ? Number.NaN : Number(value);
    if (!Number.isInteger(next) || Math.abs(next) > 1_000_000) {
      setProblem('Priority must be a whole number from -1,000,000 to 1,000,000 (higher is served first).');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      await api.patch<Order>(`/orders/${orderId}`, { priority: next });
      onChanged();
    } catch (error) {
      const words = describeError(error);
      setProblem(`${words.title}: ${words.detail}`);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="actions priority" onSubmit={save}>
      <label htmlFor={id} className="sr-only">Priority of order {orderId}</label>
      <input id={id} type="number" step={1} inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} style={{ width: '5.5rem' }} />
      <button type="submit" disabled={busy || value === String(priority)} aria-label={`Save priority of order ${orderId}`}>Set</button>
      {problem ? <span role="alert" className="small" style={{ color: 'var(--bad)' }}>{problem}</span> : null}
    </form>
  );
}
