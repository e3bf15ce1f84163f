import type { PurchaseOrder } from '../api/types';
import { useMayChange } from '../api/permissions';
import { api } from '../api/client';
import { ROUTES } from '../api/routes';
import { useAction } from '../api/use-action';
import { formatCount, formatDate, formatDateTime, formatMoney } from '../format';
import { href } from '../router';
import { ActionStatus } from './action-status';
import { Th } from './figure';
import { ReceiveForm } from './receive-form';

/** One purchase order: its lines and progress, "send" while a draft, "receive" while open. */
export function PurchaseOrderCard({ order, onChanged }: { readonly order: PurchaseOrder; readonly onChanged: () => void }) {
  const action = useAction();
  const mayChange = useMayChange();
  async function send() {
    const done = await action.run(() => api.post(ROUTES.sendPurchaseOrder(order.id), {}), () => `PO ${order.id} sent to ${order.supplierName}; its lines now count as incoming and back promise dates.`);
    if (done !== undefined) onChanged();
  }
  const open = order.status === 'ordered' || order.status === 'partially_received';
  return (
    <article className="card" aria-labelledby={`po-${order.id}`} data-po={order.id}>
      <div className="page-head">
        <h3 id={`po-${order.id}`} style={{ margin: 0 }}>PO {order.id} · {order.supplierName} {order.reference ? <span className="muted small">({order.reference})</span> : null}</h3>
        <span className="pill" data-status={order.status}>{order.status.replace('_', ' ')}</span>
      </div>
      <p className="small muted">created {formatDateTime(order.createdAt)}{order.orderedAt ? ` · sent ${formatDateTime(order.orderedAt)}` : ''} · {formatCount(order.totals.received)} of {formatCount(order.totals.quantity)} units received · cost {formatMoney(order.totals.cost)}</p>
      <div className="table-wrap" style={{ marginTop: '0.5rem' }}>
        <table>
          <thead><tr><Th>Item</Th><Th definition="poOrdered" className="num">Ordered</Th><Th definition="poReceived" className="num">Received</Th><Th definition="incoming" className="num">Open</Th><Th definition="unitCost" className="num">Unit cost</Th><Th>Expected</Th></tr></thead>
          <tbody>
            {order.lines.map((l) => (
              <tr key={l.id}>
                <td><a href={href(['items', l.sku])}>{l.sku}</a></td>
                <td className="num">{formatCount(l.quantity)}</td>
                <td className="num">{formatCount(l.received)}</td>
                <td className="num">{formatCount(l.open)}</td>
                <td className="num">{formatMoney(l.unitCost)}</td>
                <td>{formatDate(l.expectedOn)}{l.promisedOn && l.promisedOn !== l.expectedOn ? <div className="small muted">promised {formatDate(l.promisedOn)}</div> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {order.status === 'draft' && mayChange ? (
        <div className="actions" style={{ marginTop: '0.5rem' }}>
          <button type="button" className="primary" onClick={send} disabled={action.busy || order.lines.length === 0}>Send to supplier</button>
          {order.lines.length === 0 ? <span className="small muted">Add lines before sending.</span> : null}
        </div>
      ) : null}
      <ActionStatus action={action} />
      {open ? (
        <details style={{ marginTop: '0.5rem' }}>
          <summary>Receive goods</summary>
          <ReceiveForm order={order} onReceived={onChanged} />
        </details>
      ) : null}
    </article>
  );
}
