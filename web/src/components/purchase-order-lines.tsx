import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import type { PurchaseOrder, PurchaseOrderLine } from '../api/types';
import { useAction } from '../api/use-action';
import { formatCount, formatDate, formatMoney } from '../format';
import { utcToday } from '../parse-input';
import { draftOfLine, isClosed, isEditable, lineChangesOf, type LineDraft } from '../purchase-order-edits';
import { href } from '../router';
import { Th } from './figure';
import { formLineField } from './form-line-field';
import { FormStatus } from './form-status';
import { useFormCheck, type FieldMarks } from './use-form-check';

/**
 * An order's lines as a form: units, unit cost and expected date of every line still open (on a
 * sent order the units may not fall below what was received), its reference, a line removed from
 * a draft or the rest of a sent line cancelled, and sending the draft. Only what changed is sent;
 * a refusal naming a line, by this form or by the API (whose `lines[k]` counts only the lines
 * sent), marks that line's field. A change that closes the order is told through `onClosed`, as
 * the order leaves the open ones and this form with it.
 */
export function PurchaseOrderLinesForm({ order, onChanged, onClosed }: { readonly order: PurchaseOrder; readonly onChanged: () => void; readonly onClosed: (message: string) => void }) {
  // Only what the person typed is kept: every other field shows the order as last read.
  const [edits, setEdits] = useState<Readonly<Record<number, LineDraft>>>({});
  const [reference, setReference] = useState<string | null>(null);
  // Saved edits stay on screen until the order is read back with them, so the old figures do not
  // flash; then only those are dropped: what was typed since the save stays, to be saved next.
  const saved = useRef<{ readonly at: string; readonly edits: Readonly<Record<number, LineDraft>>; readonly reference: string | null } | null>(null);
  useEffect(() => {
    const save = saved.current;
    if (save === null || order.updatedAt < save.at) return;
    saved.current = null;
    setEdits((all) => Object.fromEntries(Object.entries(all).filter(([id, draft]) => JSON.stringify(draft) !== JSON.stringify(save.edits[Number(id)]))));
    setReference((typed) => (typed === save.reference ? null : typed));
  }, [order.updatedAt]);
  const action = useAction();
  const toForm = useRef<(field: string) => string>((field) => field);
  const form = useFormCheck(action, (field) => toForm.current(field));
  const isDraft = order.status === 'draft';
  const drafts = order.lines.map((line) => edits[line.id] ?? draftOfLine(line));
  const typedReference = reference ?? order.reference ?? '';
  const changed = order.lines.some((line, index) => JSON.stringify(drafts[index]) !== JSON.stringify(draftOfLine(line))) || typedReference.trim() !== (order.reference ?? '');
  const edit = (line: PurchaseOrderLine, field: keyof LineDraft, value: string) =>
    setEdits((all) => ({ ...all, [line.id]: { ...(all[line.id] ?? draftOfLine(line)), [field]: value } }));
  const closedNote = (po: PurchaseOrder, said: string) => `${said} PO ${po.id} is ${po.status} now.`;
  const changeLines = async (body: object, said: (po: PurchaseOrder) => string) => {
    const done = await action.run(() => api.patch<PurchaseOrder>(ROUTES.purchaseOrder(order.id), body), (po) => (isClosed(po) ? null : said(po)));
    if (done && isClosed(done)) onClosed(closedNote(done, said(done)));
    else if (done) onChanged();
    return done;
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    const parsed = lineChangesOf(order, drafts, utcToday());
    if (!form.check('refusal' in parsed ? parsed.refusal : null) || !('changes' in parsed)) return;
    const newReference = typedReference.trim() === '' ? null : typedReference.trim();
    const referenceChanged = newReference !== order.reference;
    if (parsed.changes.length === 0 && !referenceChanged) {
      form.check({ field: null, message: 'Nothing to save: change a line’s units, unit cost or expected date first.' });
      return;
    }
    // The API's lines[k] is the form's line sent[k]: unchanged lines are not sent.
    const sent = parsed.changes.map((c) => c.index);
    toForm.current = (field) => formLineField(field, sent);
    const body = {
      ...(referenceChanged ? { reference: newReference } : {}),
      ...(parsed.changes.length > 0 ? { lines: parsed.changes.map(({ index: _index, ...change }) => change) } : {}),
    };
    const [sentEdits, sentReference] = [edits, reference];
    const done = await changeLines(body, (po) => `Saved PO ${po.id}${parsed.changes.length > 0 ? `: ${parsed.changes.length} line(s) changed` : ''}.${isDraft ? '' : ' Promise dates of waiting backorders follow the new figures.'}`);
    if (done) saved.current = { at: done.updatedAt, edits: sentEdits, reference: sentReference };
  }

  async function cancelRest(index: number) {
    const line = order.lines[index];
    if (!line || !form.check(null)) return;
    const kept = line.received > 0 ? ` The ${formatCount(line.received)} received stay.` : '';
    if (!window.confirm(`Cancel the ${formatCount(line.open)} units of line ${line.lineNo} (${line.sku}) not received yet? They stop counting as incoming, waiting backorders get new promise dates, and the supplier's scorecard counts them as not delivered.${kept}`)) return;
    // The API names lines[0] (the one line sent), and its lineId or cancelRemaining: this line's button.
    toForm.current = (field) => formLineField(field, [index]).replace(/\.cancelRemaining$/, '.lineId');
    await changeLines({ lines: [{ lineId: line.id, cancelRemaining: true }] }, () => `Cancelled the ${formatCount(line.open)} units of line ${line.lineNo} (${line.sku}) still to come.`);
  }

  async function remove(index: number) {
    const line = order.lines[index];
    if (!line || !form.check(null)) return;
    toForm.current = (field) => (field === 'lineId' ? `lines[${index}].lineId` : field);
    const done = await action.run(() => api.delete<PurchaseOrder>(ROUTES.purchaseOrderLine(order.id, line.id)), () => `Removed line ${line.lineNo} (${line.sku}) from draft PO ${order.id}.`);
    if (done) {
      setEdits(({ [line.id]: _removed, ...rest }) => rest);
      onChanged();
    }
  }

  async function send() {
    const unsaved = changed ? { field: null, message: 'Save or undo your changes before sending: the supplier gets the lines as saved.' } : null;
    if (!form.check(unsaved)) return;
    // A refusal of the send names lines[k] of the order's lines, which is how this form numbers them.
    toForm.current = (field) => field;
    const message = `PO ${order.id} sent to ${order.supplierName}; its lines now count as incoming and back promise dates.`;
    // Said by the list, not this card (hence no message here): a sent order leaves a list of drafts.
    const done = await action.run(() => api.post<PurchaseOrder>(ROUTES.sendPurchaseOrder(order.id), {}), () => null);
    if (done) onClosed(message);
  }

  return (
    <form ref={form.ref} onSubmit={save} aria-label={`Lines of PO ${order.id}`} noValidate style={{ marginTop: '0.5rem' }}>
      <div className="field" style={{ maxWidth: '24rem', marginBottom: '0.5rem' }}>
        <label htmlFor={`po-${order.id}-reference`}>Reference (optional)</label>
        <input id={`po-${order.id}-reference`} maxLength={100} {...form.marks('reference')} value={typedReference} onChange={(e) => setReference(e.target.value)} />
      </div>
      <PurchaseOrderLines order={order} inputs={{ drafts, marks: form.marks, edit, lineAction: isDraft ? { label: 'Remove', name: 'Remove', run: remove } : { label: 'Cancel the rest', name: 'Cancel the rest of', run: cancelRest }, busy: action.busy }} />
      <div className="actions" style={{ marginTop: '0.5rem' }}>
        <button type="submit" disabled={action.busy}>Save changes</button>
        <button type="button" disabled={action.busy || !changed} onClick={() => { setEdits({}); setReference(null); form.check(null); }}>Undo changes</button>
        {isDraft ? <button type="button" className="primary" onClick={send} disabled={action.busy || order.lines.length === 0}>Send to supplier</button> : null}
        {isDraft && order.lines.length === 0 ? <span className="small muted">Add lines before sending.</span> : null}
      </div>
      <FormStatus form={form} action={action} />
    </form>
  );
}

interface LineInputs {
  readonly drafts: readonly LineDraft[];
  readonly marks: (field: string) => FieldMarks;
  readonly edit: (line: PurchaseOrderLine, field: keyof LineDraft, value: string) => void;
  /** What a line's button does to the form's line `index` (a draft's: remove it; a sent order's: cancel its rest); `name` leads its accessible name. */
  readonly lineAction: { readonly label: string; readonly name: string; readonly run: (index: number) => void };
  readonly busy: boolean;
}

/**
 * An order's lines; with `inputs` (PurchaseOrderLinesForm's), the open lines' units, cost and date
 * are fields named `lines[k].…`, k counting the order's lines. Without, it reads only.
 */
export function PurchaseOrderLines({ order, inputs }: { readonly order: PurchaseOrder; readonly inputs?: LineInputs }) {
  return (
    <div className="table-wrap" style={{ marginTop: '0.5rem' }}>
      <table className="table-stack">
        <caption className="sr-only">Lines of PO {order.id}</caption>
        <thead>
          <tr>
            <Th>Item</Th><Th definition="poOrdered" className="num">Ordered</Th><Th definition="poReceived" className="num">Received</Th><Th definition="incoming" className="num">Open</Th>
            <Th definition="unitCost" className="num">Unit cost</Th><Th>Expected</Th>{inputs ? <th scope="col"><span className="sr-only">{inputs.lineAction.label}</span></th> : null}
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l, index) => {
            const draft = inputs && isEditable(order, l) ? inputs.drafts[index] : undefined;
            const name = `Line ${l.lineNo} ${l.sku}`;
            const field = `lines[${index}]`;
            return (
              <tr key={l.id} data-line={l.id}>
                <td data-label="Item"><a href={href(['items', l.sku])}>{l.sku}</a>{l.cancelled > 0 ? <div className="small muted">{formatCount(l.cancelled)} cancelled</div> : null}</td>
                <td data-label="Ordered" className="num">
                  {inputs && draft ? <input aria-label={`${name}: units ordered`} inputMode="numeric" style={{ width: '6rem' }} {...inputs.marks(`${field}.quantity`)} value={draft.quantity} onChange={(e) => inputs.edit(l, 'quantity', e.target.value)} /> : formatCount(l.quantity)}
                </td>
                <td data-label="Received" className="num">{formatCount(l.received)}</td>
                <td data-label="Open" className="num">{formatCount(l.open)}</td>
                <td data-label="Unit cost" className="num">
                  {inputs && draft ? <input aria-label={`${name}: unit cost`} inputMode="decimal" style={{ width: '7rem' }} {...inputs.marks(`${field}.unitCost`)} value={draft.unitCost} onChange={(e) => inputs.edit(l, 'unitCost', e.target.value)} /> : formatMoney(l.unitCost)}
                </td>
                <td data-label="Expected">
                  {inputs && draft ? <input aria-label={`${name}: expected on`} type="date" {...inputs.marks(`${field}.expectedOn`)} value={draft.expectedOn} onChange={(e) => inputs.edit(l, 'expectedOn', e.target.value)} /> : formatDate(l.expectedOn)}
                  {l.promisedOn && l.promisedOn !== l.expectedOn ? <div className="small muted">promised {formatDate(l.promisedOn)}</div> : null}
                </td>
                {inputs ? (
                  <td>
                    {draft ? <button type="button" className="danger" disabled={inputs.busy} {...inputs.marks(`${field}.lineId`)} aria-label={`${inputs.lineAction.name} ${name}`} onClick={() => inputs.lineAction.run(index)}>{inputs.lineAction.label}</button> : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
