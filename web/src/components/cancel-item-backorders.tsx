import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import type { BackordersCancelled } from '../api/types';
import { useAction } from '../api/use-action';
import { useRetryKey } from '../api/use-retry-key';
import { formatCount } from '../format';
import { FormStatus } from './form-status';
import { useFormCheck } from './use-form-check';


function plural(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * Cancels every unit still waiting in an item's backorder queue (POST /items/{sku}/backorders/cancel),
 * after asking, with a reason kept for the shop: allocated units stay, and each customer is told
 * as by any cancellation. For keys that may change orders; the page shows it only while units wait.
 */
export function CancelItemBackorders({ sku, waiting, onCancelled }: { readonly sku: string; readonly waiting: number; readonly onCancelled: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const form = useFormCheck(action);
  // Kept until the cancellation is answered, so trying again after a lost answer cancels nothing twice.
  const retry = useRetryKey();
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(reason.trim() === '' ? { field: 'reason', message: 'Say why the waiting backorders are cancelled.' } : null)) return;
    if (!window.confirm(`Cancel all ${plural(waiting, 'unit')} waiting for ${sku}? Each customer is told by e-mail that these units are cancelled; units already allocated stay.`)) return;
    const body = { reason: reason.trim() };
    const headers = retry.keyFor({ sku, ...body });
    // Said by the page: once nothing waits, this form leaves with the queue.
    const done = await action.run(
      () => api.post<BackordersCancelled>(`/items/${encodeURIComponent(sku)}/backorders/cancel`, body, headers),
      () => null,
    );
    if (done) {
      retry.answered();
      setReason('');
      const { units, lines, orders } = done.cancelled;
      onCancelled(`Cancelled ${plural(units, 'waiting unit')} of ${sku} (${plural(lines, 'line')} of ${plural(orders, 'order')}); each customer is told.`);
    }
  }
  return (
    <details className="card" style={{ marginTop: '0.75rem' }}>
      <summary>Cancel every waiting backorder</summary>
      <form ref={form.ref} onSubmit={submit} aria-label={`Cancel the waiting backorders of ${sku}`} noValidate style={{ marginTop: '0.5rem' }}>
        <p className="small">Cancels the {plural(waiting, 'unit')} still waiting for {sku}, on every order in the queue. Units already allocated stay on their orders. Each customer gets the usual cancellation e-mail; the reason stays with the shop.</p>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`cancel-backorders-${sku}-reason`}>Reason</label>
            <input
              id={`cancel-backorders-${sku}-reason`} maxLength={500} {...form.marks('reason')} value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <div><button type="submit" className="danger" disabled={action.busy}>Cancel {plural(waiting, 'waiting unit')}</button></div>
        </div>
        <FormStatus form={form} action={action} />
      </form>
    </details>
  );
}
