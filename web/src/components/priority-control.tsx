import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMayChange } from '../api/permissions';
import { api } from '../api/client';
import type { Order } from '../api/types';
import { useAction } from '../api/use-action';
import { parsePriority } from '../parse-input';
import { FormStatus } from './form-status';
import { useFormCheck } from './use-form-check';

/**
 * Changes an order's priority (PATCH /orders/{id}); the order moves in every queue it waits
 * in, so the caller reloads its queue afterwards.
 */
export function PriorityControl(props: { readonly orderId: number; readonly priority: number; readonly onChanged: () => void }) {
  return useMayChange() ? <PriorityFields {...props} /> : <span>{props.priority}</span>;
}

function PriorityFields({ orderId, priority, onChanged }: { readonly orderId: number; readonly priority: number; readonly onChanged: () => void }) {
  const [value, setValue] = useState(String(priority));
  const action = useAction();
  const form = useFormCheck(action);
  useEffect(() => setValue(String(priority)), [priority]);
  // An order waiting on several lines shows this control once per line: ids must differ per instance.
  const id = `priority-${orderId}-${useId()}`;
  async function save(event: FormEvent) {
    event.preventDefault();
    // An empty box is not 0: it is refused like any other non-number.
    const next = parsePriority(value);
    if (!form.check(next === null ? { field: 'priority', message: 'Priority must be a whole number from -1,000,000 to 1,000,000 (higher is served first).' } : null) || next === null) return;
    const done = await action.run(() => api.patch<Order>(`/orders/${orderId}`, { priority: next }), (order) => `Priority set to ${order.priority}.`);
    if (done) onChanged();
  }
  return (
    <form ref={form.ref} className="actions priority" onSubmit={save} noValidate>
      <label htmlFor={id} className="sr-only">Priority of order {orderId}</label>
      <input id={id} type="number" step={1} inputMode="numeric" {...form.marks('priority')} value={value} onChange={(e) => setValue(e.target.value)} style={{ width: '5.5rem' }} />
      <button type="submit" disabled={action.busy || value === String(priority)} aria-label={`Save priority of order ${orderId}`}>Set</button>
      <FormStatus form={form} action={action} inline />
    </form>
  );
}
