import type { PurchaseOrder } from '../api/types';
import { ROUTES } from '../api/routes';
import { useResource } from '../api/use-resource';
import { formatCount, formatDate } from '../format';
import { href } from '../router';
import { Th } from './figure';
import { EmptyState } from './notices';
import { ReceiveForm } from './receive-form';
import { ResourceView } from './resource-view';

const OPEN_LIMIT = 50;

/** The open purchase orders (drafts, and sent ones that will bring an item in), with a form to receive each sent one in part. */
export function OpenPurchaseOrders({ sku, version, onChanged }: { readonly sku: string; readonly version: number; readonly onChanged: () => void }) {
  const orders = useResource<{ items: readonly PurchaseOrder[]; nextCursor: string | null }>(ROUTES.purchaseOrders, { sku, status: 'open', limit: OPEN_LIMIT }, version);
  return (
    <ResourceView resource={orders} feature="Purchase orders">
      {(list) => {
        const open = list.items;
        if (open.length === 0) {
          return <EmptyState title="No open purchase order brings this item in"><p>Create one on the <a href={href(['purchasing'])}>Purchasing</a> page, or turn the replenishment suggestion into a draft PO.</p></EmptyState>;
        }
        return (
          <div className="table-wrap">
            <table data-testid="open-pos">
              <caption className="sr-only">Open purchase orders for {sku}</caption>
              <thead><tr><Th>PO</Th><Th>Supplier</Th><Th>Status</Th><Th definition="poOrdered" className="num">Ordered</Th><Th definition="poReceived" className="num">Received</Th><Th definition="incoming" className="num">Open</Th><Th>Expected</Th></tr></thead>
              <tbody>
                {open.flatMap((po) => po.lines.filter((l) => l.sku === sku).map((l) => (
                  <tr key={`${po.id}-${l.id}`}>
                    <td><a href={href(['purchasing'], { po: po.id })}>PO {po.id}</a>{po.reference ? <div className="small muted">{po.reference}</div> : null}</td>
                    <td>{po.supplierName}</td>
                    <td><span className="pill">{po.status.replace('_', ' ')}</span></td>
                    <td className="num">{formatCount(l.quantity)}</td>
                    <td className="num">{formatCount(l.received)}</td>
                    {/* A draft brings nothing in until it is sent: its units are not incoming yet. */}
                    <td className="num">{po.status === 'draft' ? <span className="muted">not sent</span> : formatCount(l.open)}</td>
                    <td>{formatDate(l.expectedOn)}</td>
                  </tr>
                )))}
              </tbody>
            </table>
            {list.nextCursor ? <p className="small muted">Showing the newest {OPEN_LIMIT}; see every one on the <a href={href(['purchasing'])}>Purchasing</a> page.</p> : null}
            {open.filter((po) => po.status !== 'draft').map((po) => (
              <details key={po.id} style={{ padding: '0 0.6rem 0.6rem' }}>
                <summary>Receive PO {po.id}</summary>
                <ReceiveForm order={po} onlySku={sku} onReceived={onChanged} />
              </details>
            ))}
          </div>
        );
      }}
    </ResourceView>
  );
}
