import type { Movement, Page } from '../api/types';
import { useResource } from '../api/use-resource';
import { formatDateTime } from '../format';
import { Th } from './figure';
import { EmptyState } from './notices';
import { Pager, useCursorPages } from './pager';
import { ResourceView } from './resource-view';

const KIND: Record<string, string> = {
  receipt: 'Receipt', adjustment: 'Adjustment', allocation: 'Allocation', deallocation: 'Deallocation',
  shipment: 'Shipment', transfer_out: 'Transfer out', transfer_in: 'Transfer in',
};

/** The append-only ledger of one item (SPEC §1 movements): what changed, why, and who did it. */
export function Ledger({ sku, version }: { readonly sku: string; readonly version: number }) {
  const pages = useCursorPages(sku);
  // Newest first, so an adjustment just made shows on the first page.
  const movements = useResource<Page<Movement>>('/stock/movements', { sku, order: 'newest', cursor: pages.cursor, limit: 20 }, version);
  return (
    <ResourceView resource={movements} feature="The ledger">
      {(page) =>
        page.items.length === 0 ? (
          <EmptyState title="No movements yet">
            <p>The ledger fills as stock is received, adjusted, allocated, shipped or transferred.</p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <caption className="sr-only">Ledger movements</caption>
                <thead>
                  <tr><Th>When</Th><Th>Kind</Th><Th>Location</Th><Th definition="onHand" className="num">On hand ±</Th><Th definition="allocated" className="num">Allocated ±</Th><Th>Reason / reference</Th><Th>Actor</Th></tr>
                </thead>
                <tbody>
                  {page.items.map((m) => (
                    <tr key={m.id}>
                      <td className="small">{formatDateTime(m.createdAt)}</td>
                      <td>{KIND[m.kind] ?? m.kind}</td>
                      <td>{m.location}</td>
                      <td className="num">{signed(m.onHandDelta)}</td>
                      <td className="num">{signed(m.allocatedDelta)}</td>
                      <td>
                        {m.reason ?? <span className="muted">—</span>}
                        {m.orderId !== null ? <div className="small muted">order #{m.orderId}</div> : null}
                        {m.reference ? <div className="small muted">{m.reference}</div> : null}
                      </td>
                      <td className="small">{m.actor}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pager label="Ledger" page={pages.page} nextCursor={page.nextCursor} onNext={pages.next} onPrevious={pages.previous} />
          </>
        )
      }
    </ResourceView>
  );
}

function signed(value: number): string {
  return value > 0 ? `+${value}` : value === 0 ? '0' : `−${-value}`;
}
