import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { PurchaseOrder } from '../api/types';
import { useAction } from '../api/use-action';
import { formatCount } from '../format';
import { FormStatus } from './form-status';
import { useFormCheck } from './use-form-check';

/** What cancelling an order does to its units, in words: the form shows it and the confirmation asks it. */
export function cancelConsequence(order: PurchaseOrder): string {
  if (order.status === 'draft') {
    return `It was never sent, so none of its ${formatCount(order.totals.quantity)} units count as incoming; it stays on record as cancelled.`;
  }
  const received = order.totals.received > 0
    ? `The ${formatCount(order.totals.received)} units already received stay in stock, and the order closes as received.`
    : 'Nothing has been received on it yet.';
  return `Its ${formatCount(order.totals.open)} open units stop counting as incoming, and waiting backorders that counted on them get new promise dates. ${received}`;
}

/** What became of the order: one that delivered something is received now, with its rest cancelled. */
function cancelledNote(done: PurchaseOrder): string {
  const po = `PO ${done.id} to ${done.supplierName}`;
  return done.status === 'cancelled' ? `${po} is cancelled.` : `The rest of ${po} is cancelled; it is ${done.status} now.`;
}

/**
 * Cancels an order that is not closed (POST /purchase-orders/{id}/cancel), with an optional
 * reason, after asking: what was received stays, the rest stops being incoming supply. An order
 * that delivered something closes as received (its rest cancelled), as the API answers.
 */
export function CancelPurchaseOrder({ order, onCancelled }: { readonly order: PurchaseOrder; readonly onCancelled: (message: string) => void }) {
  const [reason, setReason] = useState('');
  const action = useAction();
  const form = useFormCheck(action);
  const consequence = cancelConsequence(order);
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(null)) return;
    if (!window.confirm(`Cancel PO ${order.id} to ${order.supplierName}? ${consequence}`)) return;
    const body = reason.trim() === '' ? {} : { reason: reason.trim() };
    // Said by the page: a cancelled order leaves the list of open ones, and this form with it.
    const done = await action.run(() => api.post<PurchaseOrder>(ROUTES.cancelPurchaseOrder(order.id), body), () => null);
    if (done) onCancelled(`${cancelledNote(done)} ${consequence}`);
  }
  const id = `po-${order.id}-cancel`;
  return (
    <form ref={form.ref} onSubmit={submit} aria-label={`Cancel PO ${order.id}`} noValidate style={{ marginTop: '0.5rem' }}>
      <p className="small">{consequence}</p>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-reason`}>Reason (optional)</label>
          <input id={`${id}-reason`} maxLength={500} {...form.marks('reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div><button type="submit" className="danger" disabled={action.busy}>Cancel PO {order.id}</button></div>
      </div>
      <FormStatus form={form} action={action} />
    </form>
  );
}
