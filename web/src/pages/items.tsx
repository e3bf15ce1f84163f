import { useEffect, useMemo, useState } from 'react';
import { useMayChange } from '../api/permissions';
import type { Item, ItemAvailability, Location, Page, StockLevel } from '../api/types';
import { useAvailability } from '../api/use-availability';
import { useResource } from '../api/use-resource';
import { Th } from '../components/figure';
import { ImportDemand } from '../components/import-demand';
import { ImportItems } from '../components/import-items';
import { ImportStockCount } from '../components/import-stock-count';
import { NewItemForm } from '../components/new-item-form';
import { EmptyState } from '../components/notices';
import { Pager, useCursorPages } from '../components/pager';
import { ResourceView } from '../components/resource-view';
import { STATUS_OPTIONS, StatusBadge } from '../components/status-badge';
import { Eta } from '../components/eta';
import { formatCount } from '../format';
import { href, replaceParams, type Route } from '../router';

const PAGE_SIZE = 25;

/**
 * The catalogue with live figures: searchable and filterable by status on the server, pages
 * fetched by cursor; with a location chosen, the rows are that location's stock levels. Keys that
 * may change it add items here, and import the catalogue and stock counts from CSV files.
 */
export function ItemsPage({ route }: { readonly route: Route }) {
  const search = route.params.get('search') ?? '';
  const status = route.params.get('status') ?? '';
  const location = route.params.get('location') ?? '';
  const [draft, setDraft] = useState(search);
  useEffect(() => setDraft(search), [search]);
  useEffect(() => {
    if (draft === search) return;
    const timer = setTimeout(() => replaceParams(['items'], { search: draft, status, location }), 300);
    return () => clearTimeout(timer);
  }, [draft, search, status, location]);
  const pages = useCursorPages(`${search}|${status}|${location}`);
  const locations = useResource<{ items: readonly Location[] }>('/locations');
  const mayChange = useMayChange();
  // Read the rows again after an import changed them.
  const [version, setVersion] = useState(0);
  const imported = () => setVersion((v) => v + 1);
  return (
    <section aria-labelledby="items-title">
      <div className="page-head">
        <h1 id="items-title">Items</h1>
      </div>
      <NewItemForm />
      {mayChange ? (
        <>
          <ImportItems onImported={imported} />
          <ImportStockCount onImported={imported} />
          <ImportDemand />
        </>
      ) : null}
      <form className="toolbar" role="search" onSubmit={(e) => { e.preventDefault(); replaceParams(['items'], { search: draft, status, location }); }}>
        <div className="field">
          <label htmlFor="item-search">Search sku or name</label>
          <input id="item-search" type="search" value={draft} onChange={(e) => setDraft(e.target.value)} placeholder="e.g. SKU-001 or drill" />
        </div>
        <div className="field">
          <label htmlFor="item-status">Status</label>
          <select id="item-status" value={status} onChange={(e) => replaceParams(['items'], { search: draft, status: e.target.value, location })}>
            <option value="">Any status</option>
            {STATUS_OPTIONS.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
          </select>
        </div>
        <div className="field">
          <label htmlFor="item-location">Location</label>
          <select id="item-location" value={location} onChange={(e) => replaceParams(['items'], { search: draft, status, location: e.target.value })}>
            <option value="">All locations</option>
            {(locations.data?.items ?? []).map((l) => <option key={l.code} value={l.code}>{l.code} · {l.name}</option>)}
          </select>
        </div>
      </form>
      {location ? (
        <LocationRows location={location} search={search} status={status} pages={pages} version={version} />
      ) : (
        <CatalogueRows search={search} status={status} pages={pages} version={version} />
      )}
    </section>
  );
}

type Pages = ReturnType<typeof useCursorPages>;

function CatalogueRows({ search, status, pages, version }: { readonly search: string; readonly status: string; readonly pages: Pages; readonly version: number }) {
  const items = useResource<Page<Item>>('/items', { search, status, cursor: pages.cursor, limit: PAGE_SIZE }, version);
  const skus = useMemo(() => (items.data?.items ?? []).map((i) => i.sku), [items.data]);
  const availability = useAvailability(skus, version);
  return (
    <ResourceView resource={items} feature="The item list">
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState title={search || status ? 'No item matches these filters' : 'There are no items yet'}>
            {search || status ? <p>Clear the search or choose “Any status”.</p> : <p>Create items through the API (<code>POST /api/v1/items</code>) or import a CSV with <code>restock import items</code>; try <code>restock demo</code> for sample data.</p>}
          </EmptyState>
        ) : (
          <>
            <ItemTable rows={page.items.map((item) => ({ item, availability: availability.get(item.sku) }))} />
            <Pager label="Items" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )
      }
    </ResourceView>
  );
}

function LocationRows({ location, search, status, pages, version }: { readonly location: string; readonly search: string; readonly status: string; readonly pages: Pages; readonly version: number }) {
  const levels = useResource<Page<StockLevel>>('/stock', { location, cursor: pages.cursor, limit: PAGE_SIZE }, version);
  const skus = useMemo(() => (levels.data?.items ?? []).map((l) => l.sku), [levels.data]);
  const availability = useAvailability(skus, version);
  const needle = search.toLowerCase();
  return (
    <ResourceView resource={levels} feature="Stock by location">
      {(page) => {
        const rows = page.items
          .map((level) => ({ level, availability: availability.get(level.sku) }))
          .filter((r) => (!status || r.availability?.status === status) && (!needle || r.level.sku.toLowerCase().includes(needle) || (r.availability?.name ?? '').toLowerCase().includes(needle)));
        return (
          <>
            <p className="muted small">Figures in the first columns are at {location}; status, incoming and ETA are for the whole network. Search and status narrow this page of {location}’s stock.</p>
            {rows.length === 0 ? (
              <EmptyState title={`No stock at ${location} matches on this page`}>
                <p>Try the next page, clear the filters, or receive stock into {location} from a purchase order.</p>
              </EmptyState>
            ) : (
              <div className="table-wrap">
                <table>
                  <caption className="sr-only">Stock at {location}</caption>
                  <thead>
                    <tr>
                      <Th>Item</Th><Th>Status</Th><Th definition="onHand" className="num">On hand here</Th><Th definition="available" className="num">Available here</Th>
                      <Th definition="allocated" className="num">Allocated here</Th><Th definition="incoming" className="num">Incoming</Th><Th definition="backordered" className="num">Backordered</Th><Th definition="nextEta">Next ETA</Th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map(({ level, availability: a }) => (
                      <tr key={level.sku}>
                        <td><a href={href(['items', level.sku])}>{level.sku}</a><div className="small muted">{a?.name ?? ''}</div></td>
                        <td>{a ? <StatusBadge status={a.status} eta={a.eta} /> : '…'}</td>
                        <td className="num">{formatCount(level.onHand)}</td>
                        <td className="num">{formatCount(level.available)}</td>
                        <td className="num">{formatCount(level.allocated)}</td>
                        <td className="num">{formatCount(a?.incoming)}</td>
                        <td className="num">{formatCount(a?.backordered)}</td>
                        <td><Eta date={a?.eta ?? null} estimated={a?.etaEstimated ?? false} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pager label="Stock" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        );
      }}
    </ResourceView>
  );
}

function ItemTable({ rows }: { readonly rows: readonly { item: Item; availability: ItemAvailability | undefined }[] }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Items with stock figures</caption>
        <thead>
          <tr>
            <Th>Item</Th><Th>Status</Th><Th definition="available" className="num">Available</Th><Th definition="allocated" className="num">Allocated</Th>
            <Th definition="incoming" className="num">Incoming</Th><Th definition="backordered" className="num">Backordered</Th><Th definition="nextEta">Next ETA</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ item, availability: a }) => (
            <tr key={item.sku} data-sku={item.sku}>
              <td><a href={href(['items', item.sku])}>{item.sku}</a><div className="small muted">{item.name}</div></td>
              <td><StatusBadge status={item.status} eta={a?.eta} /></td>
              <td className="num">{formatCount(item.available)}</td>
              <td className="num">{formatCount(item.allocated)}</td>
              <td className="num">{a ? formatCount(a.incoming) : '…'}</td>
              <td className="num">{formatCount(item.backordered)}</td>
              <td><Eta date={a?.eta ?? null} estimated={a?.etaEstimated ?? false} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
