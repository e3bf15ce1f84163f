import { useEffect, useState } from 'react';
import { errorField } from '../api/describe-error';
import type { Location, Order, Page } from '../api/types';
import { useRefresh } from '../api/use-refresh';
import { useResource } from '../api/use-resource';
import { CustomerName } from '../components/customer-name';
import { Th } from '../components/figure';
import { EmptyState } from '../components/notices';
import { OrderPanel } from '../components/order-panel';
import { Pager, useCursorPages } from '../components/pager';
import { ResourceView } from '../components/resource-view';
import { formatCount, formatDateTime } from '../format';
import { href, replaceParams, type Route } from '../router';

/** The statuses GET /orders filters by, in the order an order moves through them. */
const STATUS_FILTERS = [
  { value: '', label: 'Any status' },
  { value: 'open', label: 'Open (allocated, not yet shipped)' },
  { value: 'backordered', label: 'Backordered (units waiting)' },
  { value: 'partially_shipped', label: 'Partially shipped' },
  { value: 'shipped', label: 'Shipped' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'rejected', label: 'Rejected (out of stock)' },
] as const;

const PAGE_SIZE = 50;

/** Units of an order's lines, summed: what was asked for and where it stands. */
function totals(order: Order) {
  const sum = (pick: (line: Order['lines'][number]) => number) => order.lines.reduce((total, line) => total + pick(line), 0);
  return {
    ordered: sum((l) => l.quantity),
    allocated: sum((l) => l.allocated),
    backordered: sum((l) => l.backordered),
    shipped: sum((l) => l.shipped),
    cancelled: sum((l) => l.cancelled),
  };
}

/** Units of an order allocated at one location: what its pick list takes from there. */
function allocatedAt(order: Order, location: string): number {
  return order.lines.reduce((total, line) => total + line.allocations.filter((a) => a.location === location).reduce((sum, a) => sum + a.quantity, 0), 0);
}

/**
 * Every order, newest first, filtered by status, by an item on its lines or by the location
 * holding units for it (a warehouse's pick list); choosing one opens it with its lines, shipping,
 * priority and cancelling (OrderPanel).
 */
export function OrdersPage({ route }: { readonly route: Route }) {
  const status = route.params.get('status') ?? '';
  const sku = route.params.get('sku') ?? '';
  const location = route.params.get('location') ?? '';
  const orderId = route.params.get('order');
  const [skuDraft, setSkuDraft] = useState(sku);
  useEffect(() => setSkuDraft(sku), [sku]);
  const { version, refresh } = useRefresh();
  const pages = useCursorPages(`${status}|${sku}|${location}`);
  const orders = useResource<Page<Order>>('/orders', { status: status || undefined, sku: sku || undefined, location: location || undefined, cursor: pages.cursor, limit: PAGE_SIZE }, version);
  const locations = useResource<{ items: readonly Location[] }>('/locations');
  const params = { status, sku, location };
  const filtered = status || sku || location;
  return (
    <section aria-labelledby="orders-title">
      <h1 id="orders-title">Orders</h1>
      {orderId && /^\d+$/.test(orderId) ? <OrderPanel key={orderId} orderId={Number(orderId)} version={version} onChanged={refresh} onClose={() => replaceParams(['orders'], params)} /> : null}
      <form className="toolbar" onSubmit={(e) => { e.preventDefault(); replaceParams(['orders'], { ...params, sku: skuDraft.trim() }); }}>
        <div className="field">
          <label htmlFor="orders-status">Status</label>
          <select id="orders-status" value={status} onChange={(e) => replaceParams(['orders'], { ...params, status: e.target.value })}>
            {STATUS_FILTERS.map((f) => <option key={f.value} value={f.value}>{f.label}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-location">Units allocated at</label>
          <select id="orders-location" value={location} onChange={(e) => replaceParams(['orders'], { ...params, location: e.target.value })}>
            <option value="">Any location</option>
            {(locations.data?.items ?? []).map((l) => <option key={l.code} value={l.code}>{l.code} · {l.name}{l.active ? '' : ' (inactive)'}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="orders-sku">With item (sku)</label>
          <div className="actions">
            <input id="orders-sku" value={skuDraft} onChange={(e) => setSkuDraft(e.target.value)} placeholder="any item" />
            <button type="submit">Show</button>
          </div>
        </div>
      </form>
      {errorField(orders.error) === 'sku' ? (
        <EmptyState title={`No item has the sku ${sku}`}>
          <p>Skus are case-sensitive; check it on the Items page.</p>
        </EmptyState>
      ) : <ResourceView resource={orders} feature="Orders">
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title={filtered ? 'No order matches these filters' : 'No orders yet'}>
              {filtered ? 'Choose another status, location or item.' : 'Orders come in through the API (POST /api/v1/orders) or the CLI (restock orders place).'}
            </EmptyState>
          ) : (
            <>
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Orders, newest first</caption>
                  <thead>
                    <tr>
                      <Th>Order</Th><Th>Placed</Th><Th>Customer</Th><Th>Status</Th><Th className="num">Priority</Th>
                      <Th definition="lineOrdered" className="num">Ordered</Th><Th definition="allocated" className="num">Allocated</Th>
                      <Th definition="backordered" className="num">Backordered</Th><Th definition="shipped" className="num">Shipped</Th><Th definition="cancelled" className="num">Cancelled</Th>
                      {location ? <Th className="num">At {location}</Th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((o) => {
                      const t = totals(o);
                      return (
                        <tr key={o.id} aria-current={String(o.id) === orderId ? 'true' : undefined}>
                          <td>
                            <a href={href(['orders'], { ...params, order: o.id })}>#{o.id}</a>
                            {o.externalId ? <div className="small muted mono">{o.externalId}</div> : null}
                          </td>
                          <td>{formatDateTime(o.placedAt)}</td>
                          <td><CustomerName customer={o.customer} /></td>
                          <td>
                            <span className="pill">{o.status.replaceAll('_', ' ')}</span>
                            {o.supersededBy !== null ? <div className="small muted">superseded by #{o.supersededBy}</div> : null}
                          </td>
                          <td className="num">{o.priority}</td>
                          <td className="num">{formatCount(t.ordered)}<div className="small muted">{o.lines.length === 1 ? o.lines[0]?.sku : `${o.lines.length} lines`}</div></td>
                          <td className="num">{formatCount(t.allocated)}</td>
                          <td className="num">{formatCount(t.backordered)}</td>
                          <td className="num">{formatCount(t.shipped)}</td>
                          <td className="num">{formatCount(t.cancelled)}</td>
                          {location ? <td className="num">{formatCount(allocatedAt(o, location))}</td> : null}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} label="Orders" />
            </>
          )
        }
      </ResourceView>}
    </section>
  );
}
