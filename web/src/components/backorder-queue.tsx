import type { Backorder } from '../api/types';
import { formatCount, formatDateTime } from '../format';
import { href } from '../router';
import { CustomerName } from './customer-name';
import { Th } from './figure';
import { PriorityControl } from './priority-control';
import { Eta } from './eta';

/**
 * One item's queue in serving order (SPEC §3): position, who waits, how long, until when, and
 * why they stand there (priority, then placed time), with a control to change the priority.
 */
export function BackorderQueue({ rows, onChanged }: { readonly rows: readonly Backorder[]; readonly onChanged: () => void }) {
  return (
    <div className="table-wrap">
      <table data-testid="backorder-queue" className="table-stack">
        <caption className="sr-only">Backorder queue in serving order</caption>
        <thead>
          <tr>
            <Th definition="position" className="num">#</Th><Th>Order</Th><Th>Customer</Th><Th definition="backordered" className="num">Waiting</Th>
            <Th definition="unitsAhead" className="num">Units ahead</Th><Th definition="age" className="num">Age</Th><Th definition="eta">ETA</Th><Th definition="priority">Priority</Th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.lineId} data-order={row.orderId}>
              <td className="num" data-label="#">{row.position}</td>
              <td data-label="Order">
                <a href={href(['backorders'], { order: row.orderId })}>#{row.orderId}</a>
                {row.externalId ? <div className="small muted">{row.externalId}</div> : null}
              </td>
              <td data-label="Customer"><CustomerName customer={row.customer} /><div className="small muted" title="Placed at">{formatDateTime(row.placedAt)}</div></td>
              <td className="num" data-label="Waiting">{formatCount(row.backordered)}<span className="small muted"> of {formatCount(row.quantity)}</span></td>
              <td className="num" data-label="Units ahead">{formatCount(row.unitsAhead)}</td>
              <td className="num" data-label="Age">{row.ageDays} d</td>
              <td data-label="ETA"><Eta date={row.eta} estimated={row.etaEstimated} waiting /></td>
              <td data-label="Priority"><PriorityControl orderId={row.orderId} priority={row.priority} onChanged={onChanged} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
