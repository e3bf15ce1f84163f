import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import { ROUTES } from '../api/routes';
import type { ItemSupplier, Supplier } from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { formatCount, formatMoney } from '../format';
import { CODE_PATTERN } from '../parse-input';
import { href } from '../router';
import { draftOfLink, linkFieldsOf, NEW_LINK_DRAFT, type LinkDraft } from '../supplier-link-draft';
import { Th } from './figure';
import { useFollowedDraft } from './use-followed-draft';
import { FormStatus } from './form-status';
import { EmptyState } from './notices';
import { ReadOnlyNote } from './read-only-note';
import { ResourceView } from './resource-view';
import { useFormCheck, type FormCheck } from './use-form-check';

/** The links of one item (named by sku) or of one supplier (named by code). */
export type LinksOf = { readonly sku: string } | { readonly supplier: string };

/**
 * Item–supplier links (SPEC §5) of one item or one supplier: the supplier's own sku, unit cost,
 * lead time, minimum order, pack size and which supplier is preferred (its lead time backs
 * estimated promise dates). Operators and admins link and change them; other keys read.
 */
export function SupplierLinks({ of, version }: { readonly of: LinksOf; readonly version: number }) {
  const mayChange = useMayChange();
  const [changes, setChanges] = useState(0);
  const changed = () => setChanges((c) => c + 1);
  // Said here, not in the row: the row of a removed link goes with the list read back.
  const [removed, setRemoved] = useState<string | null>(null);
  const onRemoved = (message: string) => {
    setRemoved(message);
    changed();
  };
  const links = useResource<{ items: readonly ItemSupplier[] }>(ROUTES.itemSuppliers, of, version + changes);
  const bySku = 'sku' in of;
  return (
    <ResourceView resource={links} feature="Item–supplier links">
      {(list) => (
        <>
          {removed ? <p role="status" className="muted">{removed}</p> : null}
          {list.items.length === 0 ? (
            <EmptyState title={bySku ? 'No supplier is linked to this item' : 'No item is linked to this supplier'}>
              <p>A link gives purchase orders the supplier’s cost and lead time; the preferred supplier’s lead time backs estimated promise dates.</p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table-stack" data-testid="supplier-links">
                <caption className="sr-only">{bySku ? `Suppliers of ${of.sku}` : `Items of supplier ${of.supplier}`}</caption>
                <thead>
                  <tr>
                    <Th>{bySku ? 'Supplier' : 'Item'}</Th><Th>Supplier sku</Th><Th definition="unitCost" className="num">Unit cost</Th><Th className="num">Lead time (days)</Th>
                    <Th className="num">Minimum order</Th><Th className="num">Pack size</Th><Th>Preferred</Th>{mayChange ? <th scope="col"><span className="sr-only">Save or remove</span></th> : null}
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((link) => <LinkRow key={`${link.supplier}/${link.sku}`} link={link} bySku={bySku} mayChange={mayChange} onChanged={changed} onRemoved={onRemoved} />)}
                </tbody>
              </table>
            </div>
          )}
          {mayChange ? <NewLink of={of} linked={list.items} onCreated={changed} /> : <ReadOnlyNote what="link suppliers and items or change their links" />}
        </>
      )}
    </ResourceView>
  );
}

/** One link; its fields are inputs for a key that may change it (PATCH only what changed). */
function LinkRow({ link, bySku, mayChange, onChanged, onRemoved }: {
  readonly link: ItemSupplier; readonly bySku: boolean; readonly mayChange: boolean; readonly onChanged: () => void; readonly onRemoved: (message: string) => void;
}) {
  // The row shows what the server holds once a change (here, another row's preferred flag, elsewhere) is read back.
  const [draft, setDraft, sending] = useFollowedDraft<LinkDraft>(draftOfLink(link));
  const action = useAction();
  const form = useFormCheck(action);
  const key = bySku ? link.supplier : link.sku;
  const formId = `link-${link.supplier}-${link.sku}`;
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = linkFieldsOf(draft, link);
    if (!form.check('refusal' in parsed ? parsed.refusal : null) || !('fields' in parsed)) return;
    if (Object.keys(parsed.fields).length === 0) {
      form.check({ field: null, message: 'Nothing to save: change a field of the link first.' });
      return;
    }
    const done = await action.run(() => api.patch<ItemSupplier>(ROUTES.supplierItem(link.supplier, link.sku), parsed.fields), (l) => `Saved the link of ${l.sku} to ${l.supplier}.`);
    if (done) {
      sending(draft);
      onChanged();
    }
  }
  async function remove() {
    const preferred = link.preferred ? ' It is the preferred supplier: waiting backorders are then promised by the item’s own lead time.' : '';
    if (!window.confirm(`Remove the link of ${link.sku} to ${link.supplier}? Purchase orders already made keep their lines.${preferred}`)) return;
    const done = await action.run(() => api.delete<ItemSupplier>(ROUTES.supplierItem(link.supplier, link.sku)), () => null);
    if (done) onRemoved(`Removed the link of ${link.sku} to ${link.supplier}.`);
  }
  const cell = (field: keyof LinkDraft, label: string, shown: string, width: string, extra: Record<string, string> = {}) =>
    mayChange
      ? <input aria-label={`${key}: ${label}`} form={formId} style={{ width }} {...extra} {...form.marks(field)} value={draft[field] as string} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
      : shown;
  return (
    <tr data-link={`${link.supplier}/${link.sku}`}>
      <td>{bySku ? <span className="mono">{link.supplier}</span> : <a href={href(['items', link.sku])}>{link.sku}</a>}</td>
      <td data-label="Supplier sku">{cell('supplierSku', 'supplier sku', link.supplierSku ?? '—', '9rem', { maxLength: '100' })}</td>
      <td data-label="Unit cost" className="num">{cell('unitCost', 'unit cost', formatMoney(link.unitCost), '7rem', { inputMode: 'decimal' })}</td>
      <td data-label="Lead time (days)" className="num">
        {cell('leadTimeDays', 'lead time in days (empty: the supplier’s)', `${link.effectiveLeadTimeDays}${link.leadTimeDays === null ? ' (supplier’s)' : ''}`, '5rem', { inputMode: 'numeric', placeholder: String(link.effectiveLeadTimeDays) })}
      </td>
      <td data-label="Minimum order" className="num">{cell('moq', 'minimum order', formatCount(link.moq), '5rem', { inputMode: 'numeric' })}</td>
      <td data-label="Pack size" className="num">{cell('packSize', 'pack size', formatCount(link.packSize), '5rem', { inputMode: 'numeric' })}</td>
      <td data-label="Preferred">
        {mayChange
          ? <input type="checkbox" aria-label={`${key}: preferred`} form={formId} {...form.marks('preferred')} checked={draft.preferred} onChange={(e) => setDraft({ ...draft, preferred: e.target.checked })} />
          : link.preferred ? 'yes' : 'no'}
      </td>
      {mayChange ? (
        <td>
          <form ref={form.ref} id={formId} onSubmit={submit} noValidate>
            <button type="submit" disabled={action.busy} aria-label={`Save link to ${key}`}>Save</button>{' '}
            <button type="button" className="danger" disabled={action.busy} aria-label={`Remove link to ${key}`} onClick={() => void remove()}>Remove</button>
          </form>
          <FormStatus form={form} action={action} />
        </td>
      ) : null}
    </tr>
  );
}

/** Links a supplier to the item (chosen among those not linked yet), or an item (by sku) to the supplier. */
function NewLink({ of, linked, onCreated }: { readonly of: LinksOf; readonly linked: readonly ItemSupplier[]; readonly onCreated: () => void }) {
  const bySku = 'sku' in of;
  const suppliers = useResource<{ items: readonly Supplier[] }>(bySku ? ROUTES.suppliers : null);
  const free = (suppliers.data?.items ?? []).filter((s) => !linked.some((l) => l.supplier === s.code));
  const [other, setOther] = useState('');
  // An item's first supplier is the one it is bought from, as the API takes it unless told otherwise.
  const firstOfItem = bySku && linked.length === 0;
  const [draft, setDraft] = useState<LinkDraft>({ ...NEW_LINK_DRAFT, preferred: firstOfItem });
  useEffect(() => setDraft((d) => ({ ...d, preferred: firstOfItem })), [firstOfItem]);
  const action = useAction();
  // The API names `supplier` when the pair is already linked: here that is the field that picks the other side.
  const form = useFormCheck(action, (field) => (bySku ? field : field === 'supplier' ? 'sku' : field));
  const supplier = bySku ? (free.some((s) => s.code === other) ? other : free[0]?.code ?? '') : of.supplier;
  const sku = bySku ? of.sku : other.trim();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = linkFieldsOf(draft);
    const refusal = !bySku && !CODE_PATTERN.test(sku) ? { field: 'sku', message: 'Give the sku of the item this supplier sells (letters, digits, dots, underscores or hyphens).' }
      : 'refusal' in parsed ? parsed.refusal : null;
    if (!form.check(refusal) || !('fields' in parsed)) return;
    const done = await action.run(
      () => api.post<ItemSupplier>(ROUTES.supplierItems(supplier), { sku, ...parsed.fields }),
      (l) => `Linked ${l.sku} to ${l.supplier}${l.preferred ? ' as its preferred supplier' : ''}.`,
    );
    if (done) {
      setOther('');
      setDraft({ ...NEW_LINK_DRAFT, preferred: false });
      onCreated();
    }
  }
  const id = `new-link-${bySku ? of.sku : of.supplier}`;
  return (
    <details className="card" style={{ marginTop: '0.75rem' }}>
      <summary>{bySku ? 'Link a supplier to this item' : 'Link an item to this supplier'}</summary>
      <form ref={form.ref} onSubmit={submit} aria-label={bySku ? `Link a supplier to ${of.sku}` : `Link an item to ${of.supplier}`} noValidate style={{ marginTop: '0.5rem' }}>
        <div className="form-grid">
          {bySku ? (
            <div className="field">
              <label htmlFor={`${id}-supplier`}>Supplier</label>
              <select id={`${id}-supplier`} {...form.marks('supplier')} value={supplier} onChange={(e) => setOther(e.target.value)}>
                {free.map((s) => <option key={s.code} value={s.code}>{s.name} ({s.code})</option>)}
              </select>
            </div>
          ) : (
            <div className="field"><label htmlFor={`${id}-sku`}>Item sku</label><input id={`${id}-sku`} maxLength={64} {...form.marks('sku')} value={other} onChange={(e) => setOther(e.target.value)} /></div>
          )}
          <LinkFields id={id} draft={draft} onChange={setDraft} form={form} />
        </div>
        <label className="choice" style={{ marginTop: '0.5rem' }}>
          <input type="checkbox" {...form.marks('preferred')} checked={draft.preferred} onChange={(e) => setDraft({ ...draft, preferred: e.target.checked })} />Preferred supplier of the item (its lead time backs estimated promise dates)
        </label>
        <div className="actions" style={{ marginTop: '0.5rem' }}><button type="submit" className="primary" disabled={action.busy || supplier === ''}>{bySku ? 'Link supplier' : 'Link item'}</button></div>
        {bySku && suppliers.state === 'ready' && free.length === 0 ? <p className="small muted">Every supplier is linked already; add one on the Purchasing page.</p> : null}
        <FormStatus form={form} action={action} />
      </form>
    </details>
  );
}

/** The text fields of a new link, each named as the API names it. */
function LinkFields({ id, draft, onChange, form }: { readonly id: string; readonly draft: LinkDraft; readonly onChange: (draft: LinkDraft) => void; readonly form: FormCheck }) {
  const text = (field: Exclude<keyof LinkDraft, 'preferred'>, label: string, inputMode?: 'numeric' | 'decimal') => (
    <div className="field">
      <label htmlFor={`${id}-${field}`}>{label}</label>
      <input id={`${id}-${field}`} inputMode={inputMode} {...form.marks(field)} value={draft[field]} onChange={(e) => onChange({ ...draft, [field]: e.target.value })} />
    </div>
  );
  return (
    <>
      {text('supplierSku', 'Supplier’s own sku (optional)')}
      {text('unitCost', 'Unit cost (empty: the item’s)', 'decimal')}
      {text('leadTimeDays', 'Lead time in days (empty: the supplier’s)', 'numeric')}
      {text('moq', 'Minimum order (empty: 1)', 'numeric')}
      {text('packSize', 'Pack size (empty: 1)', 'numeric')}
    </>
  );
}
