import type { KpiReport } from '../api/types';
import { formatNumber } from '../format';
import { href } from '../router';
import { Th } from './figure';
import { EmptyState } from './notices';

/** Rows the list shows. */
export const STOCKOUT_SOONEST_ROWS = 8;

/**
 * The items whose stock runs out first at recent demand: on-hand days of supply from the KPI
 * report, lowest first, among items that still have stock and had demand in the period, leaving
 * out `alreadyOut` (items out of stock or on backorder now: their on-hand units are all promised).
 * `kpis` is a report whose item rows the server sorted by daysOfSupply, with room for `alreadyOut`.
 */
export function StockoutSoonest({ kpis, alreadyOut }: { readonly kpis: KpiReport | null; readonly alreadyOut: ReadonlySet<string> }) {
  if (!kpis) return null;
  const rows = kpis.items
    .filter((i) => i.daysOfSupply !== null && i.daysOfSupply > 0 && i.unitsRequested > 0 && !alreadyOut.has(i.sku))
    .sort((a, b) => (a.daysOfSupply ?? 0) - (b.daysOfSupply ?? 0))
    .slice(0, STOCKOUT_SOONEST_ROWS);
  if (rows.length === 0) {
    return <EmptyState title="No item had demand in this period"><p>Choose a longer period, or place orders to see which items run out first.</p></EmptyState>;
  }
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">Items that will stock out soonest</caption>
        <thead><tr><Th>Item</Th><Th definition="stockoutSoonest" className="num">Days of supply</Th><Th definition="inStockRate" className="num">In-stock rate</Th></tr></thead>
        <tbody>
          {rows.map((i) => (
            <tr key={i.sku}>
              <td><a href={href(['items', i.sku])}>{i.sku}</a><div className="small muted">{i.name}</div></td>
              <td className="num">{formatNumber(i.daysOfSupply)}</td>
              <td className="num">{i.inStockRate === null ? '—' : `${(i.inStockRate * 100).toFixed(0)} %`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
