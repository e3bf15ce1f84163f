import type { PurchaseOrder } from '../api/types';
import { useMayChange } from '../api/permissions';
import { formatCount, formatDateTime, formatMoney } from '../format';
import { AddPurchaseOrderLine } from './add-purchase-order-line';
import { CancelPurchaseOrder } from './cancel-purchase-order';
import { PurchaseOrderLines, PurchaseOrderLinesForm } from './purchase-order-lines';
import { ReadOnlyNote } from './read-only-note';
import { ReceiveForm } from './receive-form';

/**
 * One purchase order: its lines and progress and, while it is not closed, what a buyer does with
 * it: change lines (a draft's freely, a sent one's dates and units as far as receipts allow), add
 * and remove a draft's lines, cancel the rest of a sent line, send a draft, receive a sent one,
 * cancel either. What closes the order is told through `onClosed` (the card may leave the list).
 */
export function PurchaseOrderCard({ order, onChanged, onClosed }: { readonly order: PurchaseOrder; readonly onChanged: () => void; readonly onClosed: (message: string) => void }) {
  const mayChange = useMayChange();
  const isDraft = order.status === 'draft';
  const isSent = order.status === 'ordered' || order.status === 'partially_received';
  const changeable = mayChange && (isDraft || isSent);
  return (
    <article className="card" aria-labelledby={`po-${order.id}`} data-po={order.id}>
      <div className="page-head">
        <h3 id={`po-${order.id}`} style={{ margin: 0 }}>PO {order.id} · {order.supplierName} {order.reference ? <span className="muted small">({order.reference})</span> : null}</h3>
        <span className="pill" data-status={order.status}>{order.status.replace('_', ' ')}</span>
      </div>
      <p className="small muted">created {formatDateTime(order.createdAt)}{order.orderedAt ? ` · sent ${formatDateTime(order.orderedAt)}` : ''} · {formatCount(order.totals.received)} of {formatCount(order.totals.quantity)} units received{order.totals.cancelled > 0 ? ` · ${formatCount(order.totals.cancelled)} cancelled` : ''} · cost {formatMoney(order.totals.cost)}</p>
      {order.warnings && order.warnings.length > 0 ? (
        <div className="notice notice-warn" data-testid="terms-warnings">
          <p>Lines against {order.supplierName}’s terms, kept as asked:</p>
          <ul>{order.warnings.map((w) => <li key={`${w.lineId} ${w.message}`}>{w.message}</li>)}</ul>
        </div>
      ) : null}
      {changeable ? <PurchaseOrderLinesForm order={order} onChanged={onChanged} onClosed={onClosed} /> : <PurchaseOrderLines order={order} />}
      {!mayChange && (isDraft || isSent) ? <ReadOnlyNote what="change, send, receive or cancel purchase orders" /> : null}
      {changeable && isDraft ? (
        <details style={{ marginTop: '0.5rem' }}>
          <summary>Add a line</summary>
          <AddPurchaseOrderLine order={order} onAdded={onChanged} />
        </details>
      ) : null}
      {changeable && isSent ? (
        <details style={{ marginTop: '0.5rem' }}>
          <summary>Receive goods</summary>
          <ReceiveForm order={order} onReceived={onChanged} />
        </details>
      ) : null}
      {changeable ? (
        <details style={{ marginTop: '0.5rem' }}>
          <summary>Cancel this PO</summary>
          <CancelPurchaseOrder order={order} onCancelled={onClosed} />
        </details>
      ) : null}
    </article>
  );
}
