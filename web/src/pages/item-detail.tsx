import { useState } from 'react';
import type { Backorder, Item, Location, Page, StockLevel } from '../api/types';
import { Pager, useCursorPages } from '../components/pager';
import { useAvailability } from '../api/use-availability';
import { useRefresh } from '../api/use-refresh';
import { useResource } from '../api/use-resource';
import { useMayChange } from '../api/permissions';
import { BackorderQueue } from '../components/backorder-queue';
import { CancelItemBackorders } from '../components/cancel-item-backorders';
import { DemandPanel } from '../components/demand-panel';
import { Eta } from '../components/eta';
import { Stat, Th } from '../components/figure';
import { Ledger } from '../components/ledger';
import { ItemSettings } from '../components/item-settings';
import { EmptyState, SuccessNotice } from '../components/notices';
import { OpenPurchaseOrders } from '../components/open-purchase-orders';
import { ResourceView } from '../components/resource-view';
import { StatusBadge } from '../components/status-badge';
import { StockActions } from '../components/stock-actions';
import { SupplierLinks } from '../components/supplier-links';
import { formatCount, formatMoney } from '../format';
import { href } from '../router';

/**
 * Everything about one item: network figures and status, stock per location, the backorder
 * queue with priority controls, open POs with receiving, its suppliers, demand and forecast, and
 * the ledger.
 */
/** Queue lines per page, in serving order. */
const QUEUE_PAGE = 100;

export function ItemDetailPage({ sku }: { readonly sku: string }) {
  const { version, refresh } = useRefresh();
  const item = useResource<Item>(`/items/${encodeURIComponent(sku)}`, {}, version);
  const availability = useAvailability(item.data ? [sku] : [], version).get(sku);
  const stock = useResource<Page<StockLevel>>('/stock', { sku, limit: 100 }, version);
  const queuePages = useCursorPages(sku);
  const queue = useResource<Page<Backorder>>('/backorders', { sku, limit: QUEUE_PAGE, cursor: queuePages.cursor ?? undefined }, version);
  const locations = useResource<{ items: readonly Location[] }>('/locations');
  const mayChange = useMayChange();
  // What the last cancellation of the whole queue did: said here, as its form leaves with the queue.
  const [queueCancelled, setQueueCancelled] = useState<{ readonly sku: string; readonly message: string } | null>(null);
  return (
    <section aria-labelledby="item-title">
      <p className="small"><a href={href(['items'])}>← Items</a></p>
      <ResourceView resource={item} feature="This item">
        {(it) => (
          <>
            <div className="page-head">
              <h1 id="item-title"><span className="mono">{it.sku}</span> · {it.name}</h1>
              <StatusBadge status={it.status} eta={availability?.eta} />
            </div>
            <p className="muted">
              {it.discontinued
                ? 'Discontinued: sells what is on hand and takes no backorders'
                : it.backorderPolicy === 'allow'
                  ? `Backorders allowed${it.backorderLimit === null ? ' without limit' : ` up to ${it.backorderLimit} ${it.backorderLimit === 1 ? 'unit' : 'units'} at once`}`
                  : 'Backorders not allowed: at zero available the item is out of stock'} · lead time {it.leadTimeDays} days · low-stock threshold {it.lowStockThreshold} · price {formatMoney(it.unitPrice)} · cost {formatMoney(it.unitCost)}
            </p>
            <ItemSettings item={it} onChanged={refresh} />
            <dl className="stats" style={{ marginTop: '0.75rem' }}>
              <Stat label="On hand" value={formatCount(it.onHand)} definition="onHand" />
              <Stat label="Allocated" value={formatCount(it.allocated)} definition="allocated" />
              <Stat label="Available" value={formatCount(it.available)} definition="available" />
              <Stat label="Incoming" value={formatCount(availability?.incoming)} definition="incoming" />
              <Stat label="Backordered" value={formatCount(it.backordered)} definition="backordered" />
              <Stat label="Projected" value={formatCount(availability?.projected)} definition="projected" />
              <Stat label="Backorderable" value={availability ? (availability.backorderable === null ? '∞' : formatCount(availability.backorderable)) : '—'} definition="backorderable" />
              <Stat label="Next ETA" value={<Eta date={availability?.eta ?? null} estimated={availability?.etaEstimated ?? false} />} definition="nextEta" />
            </dl>
            {availability && availability.substitutes.length > 0 ? (
              <p className="small" style={{ marginTop: '0.5rem' }}>
                Substitutes:{' '}
                {availability.substitutes.map((s) => (
                  <span key={s.sku} style={{ marginRight: '0.5rem' }}><a href={href(['items', s.sku])}>{s.sku}</a> <StatusBadge status={s.status} /></span>
                ))}
              </p>
            ) : null}

            <h2>Stock per location</h2>
            <ResourceView resource={stock} feature="Stock levels">
              {(page) =>
                page.items.length === 0 ? (
                  <EmptyState title="No stock at any location yet"><p>Receive a purchase order or adjust stock below to put units on a shelf.</p></EmptyState>
                ) : (
                  <div className="table-wrap">
                    <table>
                      <caption className="sr-only">Stock per location</caption>
                      <thead><tr><Th>Location</Th><Th definition="onHand" className="num">On hand</Th><Th definition="allocated" className="num">Allocated</Th><Th definition="available" className="num">Available</Th></tr></thead>
                      <tbody>
                        {page.items.map((l) => (
                          <tr key={l.location}>
                            <td>{l.location}{l.locationActive ? null : <> <span className="pill">inactive</span></>}</td>
                            <td className="num">{formatCount(l.onHand)}</td>
                            <td className="num">{formatCount(l.allocated)}</td>
                            <td className="num">{formatCount(l.available)}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )
              }
            </ResourceView>

            <h2 id="queue-title">Backorder queue</h2>
            <p className="small muted">Served by priority (higher first), then by the time the order was placed (older first). Stock that arrives goes to the top of this list at once.</p>
            {queueCancelled?.sku === it.sku ? <SuccessNotice>{queueCancelled.message}</SuccessNotice> : null}
            <ResourceView resource={queue} feature="The backorder queue">
              {(page) =>
                page.items.length === 0 ? (
                  <EmptyState title="Nobody is waiting for this item">
                    <p>{it.discontinued ? 'This item is discontinued: it takes no new backorders.' : it.backorderPolicy === 'allow' ? 'Orders placed when nothing is available will wait here.' : 'This item does not accept backorders; allow them in its settings above to let orders wait.'}</p>
                  </EmptyState>
                ) : (
                  <>
                    <BackorderQueue rows={page.items} onChanged={refresh} />
                    <Pager label="Backorder queue" page={queuePages.page} nextCursor={page.nextCursor} onNext={queuePages.next} onPrevious={queuePages.previous} />
                    {mayChange && it.backordered > 0 ? (
                      <CancelItemBackorders sku={it.sku} waiting={it.backordered} onCancelled={(message) => { setQueueCancelled({ sku: it.sku, message }); refresh(); }} />
                    ) : null}
                  </>
                )
              }
            </ResourceView>

            <h2>Open purchase orders</h2>
            <OpenPurchaseOrders sku={it.sku} version={version} onChanged={refresh} />

            <h2>Suppliers</h2>
            <SupplierLinks of={{ sku: it.sku }} version={version} />

            <h2>Demand and forecast</h2>
            <DemandPanel sku={it.sku} />

            <h2>Change stock</h2>
            <StockActions sku={it.sku} locations={locations.data?.items ?? []} onChanged={refresh} />

            <h2>Ledger</h2>
            <Ledger sku={it.sku} version={version} />
          </>
        )}
      </ResourceView>
    </section>
  );
}
