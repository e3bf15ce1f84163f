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

/** One order with where each of its units stands, its priority control and a cancel button. */
export function OrderPanel({ orderId, version, onChanged, onClose }: { readonly orderId: number; readonly version: number; readonly onChanged: () => void; readonly onClose: () => void }) {
  const order = useResource<Order>(`/orders/${orderId}`, {}, version);
  const action = useAction();
  const mayChange = useMayChange();
  async function cancelOrder() {
    if (!window.confirm(`Cancel every open unit of order #${orderId}?`)) return;
    const done = await action.run(() => api.post<Order>(`/orders/${orderId}/cancel`, {}), () => `Order #${orderId} cancelled; its units went back to stock and queues.`);
    if (done) onChanged();
  }
  return (
    <div className="card" aria-labelledby="order-title" role="region">
      <div className="page-head">
        <h2 id="order-title" style={{ margin: 0 }}>Order #{orderId}</h2>
        <button type="button" onClick={onClose}>Close</button>
      </div>
      <ResourceView resource={order} feature="This order">
        {(o) => (
          <>
            <p>
              <CustomerName customer={o.customer} /> · placed {formatDateTime(o.placedAt)} · status <span className="pill">{o.status}</span>
              {o.externalId ? <> · external id <span className="mono">{o.externalId}</span></> : null}
            </p>
            <div className="actions" style={{ margin: '0.5rem 0' }}>
              <span>Priority</span>
              <PriorityControl orderId={o.id} priority={o.priority} onChanged={onChanged} />
              {mayChange ? <button type="button" className="danger" onClick={cancelOrder} disabled={action.busy || o.status === 'cancelled' || o.status === 'shipped'}>Cancel order</button> : null}
            </div>
            <ActionStatus action={action} />
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
