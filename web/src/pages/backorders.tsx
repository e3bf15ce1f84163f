import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { describeError } from '../api/describe-error';
import { useMayChange } from '../api/permissions';
import { api } from '../api/client';
import type { Backorder, Page } from '../api/types';
import { useAction } from '../api/use-action';
import { useRefresh } from '../api/use-refresh';
import { useResource } from '../api/use-resource';
import { CustomerName } from '../components/customer-name';
import { Eta } from '../components/eta';
import { Th } from '../components/figure';
import { FormStatus } from '../components/form-status';
import { EmptyState } from '../components/notices';
import { OrderPanel } from '../components/order-panel';
import { Pager, useCursorPages } from '../components/pager';
import { PriorityControl } from '../components/priority-control';
import { ResourceView } from '../components/resource-view';
import { useFormCheck } from '../components/use-form-check';
import { formatCount, formatDateTime } from '../format';
import { parsePriority } from '../parse-input';
import { href, replaceParams, type Route } from '../router';

const AGE_FILTERS = [
  { value: '', label: 'Any age' },
  { value: '8', label: 'Older than 7 days' },
  { value: '15', label: 'Older than 14 days' },
  { value: '31', label: 'Older than 30 days' },
] as const;

/**
 * Every waiting backorder, oldest first (or one item's queue in serving order), with bulk
 * priority changes and cancelling of the waiting units.
 */
export function BackordersPage({ route }: { readonly route: Route }) {
  const sku = route.params.get('sku') ?? '';
  const minAge = Number(route.params.get('minAge') ?? '0');
  const estimatedOnly = route.params.get('estimated') === '1';
  const orderId = route.params.get('order');
  const [skuDraft, setSkuDraft] = useState(sku);
  useEffect(() => setSkuDraft(sku), [sku]);
  const { version, refresh } = useRefresh();
  const mayChange = useMayChange();
  const pages = useCursorPages(sku);
  const backorders = useResource<Page<Backorder>>('/backorders', { sku: sku || undefined, cursor: pages.cursor, limit: sku ? 200 : 50 }, version);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const params = { sku, minAge: minAge || null, estimated: estimatedOnly ? 1 : null };
  const rows = useMemo(
    () => (backorders.data?.items ?? []).filter((b) => b.ageDays >= minAge && (!estimatedOnly || b.etaEstimated)),
    [backorders.data, minAge, estimatedOnly],
  );
  const toggle = (lineId: number) => setSelected((s) => { const next = new Set(s); if (next.has(lineId)) next.delete(lineId); else next.add(lineId); return next; });
  const chosen = rows.filter((r) => selected.has(r.lineId));
  return (
    <section aria-labelledby="backorders-title">
      <h1 id="backorders-title">Backorders</h1>
      {orderId && /^\d+$/.test(orderId) ? <OrderPanel key={orderId} orderId={Number(orderId)} version={version} onChanged={refresh} onClose={() => replaceParams(['backorders'], params)} /> : null}
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); replaceParams(['backorders'], { ...params, sku: skuDraft.trim() }); }}>
        <div className="field">
          <label htmlFor="bo-sku">Item sku (shows its queue in serving order)</label>
          <div className="actions">
            <input id="bo-sku" value={skuDraft} onChange={(e) => setSkuDraft(e.target.value)} placeholder="all items" />
            <button type="submit">Show</button>
          </div>
        </div>
        <div className="field">
          <label htmlFor="bo-age">Age</label>
          <select id="bo-age" value={minAge ? String(minAge) : ''} onChange={(e) => replaceParams(['backorders'], { ...params, minAge: e.target.value })}>
            {AGE_FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
          </select>
        </div>
        <div className="field field-inline">
          <input id="bo-estimated" type="checkbox" checked={estimatedOnly} onChange={(e) => replaceParams(['backorders'], { ...params, estimated: e.target.checked ? 1 : null })} />
          <label htmlFor="bo-estimated">Only ETAs not backed by a PO</label>
        </div>
      </form>
      <ResourceView resource={backorders} feature="The backorder list">
        {(page) => (
          <>
            <p className="small muted">
              {sku ? `The queue of ${sku} in serving order: priority (higher first), then placed time (older first).` : 'All waiting backorders, oldest first. Enter a sku to see one item’s queue in serving order.'}
              {minAge || estimatedOnly ? ' Age and ETA filters narrow the rows of this page.' : ''}
            </p>
            {mayChange ? <BulkActions rows={chosen} onDone={(succeeded) => { if (succeeded) setSelected(new Set()); refresh(); }} /> : null}
            {rows.length === 0 ? (
              <EmptyState title={page.items.length === 0 ? 'No backorders are waiting' : 'No backorder on this page matches the filters'}>
                <p>{page.items.length === 0 ? 'Every accepted order has its stock. Orders for items at zero availability that allow backorders will appear here.' : 'Loosen the age or ETA filter, or go to the next page.'}</p>
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table data-testid="backorders" className="table-stack">
                  <caption className="sr-only">Waiting backorders</caption>
                  <thead>
                    <tr>
                      <th scope="col"><span className="sr-only">Select</span></th>
                      <Th>Item</Th><Th definition="position" className="num">Queue #</Th><Th>Order</Th><Th>Customer</Th>
                      <Th definition="backordered" className="num">Waiting</Th><Th definition="age" className="num">Age</Th><Th definition="eta">ETA</Th><Th definition="priority">Priority</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((b) => (
                      <tr key={b.lineId} data-order={b.orderId}>
                        <td data-label="Select"><input type="checkbox" checked={selected.has(b.lineId)} onChange={() => toggle(b.lineId)} aria-label={`Select order ${b.orderId}, ${b.sku}`} /></td>
                        <td data-label="Item"><a href={href(['items', b.sku])}>{b.sku}</a></td>
                        <td className="num" data-label="Queue #">{b.position}</td>
                        <td data-label="Order"><a href={href(['backorders'], { ...params, order: b.orderId })}>#{b.orderId}</a>{b.externalId ? <div className="small muted">{b.externalId}</div> : null}</td>
                        <td data-label="Customer"><CustomerName customer={b.customer} /><div className="small muted">{formatDateTime(b.placedAt)}</div></td>
                        <td className="num" data-label="Waiting">{formatCount(b.backordered)}</td>
                        <td className="num" data-label="Age">{b.ageDays} d</td>
                        <td data-label="ETA"><Eta date={b.eta} estimated={b.etaEstimated} waiting /></td>
                        <td data-label="Priority"><PriorityControl orderId={b.orderId} priority={b.priority} onChanged={refresh} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager label="Backorders" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )}
      </ResourceView>
    </section>
  );
}

/** Priority for many orders at once, and cancelling the waiting units of the chosen lines. */
function BulkActions({ rows, onDone }: { readonly rows: readonly Backorder[]; readonly onDone: (succeeded: boolean) => void }) {
  const [priority, setPriority] = useState('');
  const action = useAction();
  const form = useFormCheck(action);
  const orders = [...new Set(rows.map((r) => r.orderId))];
  async function setAll(event: FormEvent) {
    event.preventDefault();
    const value = parsePriority(priority);
    if (!form.check(value === null ? { field: 'priority', message: 'New priority must be a whole number from -1,000,000 to 1,000,000 (higher is served first).' } : null) || value === null) return;
    const done = await action.run(
      () => eachOf(orders, (id) => api.patch(`/orders/${id}`, { priority: value }), (id) => `order #${id}`),
      (n) => `Priority ${value} set on ${n} order${n === 1 ? '' : 's'}; the queues have been reordered.`,
    );
    // Some may have changed before one failed: the page shows what is true now either way.
    onDone(done !== undefined);
  }
  async function cancel() {
    const units = rows.reduce((sum, r) => sum + r.backordered, 0);
    if (!window.confirm(`Cancel ${units} waiting unit(s) on ${rows.length} line(s)? The customers will be told.`)) return;
    // One message at a time: the cancel's answer replaces a refused priority's.
    form.check(null);
    // Waiting units only: units allocated since the page last loaded are not cancelled (the API refuses that line instead).
    const done = await action.run(
      () => eachOf(rows, (r) => api.post(`/orders/${r.orderId}/cancel`, { lines: [{ sku: r.sku, quantity: r.backordered, waitingOnly: true }] }), (r) => `order #${r.orderId} (${r.sku})`),
      (n) => `Cancelled the waiting units of ${n} line(s).`,
    );
    onDone(done !== undefined);
  }
  return (
    <div className="card" style={{ margin: '0.5rem 0' }}>
      <form ref={form.ref} className="actions" onSubmit={setAll} aria-label="Change the chosen backorders" noValidate>
        <strong>{rows.length === 0 ? 'Select rows to change several at once' : `${rows.length} selected (${orders.length} order${orders.length === 1 ? '' : 's'})`}</strong>
        <label htmlFor="bulk-priority">New priority</label>
        <input id="bulk-priority" type="number" step={1} required {...form.marks('priority')} value={priority} onChange={(e) => setPriority(e.target.value)} style={{ width: '6rem' }} />
        <button type="submit" disabled={rows.length === 0 || action.busy}>Set priority</button>
        <button type="button" className="danger" disabled={rows.length === 0 || action.busy} onClick={cancel}>Cancel waiting units</button>
      </form>
      <FormStatus form={form} action={action} />
    </div>
  );
}

/**
 * Sends one request per entry, all of them even when some fail, and answers how many went
 * through; when any failed, throws one error naming each failure and how many succeeded.
 */
async function eachOf<T>(entries: readonly T[], send: (entry: T) => Promise<unknown>, name: (entry: T) => string): Promise<number> {
  const failures: string[] = [];
  for (const entry of entries) {
    try {
      await send(entry);
    } catch (error) {
      failures.push(`${name(entry)}: ${describeError(error).detail}`);
    }
  }
  if (failures.length > 0) throw new Error(`${entries.length - failures.length} of ${entries.length} done; not done: ${failures.join('; ')}`);
  return entries.length;
}
