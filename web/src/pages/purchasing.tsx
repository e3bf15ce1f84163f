import type { DraftResult, Page, PurchaseOrder, ReplenishmentList, Suggestion, Supplier, SupplierScorecard } from '../api/types';
import { useMayChange } from '../api/permissions';
import { Fragment, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { useRetryKey } from '../api/use-retry-key';
import { ActionStatus } from '../components/action-status';
import { Th } from '../components/figure';
import { formLineField } from '../components/form-line-field';
import { FormStatus } from '../components/form-status';
import { ImportPurchaseOrders } from '../components/import-purchase-orders';
import { EmptyState, SuccessNotice } from '../components/notices';
import { Pager, useCursorPages } from '../components/pager';
import { PurchaseOrderCard } from '../components/purchase-order-card';
import { ReadOnlyNote } from '../components/read-only-note';
import { SupplierLinks } from '../components/supplier-links';
import { ResourceView } from '../components/resource-view';
import { useFormCheck, type Refusal } from '../components/use-form-check';
import { formatCount, formatDate, formatNumber, formatPercent } from '../format';
import { CODE_PATTERN, parseWholeNumber, utcToday } from '../parse-input';
import { href, replaceParams, type Route } from '../router';

const PO_STATUSES = [
  { value: 'open', label: 'Open (draft, sent, partly received)' },
  { value: 'draft', label: 'Drafts' },
  { value: 'ordered', label: 'Sent' },
  { value: 'partially_received', label: 'Partly received' },
  { value: 'received', label: 'Received' },
  { value: 'cancelled', label: 'Cancelled' },
] as const;

/** Suppliers with scorecards and item links, purchase orders (create, import, change, send, receive in part, cancel) and replenishment suggestions. */
export function PurchasingPage({ route }: { readonly route: Route }) {
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const status = route.params.get('status') ?? 'open';
  const focus = route.params.get('po');
  return (
    <section aria-labelledby="purchasing-title">
      <h1 id="purchasing-title">Purchasing</h1>
      <h2>Replenishment suggestions</h2>
      <Suggestions version={version} onChanged={refresh} />
      <h2>Purchase orders</h2>
      <div className="toolbar">
        <div className="field">
          <label htmlFor="po-status">Show</label>
          <select id="po-status" value={status} onChange={(e) => replaceParams(['purchasing'], { status: e.target.value })}>
            {PO_STATUSES.map((s) => <option key={s.value} value={s.value}>{s.label}</option>)}
          </select>
        </div>
      </div>
      <PurchaseOrders status={status} focus={focus ? Number(focus) : null} version={version} onChanged={refresh} />
      <h2>Suppliers</h2>
      <Suppliers version={version} onChanged={refresh} />
    </section>
  );
}

const PO_PAGE_SIZE = 50;

/** One page of purchase orders of a status (paged on the server), or the one PO a link asked for. */
function PurchaseOrders({ status, focus, version, onChanged }: { readonly status: string; readonly focus: number | null; readonly version: number; readonly onChanged: () => void }) {
  const mayChange = useMayChange();
  // What closed an order (a cancellation, its last units cancelled), said here: it leaves the list of open ones.
  const [notice, setNotice] = useState<string | null>(null);
  const changed = () => { setNotice(null); onChanged(); };
  const closed = (message: string) => { setNotice(message); onChanged(); };
  const pages = useCursorPages(status);
  const orders = useResource<Page<PurchaseOrder>>(focus === null ? ROUTES.purchaseOrders : null, { status, cursor: pages.cursor ?? undefined, limit: PO_PAGE_SIZE }, version);
  const focused = useResource<PurchaseOrder>(focus === null ? null : ROUTES.purchaseOrder(focus), {}, version);
  if (focus !== null) {
    return (
      <ResourceView resource={focused} feature="Purchase orders">
        {(po) => (
          <>
            <p className="small">Showing PO {focus} only. <a href={href(['purchasing'])}>Show all</a></p>
            {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
            <PurchaseOrderTable orders={[po]} focus={focus} onChanged={changed} onClosed={closed} />
          </>
        )}
      </ResourceView>
    );
  }
  return (
    <ResourceView resource={orders} feature="Purchase orders">
      {(page) => (
        <>
          {mayChange ? (
            <>
              <NewPurchaseOrderForm version={version} onCreated={changed} />
              <ImportPurchaseOrders onImported={changed} />
            </>
          ) : <ReadOnlyNote what="create, import, change or cancel purchase orders" />}
          {notice ? <SuccessNotice>{notice}</SuccessNotice> : null}
          {page.items.length === 0 ? (
            <EmptyState title="No purchase order here"><p>Create one above, or turn replenishment suggestions into draft POs.</p></EmptyState>
          ) : (
            <PurchaseOrderTable orders={page.items} focus={null} onChanged={changed} onClosed={closed} />
          )}
          <Pager label="Purchase orders" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
        </>
      )}
    </ResourceView>
  );
}

/** One row per PO; drafts (which need sending) and the PO asked for open with their lines and actions. */
function PurchaseOrderTable({ orders, focus, onChanged, onClosed }: { readonly orders: readonly PurchaseOrder[]; readonly focus: number | null; readonly onChanged: () => void; readonly onClosed: (message: string) => void }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const isOpen = (po: PurchaseOrder) => open.has(po.id) !== (po.status === 'draft' || po.id === focus);
  const toggle = (id: number) => setOpen((set) => { const next = new Set(set); if (next.has(id)) next.delete(id); else next.add(id); return next; });
  return (
    <div className="table-wrap">
      <table data-testid="purchase-orders" className="table-stack">
        <caption className="sr-only">Purchase orders</caption>
        <thead><tr><Th>PO</Th><Th>Supplier</Th><Th>Status</Th><Th definition="poReceived" className="num">Received</Th><Th definition="incoming" className="num">Open units</Th><Th>Next expected</Th><th scope="col"><span className="sr-only">Details</span></th></tr></thead>
        <tbody>
          {orders.map((po) => {
            const next = po.lines.filter((l) => l.open > 0).map((l) => l.expectedOn).sort()[0] ?? null;
            return (
              <Fragment key={po.id}>
                <tr>
                  <td>PO {po.id}{po.reference ? <div className="small muted">{po.reference}</div> : null}</td>
                  <td data-label="Supplier">{po.supplierName}</td>
                  <td data-label="Status"><span className="pill">{po.status.replace('_', ' ')}</span></td>
                  <td data-label="Received" className="num">{formatCount(po.totals.received)} of {formatCount(po.totals.quantity)}</td>
                  <td data-label="Open units" className="num">{formatCount(po.totals.open)}</td>
                  <td data-label="Next expected">{next ? formatDate(next) : '—'}</td>
                  <td><button type="button" aria-expanded={isOpen(po)} onClick={() => toggle(po.id)} aria-label={`${isOpen(po) ? 'Hide' : 'Show'} PO ${po.id}`}>{isOpen(po) ? 'Hide' : 'Show'}</button></td>
                </tr>
                {isOpen(po) ? (
                  <tr><td colSpan={7} className="stack-whole" style={{ background: 'var(--ground)' }}><PurchaseOrderCard order={po} onChanged={onChanged} onClosed={onClosed} /></td></tr>
                ) : null}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function NewPurchaseOrderForm({ version, onCreated }: { readonly version: number; readonly onCreated: () => void }) {
  // Read again with the page's version, so a supplier just added below can be chosen at once.
  const suppliers = useResource<{ items: readonly Supplier[] }>(ROUTES.suppliers, {}, version);
  const [supplier, setSupplier] = useState('');
  const [reference, setReference] = useState('');
  const [lines, setLines] = useState<{ sku: string; quantity: string; expectedOn: string }[]>([{ sku: '', quantity: '', expectedOn: '' }]);
  const action = useAction();
  // A second click, or a retry after a lost answer, creates the order once.
  const retry = useRetryKey();
  // Blank lines are left out of the request: the API's lines[k] is the form's line sent[k].
  const sent = useRef<readonly number[]>([]);
  const form = useFormCheck(action, (field) => formLineField(field, sent.current));
  const chosen = supplier || suppliers.data?.items[0]?.code || '';
  const setLine = (index: number, field: 'sku' | 'quantity' | 'expectedOn', value: string) => setLines((ls) => ls.map((l, i) => (i === index ? { ...l, [field]: value } : l)));
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!form.check(purchaseOrderLineProblem(lines))) return;
    const kept = lines.flatMap((line, index) => (line.sku.trim() ? [{ line, index }] : []));
    sent.current = kept.map((k) => k.index);
    const body = {
      supplier: chosen,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      lines: kept.map(({ line: l }) => ({ sku: l.sku.trim(), quantity: Number(l.quantity), ...(l.expectedOn ? { expectedOn: l.expectedOn } : {}) })),
    };
    const created = await action.run(() => api.post<PurchaseOrder>(ROUTES.purchaseOrders, body, retry.keyFor(body)), (po) => `Draft PO ${po.id} created; send it when it is complete.`);
    if (created) {
      retry.answered();
      setLines([{ sku: '', quantity: '', expectedOn: '' }]);
      setReference('');
      onCreated();
    }
  }
  return (
    <details className="card" style={{ marginBottom: '0.75rem' }}>
      <summary>Create a purchase order</summary>
      <form ref={form.ref} onSubmit={submit} aria-label="New purchase order" noValidate style={{ marginTop: '0.5rem' }}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor="po-supplier">Supplier</label>
            <select id="po-supplier" {...form.marks('supplier')} value={chosen} onChange={(e) => setSupplier(e.target.value)}>
              {(suppliers.data?.items ?? []).map((s) => <option key={s.code} value={s.code}>{s.name} ({s.code})</option>)}
            </select>
          </div>
          <div className="field"><label htmlFor="po-reference">Reference (optional)</label><input id="po-reference" {...form.marks('reference')} value={reference} onChange={(e) => setReference(e.target.value)} maxLength={100} /></div>
        </div>
        {lines.map((line, i) => (
          <fieldset key={i} className="form-grid" style={{ marginTop: '0.5rem' }}>
            <legend>Line {i + 1}</legend>
            <div className="field"><label htmlFor={`po-sku-${i}`}>Sku</label><input id={`po-sku-${i}`} {...form.marks(`lines[${i}].sku`)} value={line.sku} onChange={(e) => setLine(i, 'sku', e.target.value)} /></div>
            <div className="field"><label htmlFor={`po-qty-${i}`}>Units</label><input id={`po-qty-${i}`} type="number" min={1} step={1} {...form.marks(`lines[${i}].quantity`)} value={line.quantity} onChange={(e) => setLine(i, 'quantity', e.target.value)} /></div>
            <div className="field"><label htmlFor={`po-date-${i}`}>Expected on (default: lead time)</label><input id={`po-date-${i}`} type="date" {...form.marks(`lines[${i}].expectedOn`)} value={line.expectedOn} onChange={(e) => setLine(i, 'expectedOn', e.target.value)} /></div>
          </fieldset>
        ))}
        <div className="actions" style={{ marginTop: '0.5rem' }}>
          <button type="button" onClick={() => setLines((ls) => [...ls, { sku: '', quantity: '', expectedOn: '' }])}>Add a line</button>
          <button type="submit" className="primary" disabled={action.busy || !chosen}>Create draft PO</button>
        </div>
        <FormStatus form={form} action={action} />
      </form>
    </details>
  );
}

/**
 * What is wrong with a new purchase order's lines before it goes to the API, in words naming the
 * line's field, or null: no line at all, a line half filled in (it used to be dropped without a
 * word), or an expected date already past (UTC, as every date here).
 */
function purchaseOrderLineProblem(lines: readonly { sku: string; quantity: string; expectedOn: string }[]): Refusal | null {
  const today = utcToday();
  let filled = 0;
  for (const [index, line] of lines.entries()) {
    const blank = !line.sku.trim() && !line.quantity.trim() && !line.expectedOn;
    if (blank) continue;
    filled++;
    const field = `lines[${index}]`;
    if (!line.sku.trim()) return { field: `${field}.sku`, message: `Line ${index + 1}: give the sku of the item to order.` };
    const quantity = Number(line.quantity);
    if (!Number.isInteger(quantity) || quantity < 1) return { field: `${field}.quantity`, message: `Line ${index + 1}: units must be a whole number of at least 1.` };
    if (line.expectedOn && line.expectedOn < today) return { field: `${field}.expectedOn`, message: `Line ${index + 1}: the expected date ${line.expectedOn} has passed; leave it empty to use the supplier's lead time.` };
  }
  return filled === 0 ? { field: 'lines[0].sku', message: 'Add at least one line: the sku and units to order.' } : null;
}

function Suppliers({ version, onChanged }: { readonly version: number; readonly onChanged: () => void }) {
  const suppliers = useResource<{ items: readonly Supplier[] }>(ROUTES.suppliers, {}, version);
  const scorecards = useResource<{ items: readonly SupplierScorecard[] }>(ROUTES.scorecards, {}, version);
  const cards = new Map((scorecards.data?.items ?? []).map((c) => [c.supplier, c]));
  const mayChange = useMayChange();
  const [shown, setShown] = useState<string | null>(null);
  return (
    <ResourceView resource={suppliers} feature="Suppliers">
      {(list) => (
        <>
          {list.items.length === 0 ? (
            <EmptyState title="No suppliers yet"><p>Add one below; link it to items so purchase orders and promise dates use its lead time.</p></EmptyState>
          ) : (
            <div className="table-wrap">
              <table className="table-stack">
                <caption className="sr-only">Suppliers and scorecards</caption>
                <thead>
                  <tr><Th>Supplier</Th><Th definition="quotedLeadTime" className="num">Quoted lead time</Th><Th definition="onTimeRate" className="num">On time</Th><Th definition="leadTimeMean" className="num">Actual lead time</Th><Th definition="supplierFillRate" className="num">Fill rate</Th><Th definition="receipts" className="num">Receipts</Th><th scope="col"><span className="sr-only">Items</span></th></tr>
                </thead>
                <tbody>
                  {list.items.map((s) => {
                    const card = cards.get(s.code);
                    return (
                      <Fragment key={s.code}>
                        <tr>
                          <td>{s.name}<div className="small muted">{s.code}{s.email ? ` · ${s.email}` : ''}</div></td>
                          <td data-label="Quoted lead time" className="num">{s.leadTimeDays} d</td>
                          <td data-label="On time" className="num">{card ? formatPercent(card.onTimeRate) : '—'}</td>
                          <td data-label="Actual lead time" className="num">{card && card.leadTimeDays.mean !== null ? `${formatNumber(card.leadTimeDays.mean)} d` : '—'}{card?.leadTimeDays.standardDeviation != null ? <span className="small muted"> ± {formatNumber(card.leadTimeDays.standardDeviation)}</span> : null}</td>
                          <td data-label="Fill rate" className="num">{card ? formatPercent(card.fillRate) : '—'}</td>
                          <td data-label="Receipts" className="num">{card ? formatCount(card.receipts) : '—'}</td>
                          <td>
                            <button type="button" aria-expanded={shown === s.code} aria-label={`${shown === s.code ? 'Hide' : 'Show'} items of ${s.code}`} onClick={() => setShown(shown === s.code ? null : s.code)}>
                              {shown === s.code ? 'Hide items' : 'Items'}
                            </button>
                          </td>
                        </tr>
                        {shown === s.code ? (
                          <tr><td colSpan={7} className="stack-whole" style={{ background: 'var(--ground)' }}><SupplierLinks of={{ supplier: s.code }} version={version} /></td></tr>
                        ) : null}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
          {mayChange ? <NewSupplier onCreated={onChanged} /> : null}
        </>
      )}
    </ResourceView>
  );
}

function NewSupplier({ onCreated }: { readonly onCreated: () => void }) {
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [leadTime, setLeadTime] = useState('');
  const action = useAction();
  const form = useFormCheck(action);
  async function submit(event: FormEvent) {
    event.preventDefault();
    const leadTimeDays = parseWholeNumber(leadTime, 3650);
    const refusal = !CODE_PATTERN.test(code.trim()) ? { field: 'code', message: 'Code must be 1–64 letters, digits, dots, underscores or hyphens.' }
      : name.trim() === '' ? { field: 'name', message: 'Name must not be empty.' }
        : leadTime.trim() !== '' && leadTimeDays === null ? { field: 'leadTimeDays', message: 'Lead time must be a whole number of days from 0 to 3650, or empty.' } : null;
    if (!form.check(refusal)) return;
    const body = { code: code.trim(), name: name.trim(), ...(leadTimeDays !== null ? { leadTimeDays } : {}) };
    const created = await action.run(() => api.post<Supplier>(ROUTES.suppliers, body), (s) => `Supplier ${s.name} added.`);
    if (created) {
      setCode('');
      setName('');
      setLeadTime('');
      onCreated();
    }
  }
  return (
    <form ref={form.ref} className="card" onSubmit={submit} aria-labelledby="new-supplier-title" noValidate style={{ marginTop: '0.75rem' }}>
      <h3 id="new-supplier-title">Add a supplier</h3>
      <div className="form-grid">
        <div className="field"><label htmlFor="supplier-code">Code</label><input id="supplier-code" required maxLength={64} {...form.marks('code')} value={code} onChange={(e) => setCode(e.target.value)} /></div>
        <div className="field"><label htmlFor="supplier-name">Name</label><input id="supplier-name" required maxLength={200} {...form.marks('name')} value={name} onChange={(e) => setName(e.target.value)} /></div>
        <div className="field"><label htmlFor="supplier-lead">Lead time (days)</label><input id="supplier-lead" inputMode="numeric" {...form.marks('leadTimeDays')} value={leadTime} onChange={(e) => setLeadTime(e.target.value)} /></div>
        <div><button type="submit" className="primary" disabled={action.busy}>Add supplier</button></div>
      </div>
      <FormStatus form={form} action={action} />
    </form>
  );
}

/**
 * What the suggestions cannot say on their own: items planned without a forecast (as if nobody
 * asked for them, so "nothing to order" may be wrong), with a button to forecast them now; items
 * the settings could not plan; suggestions already covered by draft purchase orders.
 */
function PlanNotes({ list, onForecast }: { readonly list: ReplenishmentList; readonly onForecast: () => void }) {
  const action = useAction();
  const mayChange = useMayChange();
  async function forecastNow() {
    const done = await action.run(
      () => api.post<{ items: number }>(ROUTES.forecasts, {}),
      (r) => `Forecast ${formatCount(r.items)} item(s); the suggestions below now use them.`,
    );
    if (done) onForecast();
  }
  return (
    <>
      {list.withoutForecast > 0 ? (
        <div className="notice notice-warn" role="status" data-testid="without-forecast">
          <p>
            {formatCount(list.withoutForecast)} item(s) have no forecast yet, so they are planned as if nobody asked for them.
            Forecasts are made every night; make them now to plan with demand.
          </p>
          {mayChange ? <button type="button" className="primary" onClick={forecastNow} disabled={action.busy}>{action.busy ? 'Forecasting…' : 'Forecast every item now'}</button> : null}
        </div>
      ) : null}
      <ActionStatus action={action} />
      {list.onDrafts > 0 ? <p className="small muted">{list.onDrafts === 1 ? 'One of these items is' : `${formatCount(list.onDrafts)} of these items are`} covered by draft purchase orders: send those below; drafting skips them.</p> : null}
      {list.draftsShort > 0 ? <p className="small muted">{list.draftsShort === 1 ? 'One of these items is' : `${formatCount(list.draftsShort)} of these items are`} on draft purchase orders that fall short: drafting orders the rest on a new draft.</p> : null}
      {list.problems.length > 0 ? (
        <div className="notice" role="status">
          <p>{formatCount(list.problems.length)} item(s) could not be planned with these settings:</p>
          <ul>{list.problems.slice(0, 20).map((p) => <li key={p.sku}><a href={href(['items', p.sku])}>{p.sku}</a>: {p.message}</li>)}</ul>
        </div>
      ) : null}
    </>
  );
}

function Suggestions({ version, onChanged }: { readonly version: number; readonly onChanged: () => void }) {
  const pages = useCursorPages('suggestions');
  const suggestions = useResource<ReplenishmentList>(ROUTES.replenishment, { cursor: pages.cursor ?? undefined }, version);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const action = useAction();
  const mayChange = useMayChange();
  async function createDrafts(rows: readonly Suggestion[]) {
    const done = await action.run(
      () => api.post<DraftResult>(ROUTES.draftPurchaseOrders, { skus: rows.map((r) => r.sku) }),
      (r) => `Created ${r.items.length} draft purchase order(s), one per supplier; review and send them below.${r.skipped.length > 0 ? ` Not drafted: ${r.skipped.map((k) => `${k.sku} (${k.reason})`).join('; ')}.` : ''}`,
    );
    if (done) {
      setSelected(new Set());
      onChanged();
    }
  }
  return (
    <ResourceView resource={suggestions} feature="Replenishment suggestions">
      {(list) => {
        const due = list.items.filter((s) => s.suggestedQuantity > 0);
        const notes = <PlanNotes list={list} onForecast={onChanged} />;
        if (due.length === 0) {
          return (
            <>
              {notes}
              <EmptyState title={list.withoutForecast > 0 ? 'Nothing to order among items with a forecast' : 'Nothing needs ordering now'}>
                <p>{list.withoutForecast > 0 ? 'Items without a forecast are planned as if nobody asked for them (see above).' : 'Every item’s inventory position is above its reorder point.'}</p>
              </EmptyState>
              {/* A later page can empty out as orders are drafted and sent: the way back stays. */}
              <Pager label="Suggestions" page={pages.page} nextCursor={list.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
            </>
          );
        }
        const chosen = due.filter((s) => selected.has(s.sku));
        return (
          <>
            {notes}
            {mayChange ? (
              <div className="actions" style={{ marginBottom: '0.5rem' }}>
                <button type="button" className="primary" onClick={() => createDrafts(chosen.length > 0 ? chosen : due)} disabled={action.busy}>
                  {chosen.length > 0 ? `Create draft POs for ${chosen.length} selected` : `Create draft POs for all ${due.length}`}
                </button>
              </div>
            ) : null}
            <ActionStatus action={action} />
            <div className="table-wrap">
              <table data-testid="suggestions">
                <caption className="sr-only">Replenishment suggestions</caption>
                <thead>
                  <tr><th scope="col"><span className="sr-only">Select</span></th><Th>Item</Th><Th>Supplier</Th><Th definition="suggestedQuantity" className="num">Suggested units</Th><Th definition="reorderPoint" className="num">Reorder point</Th><Th definition="safetyStock" className="num">Safety stock</Th><Th definition="inventoryPosition" className="num">Position</Th><Th definition="daysUntilStockout" className="num">Days to stockout</Th></tr>
                </thead>
                <tbody>
                  {due.map((s) => (
                    <tr key={s.sku}>
                      <td><input type="checkbox" aria-label={`Select ${s.sku}`} checked={selected.has(s.sku)} onChange={() => setSelected((set) => { const next = new Set(set); if (next.has(s.sku)) next.delete(s.sku); else next.add(s.sku); return next; })} /></td>
                      <td><a href={href(['items', s.sku])}>{s.sku}</a>{s.name ? <div className="small muted">{s.name}</div> : null}</td>
                      <td>{s.supplier ?? <span className="muted">none linked</span>}</td>
                      <td className="num">{formatCount(s.suggestedQuantity)}{s.stock.drafted > 0 ? <div className="small muted" data-testid="on-drafts">{formatCount(s.stock.drafted)} on draft POs</div> : null}</td>
                      <td className="num">{formatCount(s.reorderPoint)}</td>
                      <td className="num">{formatCount(s.safetyStock)}</td>
                      <td className="num">{formatCount(s.inventoryPosition)}</td>
                      <td className="num">{s.urgency?.daysUntilStockout == null ? '—' : formatNumber(s.urgency.daysUntilStockout)}{s.urgency?.stockoutWithinLeadTime ? <div className="small" style={{ color: 'var(--bad)' }}>before a PO can arrive</div> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Suggestions" page={pages.page} nextCursor={list.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        );
      }}
    </ResourceView>
  );
}
