import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api/client';
import { useMayChange } from '../api/permissions';
import type { Order } from '../api/types';
import { useAction } from '../api/use-action';
import { useResource } from '../api/use-resource';
import { formatCount, formatDateTime } from '../format';
import { href } from '../router';
import { ActionStatus } from './action-status';
import { CustomerName } from './customer-name';
import { Eta } from './eta';
import { Th } from './figure';
import { PriorityControl } from './priority-control';
import { ResourceView } from './resource-view';

/**
 * One order with where each of its units stands, its priority control, shipping of its allocated
 * units (all of them, or fewer per line) and a cancel button.
 */
export function OrderPanel({ orderId, version, onChanged, onClose }: { readonly orderId: number; readonly version: number; readonly onChanged: () => void; readonly onClose: () => void }) {
  const order = useResource<Order>(`/orders/${orderId}`, {}, version);
  const action = useAction();
  const mayChange = useMayChange();
  // Opened from a row far down a list: bring the panel into view and put the keyboard there.
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.scrollIntoView({ block: 'start' });
    heading.current?.focus();
  }, [orderId]);
  async function cancelOrder() {
    if (!window.confirm(`Cancel every open unit of order #${orderId}?`)) return;
    const done = await action.run(() => api.post<Order>(`/orders/${orderId}/cancel`, {}), () => `Order #${orderId} cancelled; its units went back to stock and queues.`);
    if (done) onChanged();
  }
  // Units to ship per sku, starting at everything allocated; reset whenever the order changes.
  const [toShip, setToShip] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const shippable = shippableUnits(order.data);
  const shippableKey = JSON.stringify(shippable);
  useEffect(() => setToShip(Object.fromEntries(Object.entries(shippable).map(([sku, units]) => [sku, String(units)]))), [shippableKey]);
  async function ship(event: FormEvent) {
    event.preventDefault();
    const lines = Object.entries(toShip).map(([sku, text]) => ({ sku, quantity: Number(text) })).filter((l) => l.quantity > 0);
    const bad = Object.entries(toShip).find(([sku, text]) => !/^\d+$/.test(text.trim()) || Number(text) > (shippable[sku] ?? 0));
    action.clear();
    setProblem(
      bad ? `Units to ship of ${bad[0]} must be a whole number from 0 to ${formatCount(shippable[bad[0]] ?? 0)} (what is allocated).`
        : lines.length === 0 ? 'Nothing to ship: every quantity is 0.' : null,
    );
    if (bad || lines.length === 0) return;
    const units = lines.reduce((total, l) => total + l.quantity, 0);
    const done = await action.run(() => api.post<Order>(`/orders/${orderId}/shipments`, { lines }), () => `Shipped ${formatCount(units)} units of order #${orderId}.`);
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
            <ActionStatus action={action} />
            {mayChange && Object.keys(shippable).length > 0 ? (
              <form className="actions" style={{ margin: '0.5rem 0', flexWrap: 'wrap' }} onSubmit={ship} aria-label={`Ship order #${orderId}`} noValidate>
                <span>Ship</span>
                {Object.entries(shippable).map(([sku, units]) => (
                  <label key={sku} className="small">
                    {sku} (of {formatCount(units)} allocated){' '}
                    <input
                      type="number" min={0} max={units} step={1} inputMode="numeric" style={{ width: '6rem' }}
                      value={toShip[sku] ?? ''} onChange={(e) => setToShip((current) => ({ ...current, [sku]: e.target.value }))}
                    />
                  </label>
                ))}
                <button type="submit" disabled={action.busy}>Ship units</button>
              </form>
            ) : null}
            {problem ? <p className="notice notice-error" role="alert">{problem}</p> : null}
            <div className="table-wrap">
              <table>
                <thead><tr><Th>Item</Th><Th definition="lineOrdered" className="num">Ordered</Th><Th definition="allocated" className="num">Allocated</Th><Th definition="backordered" className="num">Backordered</Th><Th definition="shipped" className="num">Shipped</Th><Th definition="cancelled" className="num">Cancelled</Th><Th definition="eta">ETA</Th></tr></thead>
                <tbody>
                  {o.lines.map((l) => (
                    <tr key={l.id}>
                      <td><a href={href(['items', l.sku])}>{l.sku}</a></td>
                      <td className="num">{formatCount(l.quantity)}</td>
                      <td className="num">{formatCount(l.allocated)}{l.allocations.length > 0 ? <div className="small muted">{l.allocations.map((a) => `${a.location}: ${a.quantity}`).join(', ')}</div> : null}</td>
                      <td className="num">{formatCount(l.backordered)}</td>
                      <td className="num">{formatCount(l.shipped)}</td>
                      <td className="num">{formatCount(l.cancelled)}</td>
                      <td><Eta date={l.eta} estimated={l.etaEstimated} /></td>
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

/** Allocated units per sku of the order's lines: what can ship now. */
function shippableUnits(order: Order | null | undefined): Record<string, number> {
  const units: Record<string, number> = {};
  for (const line of order?.lines ?? []) if (line.allocated > 0) units[line.sku] = (units[line.sku] ?? 0) + line.allocated;
  return units;
}
