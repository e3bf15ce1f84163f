import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import type { Order } from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { countOf, formatCount, formatDateTime } from '../format';
import { parseWholeNumber } from '../parse-input';
import { href } from '../router';
import { CustomerName } from './customer-name';
import { Eta } from './eta';
import { Th } from './figure';
import { formLineField } from './form-line-field';
import { FormStatus } from './form-status';
import { PriorityControl } from './priority-control';
import { ResourceView } from './resource-view';
import { useFormCheck } from './use-form-check';

/**
 * One order with where each of its units stands, its priority control, shipping of its allocated
 * units (all of them, or fewer per line) and a cancel button.
 */
export function OrderPanel({ orderId, version, onChanged, onClose }: { readonly orderId: number; readonly version: number; readonly onChanged: () => void; readonly onClose: () => void }) {
  const order = useResource<Order>(`/orders/${orderId}`, {}, version);
  const action = useAction();
  // Lines with 0 to ship are not sent: the API's lines[k] is the form's line sent[k].
  const sent = useRef<readonly number[]>([]);
  const form = useFormCheck(action, (field) => formLineField(field, sent.current));
  const mayChange = useMayChange();
  // Opened from a row far down a list: bring the panel into view and put the keyboard there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [orderId]);
  async function cancelOrder() {
    if (!window.confirm(`Cancel every open unit of order #${orderId}?`)) return;
    // One message at a time: the cancel's answer replaces a refused shipment's.
    form.check(null);
    const done = await action.run(() => api.post<Order>(`/orders/${orderId}/cancel`, {}), () => `Order #${orderId} cancelled${cancelWords(order.data)}.`);
    if (done) onChanged();
  }
  // Units to ship per sku, starting at everything allocated; reset whenever the order changes.
  const [toShip, setToShip] = useState<Record<string, string>>({});
  const shippable = shippableUnits(order.data);
  const shippableKey = JSON.stringify(shippable);
  useEffect(() => setToShip(Object.fromEntries(Object.entries(shippable).map(([sku, units]) => [sku, String(units)]))), [shippableKey]);
  async function ship(event: FormEvent) {
    event.preventDefault();
    const typed = Object.entries(shippable).map(([sku, allocated], index) => ({ sku, allocated, index, units: parseWholeNumber(toShip[sku] ?? '', allocated) }));
    const bad = typed.find((t) => t.units === null);
    const shipped = typed.filter((t) => (t.units ?? 0) > 0);
    const refusal = bad ? { field: `lines[${bad.index}].quantity`, message: `Units to ship of ${bad.sku} must be a whole number from 0 to ${formatCount(bad.allocated)} (what is allocated).` }
      : shipped.length === 0 ? { field: 'lines[0].quantity', message: 'Nothing to ship: every quantity is 0.' } : null;
    if (!form.check(refusal)) return;
    sent.current = shipped.map((t) => t.index);
    const lines = shipped.map((t) => ({ sku: t.sku, quantity: t.units ?? 0 }));
    const units = lines.reduce((total, l) => total + l.quantity, 0);
    const done = await action.run(() => api.post<Order>(`/orders/${orderId}/shipments`, { lines }), () => `Shipped ${countOf(units, 'unit')} of order #${orderId}.`);
    if (done) onChanged();
  }
  return (
    <div className="card" aria-labelledby="order-title" role="region">
      <div className="page-head">
        <h2 id="order-title" style={{ margin: 0 }} ref={heading} tabIndex={-1}>Order #{orderId}</h2>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <ResourceView resource={order} feature="This order">
        {(o) => (
          <>
            <p>
              <CustomerName customer={o.customer} /> · placed {formatDateTime(o.placedAt)} · status <span className="pill">{o.status.replaceAll('_', ' ')}</span>
              {o.externalId ? <> · external id <span className="mono">{o.externalId}</span></> : null}
            </p>
            {o.supersededBy !== null ? (
              <p className="small" data-testid="superseded-by">
                Placed again under the same external id as <a href={href(['orders'], { order: o.supersededBy })}>order #{o.supersededBy}</a>, which counts instead: this attempt is not counted as demand.
              </p>
            ) : null}
            {/* A finished order (shipped, cancelled or rejected) has nothing left to re-prioritise or cancel. */}
            {o.status === 'shipped' || o.status === 'cancelled' || o.status === 'rejected' ? (
              <p className="small muted">Priority {o.priority}. This order is {o.status}: nothing in it can change any more.</p>
            ) : (
              <div className="actions" style={{ margin: '0.5rem 0' }}>
                <span>Priority</span>
                <PriorityControl orderId={o.id} priority={o.priority} onChanged={onChanged} />
                {mayChange ? <button type="button" className="danger" onClick={cancelOrder} disabled={action.busy}>Cancel order</button> : null}
              </div>
            )}
            <FormStatus form={form} action={action} />
            {mayChange && Object.keys(shippable).length > 0 ? (
              <form ref={form.ref} className="actions" style={{ margin: '0.5rem 0', flexWrap: 'wrap' }} onSubmit={ship} aria-label={`Ship order #${orderId}`} noValidate>
                <span>Ship</span>
                {Object.entries(shippable).map(([sku, units], index) => (
                  <label key={sku} className="small">
                    {sku} (of {formatCount(units)} allocated){' '}
                    <input
                      type="number" min={0} max={units} step={1} inputMode="numeric" style={{ width: '6rem' }} {...form.marks(`lines[${index}].quantity`)}
                      value={toShip[sku] ?? ''} onChange={(e) => setToShip((current) => ({ ...current, [sku]: e.target.value }))}
                    />
                  </label>
                ))}
                <button type="submit" disabled={action.busy}>Ship units</button>
              </form>
            ) : null}
            <div className="table-wrap">
              <table>
                <thead><tr><Th>Item</Th><Th definition="lineOrdered" className="num">Ordered</Th><Th definition="allocated" className="num">Allocated</Th><Th definition="backordered" className="num">Backordered</Th><Th definition="shipped" className="num">Shipped</Th><Th definition="cancelled" className="num">Cancelled</Th><Th definition="eta">ETA</Th></tr></thead>
                <tbody>
                  {o.lines.map((l) => (
                    <tr key={l.id}>
                      <td><a href={href(['items', l.sku])}>{l.sku}</a></td>
                      <td className="num">{formatCount(l.quantity)}</td>
                      <td className="num">{formatCount(l.allocated)}{l.allocations.length > 0 ? <div className="small muted">{l.allocations.map((a) => `${a.location}: ${a.quantity}`).join(', ')}</div> : null}</td>
                      <td className="num">{formatCount(l.backordered)}{l.queue ? <div className="small muted" data-testid="queue-place">#{formatCount(l.queue.position)} in the queue, {formatCount(l.queue.unitsAhead)} {l.queue.unitsAhead === 1 ? 'unit' : 'units'} ahead</div> : null}</td>
                      <td className="num">{formatCount(l.shipped)}</td>
                      <td className="num">{formatCount(l.cancelled)}</td>
                      <td><Eta date={l.eta} estimated={l.etaEstimated} waiting={l.backordered > 0} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </ResourceView>
    </div>
  );
}

/** What a cancellation released, as the order stood before it: units to stock, units from the queues, or neither. */
function cancelWords(order: Order | null | undefined): string {
  const allocated = order?.lines.reduce((sum, l) => sum + l.allocated, 0) ?? 0;
  const waiting = order?.lines.reduce((sum, l) => sum + l.backordered, 0) ?? 0;
  const parts = [allocated > 0 ? `${countOf(allocated, 'allocated unit')} went back to stock` : null, waiting > 0 ? `${countOf(waiting, 'waiting unit')} left the queue` : null].filter((p) => p !== null);
  return parts.length > 0 ? `; ${parts.join(' and ')}` : '';
}

/** Allocated units per sku of the order's lines: what can ship now. */
function shippableUnits(order: Order | null | undefined): Record<string, number> {
  const units: Record<string, number> = {};
  for (const line of order?.lines ?? []) if (line.allocated > 0) units[line.sku] = (units[line.sku] ?? 0) + line.allocated;
  return units;
}
