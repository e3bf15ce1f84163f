import { useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { PurchaseOrder } from '../api/types';
import { useAction } from '../api/use-action';
import { utcToday } from '../parse-input';
import { EMPTY_NEW_LINE, newLineOf, type NewLineDraft } from '../purchase-order-edits';
import { FormStatus } from './form-status';
import { useFormCheck } from './use-form-check';

/**
 * Adds a line to a draft (POST /purchase-orders/{id}/lines): sku and units, and a unit cost and
 * expected date unless the supplier's (its link's cost, today + its lead time) will do.
 */
export function AddPurchaseOrderLine({ order, onAdded }: { readonly order: PurchaseOrder; readonly onAdded: () => void }) {
  const [draft, setDraft] = useState<NewLineDraft>(EMPTY_NEW_LINE);
  const action = useAction();
  // The form's fields are named as the API names its one line (lines[0].sku …).
  const form = useFormCheck(action);
  const set = (field: keyof NewLineDraft, value: string) => setDraft((d) => ({ ...d, [field]: value }));
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = newLineOf(draft, utcToday());
    if (!form.check('refusal' in parsed ? parsed.refusal : null) || !('line' in parsed)) return;
    const done = await action.run(
      () => api.post<PurchaseOrder>(ROUTES.purchaseOrderLines(order.id), { lines: [parsed.line] }),
      (po) => `Added ${parsed.line.sku} to draft PO ${po.id}.`,
    );
    if (done) {
      setDraft(EMPTY_NEW_LINE);
      onAdded();
    }
  }
  const id = `po-${order.id}-add`;
  return (
    <form ref={form.ref} onSubmit={submit} aria-label={`Add a line to PO ${order.id}`} noValidate style={{ marginTop: '0.5rem' }}>
      <div className="form-grid">
        <div className="field"><label htmlFor={`${id}-sku`}>Sku</label><input id={`${id}-sku`} maxLength={64} {...form.marks('lines[0].sku')} value={draft.sku} onChange={(e) => set('sku', e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-quantity`}>Units</label><input id={`${id}-quantity`} inputMode="numeric" {...form.marks('lines[0].quantity')} value={draft.quantity} onChange={(e) => set('quantity', e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-cost`}>Unit cost (empty: the supplier’s)</label><input id={`${id}-cost`} inputMode="decimal" {...form.marks('lines[0].unitCost')} value={draft.unitCost} onChange={(e) => set('unitCost', e.target.value)} /></div>
        <div className="field"><label htmlFor={`${id}-date`}>Expected on (empty: lead time)</label><input id={`${id}-date`} type="date" {...form.marks('lines[0].expectedOn')} value={draft.expectedOn} onChange={(e) => set('expectedOn', e.target.value)} /></div>
        <div><button type="submit" className="primary" disabled={action.busy}>Add line</button></div>
      </div>
      <FormStatus form={form} action={action} />
    </form>
  );
}
