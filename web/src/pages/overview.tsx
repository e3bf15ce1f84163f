import { useMemo, useState } from 'react';
import { isMissingRoute } from '../api/describe-error';
import type { AgeBucket, Item, KpiReport, Page } from '../api/types';
import { ROUTES } from '../api/routes';
import { useResource } from '../api/use-resource';
import { Chart } from '../components/chart';
import { KpiTile, Th } from '../components/figure';
import { EmptyState, ErrorNotice, Loading, NotAvailable } from '../components/notices';
import { STOCKOUT_SOONEST_ROWS, StockoutSoonest } from '../components/stockout-soonest';
import { DEFINITIONS } from '../definitions';
import { formatCount, formatMoney, formatNumber, formatPercent } from '../format';
import { href } from '../router';

const PERIODS = [7, 30, 90, 365] as const;
/** Items shown in the per-item table: the most asked-for first. */
const ITEM_ROWS = 50;
const AGE_BUCKETS: readonly AgeBucket[] = ['0-7', '8-14', '15-30', '>30'];
const COUNT_LIMIT = 500;

/** The morning view: how well demand was served, what waits, what it cost, and what runs out next. */
export function OverviewPage() {
  const [days, setDays] = useState<number | 'custom'>(30);
  const [custom, setCustom] = useState({ from: '', to: '' });
  // "Last 30 days" is today and the 29 days before it (the API's period includes both ends).
  const period = useMemo(() => {
    if (days !== 'custom') return { from: new Date(Date.now() - (days - 1) * 86_400_000).toISOString().slice(0, 10) };
    // A chosen last day is included: the API's `until` is the day after it.
    const until = custom.to ? new Date(Date.parse(`${custom.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10) : undefined;
    return { from: custom.from || undefined, until };
  }, [days, custom]);
  // Only the item rows the page shows, sorted by the server: a catalogue of 50,000 items would
  // otherwise send every row (megabytes, seconds) to show 50.
  const kpis = useResource<KpiReport>(ROUTES.kpis, { ...period, itemSort: '-unitsRequested', itemLimit: ITEM_ROWS });
  const outOfStock = useResource<Page<Item>>('/items', { status: 'out_of_stock', limit: COUNT_LIMIT });
  const onBackorder = useResource<Page<Item>>('/items', { status: 'backorder', limit: COUNT_LIMIT });
  const report = kpis.data;
  // Items with nothing available now have run out already: they are not "soonest to run out".
  const alreadyOut = useMemo(
    () => new Set([...(outOfStock.data?.items ?? []), ...(onBackorder.data?.items ?? [])].map((i) => i.sku)),
    [outOfStock.data, onBackorder.data],
  );
  // The soonest to run out, once the items already out are known: enough rows to leave them out and keep the list full.
  const outKnown = (outOfStock.data !== null || outOfStock.state === 'failed') && (onBackorder.data !== null || onBackorder.state === 'failed');
  const soonest = useResource<KpiReport>(outKnown ? ROUTES.kpis : null, { ...period, itemSort: 'daysOfSupply', itemLimit: STOCKOUT_SOONEST_ROWS + alreadyOut.size });
  const waiting = report ? AGE_BUCKETS.reduce((sum, b) => sum + (report.overall.backordersWaitingByAge[b] ?? 0), 0) : null;
  return (
    <section aria-labelledby="overview-title">
      <div className="page-head">
        <h1 id="overview-title">Overview</h1>
        <div className="field field-inline">
          <label htmlFor="period">Period</label>
          <select id="period" value={days} onChange={(e) => setDays(e.target.value === 'custom' ? 'custom' : Number(e.target.value))}>
            {PERIODS.map((d) => <option key={d} value={d}>Last {d} days</option>)}
            <option value="custom">Dates…</option>
          </select>
        </div>
        {days === 'custom' ? (
          <>
            <div className="field field-inline"><label htmlFor="period-from">From</label><input id="period-from" type="date" value={custom.from} onChange={(e) => setCustom((c) => ({ ...c, from: e.target.value }))} /></div>
            <div className="field field-inline"><label htmlFor="period-to">To (included)</label><input id="period-to" type="date" value={custom.to} onChange={(e) => setCustom((c) => ({ ...c, to: e.target.value }))} /></div>
          </>
        ) : null}
      </div>
      {kpis.state === 'failed' && !isMissingRoute(kpis.error) ? <ErrorNotice error={kpis.error} onRetry={kpis.reload} /> : null}
      {kpis.state === 'failed' && isMissingRoute(kpis.error) ? <NotAvailable feature="KPIs (fill rate, lost revenue, in-stock rate)" /> : null}
      <div className="tiles" aria-live="polite">
        {kpis.state !== 'failed' ? (
          <>
            <KpiTile label="Fill rate" definition="fillRate" value={report ? formatPercent(report.overall.unitFillRate) : '…'} tone={tone(report?.overall.unitFillRate, 0.95, 0.85)}
              sub={report ? `${formatCount(report.overall.unitsRequested)} units ordered` : null} />
            <KpiTile label="Backorders waiting" definition="backordersWaiting" value={waiting === null ? '…' : formatCount(waiting)} tone={waiting ? 'warn' : 'good'}
              sub={<a href={href(['backorders'])}>See the queue</a>} />
            <KpiTile label="Lost revenue" definition="lostRevenue" value={report ? formatMoney(report.overall.lostRevenue) : '…'} tone={report && report.overall.lostRevenue > 0 ? 'bad' : 'good'}
              sub={report ? `${formatCount(report.overall.lostUnits)} units of demand lost` : null} />
            <KpiTile label="In-stock rate" definition="inStockRate" value={report ? formatPercent(report.overall.inStockRate) : '…'} tone={tone(report?.overall.inStockRate, 0.97, 0.9)}
              sub={report ? `${formatCount(report.overall.stockoutCount)} stockouts` : null} />
          </>
        ) : null}
        <KpiTile label="Items out of stock" definition="outOfStockItems" value={countOf(outOfStock.data)} tone={outOfStock.data?.items.length ? 'bad' : 'good'}
          sub={<a href={href(['items'], { status: 'out_of_stock' })}>List them</a>} />
        <KpiTile label="Items on backorder" definition="backorderItems" value={countOf(onBackorder.data)} tone={onBackorder.data?.items.length ? 'warn' : 'good'}
          sub={<a href={href(['items'], { status: 'backorder' })}>List them</a>} />
      </div>
      {report ? <MoreFigures report={report} /> : null}
      {outOfStock.state === 'failed' ? <ErrorNotice error={outOfStock.error} onRetry={outOfStock.reload} /> : null}
      {onBackorder.state === 'failed' ? <ErrorNotice error={onBackorder.error} onRetry={onBackorder.reload} /> : null}

      <div className="grid-2" style={{ marginTop: '1rem' }}>
        <div>
          <h2>Backorders waiting by age</h2>
          <p className="small muted">{DEFINITIONS.ageBuckets}</p>
          {report ? <AgeChart byAge={report.overall.backordersWaitingByAge} /> : kpis.state === 'loading' ? <Loading what="Loading backorder ages" /> : null}
        </div>
        <div>
          <h2>Items that will stock out soonest</h2>
          <p className="small muted">{DEFINITIONS.stockoutSoonest}</p>
          <StockoutSoonest kpis={soonest.data} alreadyOut={alreadyOut} />
          {soonest.state === 'failed' && kpis.state !== 'failed' ? <ErrorNotice error={soonest.error} onRetry={soonest.reload} /> : null}
        </div>
      </div>

      {report && report.items.length > 0 ? <ItemTable items={report.items} itemCount={report.itemCount} /> : null}
      {report && report.locations.length > 0 ? <LocationTable locations={report.locations} /> : null}
    </section>
  );
}

/** The rest of SPEC §8's overall figures for the period, each with its definition. */
function MoreFigures({ report }: { readonly report: KpiReport }) {
  const o = report.overall;
  const days = (value: number | null) => (value === null ? '—' : `${formatNumber(value)} d`);
  return (
    <div className="tiles" data-testid="more-kpis">
      <KpiTile label="Line fill rate" definition="lineFillRate" value={formatPercent(o.lineFillRate)} />
      <KpiTile label="Order fill rate" definition="orderFillRate" value={formatPercent(o.orderFillRate)} sub={`${formatCount(o.orders)} orders`} />
      <KpiTile label="Backorder rate" definition="backorderRate" value={formatPercent(o.backorderRate)} />
      <KpiTile label="Time to fill" definition="timeToFill" value={days(o.timeToFillDays.mean)} sub={`90th percentile ${days(o.timeToFillDays.p90)}`} />
      <KpiTile label="Promises kept" definition="promisesKept" value={formatPercent(o.promisesKept.rate)} sub={`${formatCount(o.promisesKept.kept)} kept, ${formatCount(o.promisesKept.broken)} broken`} />
      <KpiTile label="Stockout duration" definition="stockoutDuration" value={`${formatCount(Math.round(o.stockoutHours))} h`} />
      <KpiTile label="Inventory turnover" definition="turnover" value={formatNumber(o.inventoryTurnover, 2)} sub={`${report.from.slice(0, 10)} to ${new Date(Date.parse(report.until) - 1).toISOString().slice(0, 10)}`} />
      <KpiTile label="Days of supply" definition="daysOfSupply" value={days(o.daysOfSupply)} />
    </div>
  );
}

/** The same figures per item, the most asked-for first as the server sorted them (SPEC §8: overall and per item). */
function ItemTable({ items: rows, itemCount }: { readonly items: KpiReport['items']; readonly itemCount: number }) {
  return (
    <section aria-labelledby="item-kpis-title" style={{ marginTop: '1rem' }}>
      <h2 id="item-kpis-title">Per item</h2>
      <p className="small muted">The {formatCount(rows.length)} most asked-for of {formatCount(itemCount)} items; every item’s figures are in <code>GET /api/v1/kpis</code> and <code>restock kpis</code>.</p>
      <div className="table-wrap">
        <table data-testid="item-kpis">
          <thead>
            <tr>
              <Th>Item</Th><Th definition="abcClass">ABC</Th><Th definition="unitsRequested" className="num">Ordered</Th>
              <Th definition="fillRate" className="num">Unit fill</Th><Th definition="lineFillRate" className="num">Line fill</Th>
              <Th definition="backorderRate" className="num">Backordered</Th><Th definition="lostUnits" className="num">Lost</Th>
              <Th definition="stockoutCount" className="num">Stockouts</Th><Th definition="inStockRate" className="num">In stock</Th>
              <Th definition="timeToFill" className="num">Fill p90</Th><Th definition="promisesKept" className="num">Kept</Th>
              <Th definition="turnover" className="num">Turnover</Th><Th definition="daysOfSupply" className="num">Days of supply</Th>
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => (
              <tr key={i.sku}>
                <td><a href={href(['items', i.sku])}>{i.sku}</a><div className="small muted">{i.name}</div></td>
                <td>{i.abcClass}</td>
                <td className="num">{formatCount(i.unitsRequested)}</td>
                <td className="num">{formatPercent(i.unitFillRate)}</td>
                <td className="num">{formatPercent(i.lineFillRate)}</td>
                <td className="num">{formatPercent(i.backorderRate)}</td>
                <td className="num">{formatCount(i.lostUnits)}</td>
                <td className="num">{formatCount(i.stockoutCount)}</td>
                <td className="num">{formatPercent(i.inStockRate)}</td>
                <td className="num">{i.timeToFillDays.p90 === null ? '—' : `${formatNumber(i.timeToFillDays.p90)} d`}</td>
                <td className="num">{formatPercent(i.promisesKept.rate)}</td>
                <td className="num">{formatNumber(i.inventoryTurnover, 2)}</td>
                <td className="num">{formatNumber(i.daysOfSupply)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Each location's shelves over the period: how often they ran empty, what flowed through them, how long stock lasts. */
function LocationTable({ locations }: { readonly locations: KpiReport['locations'] }) {
  return (
    <section aria-labelledby="locations-title" style={{ marginTop: '1rem' }}>
      <h2 id="locations-title">Locations</h2>
      <p className="small muted">{DEFINITIONS.locations}</p>
      <div className="table-wrap">
        <table data-testid="location-kpis">
          <thead>
            <tr>
              <Th>Location</Th>
              <Th definition="locationItems" className="num">Items</Th>
              <Th definition="locationInStockRate" className="num">In stock</Th>
              <Th definition="locationStockouts" className="num">Stockouts</Th>
              <Th definition="stockoutDuration" className="num">Hours out</Th>
              <Th definition="unitsShipped" className="num">Shipped</Th>
              <Th definition="unitsReceived" className="num">Received</Th>
              <Th definition="locationDaysOfSupply" className="num">Days of supply</Th>
            </tr>
          </thead>
          <tbody>
            {locations.map((l) => (
              <tr key={l.location} data-location={l.location}>
                <td>{l.name} <span className="muted">({l.location}{l.active ? '' : ', inactive'})</span></td>
                <td className="num">{formatCount(l.items)}</td>
                <td className="num">{formatPercent(l.inStockRate)}</td>
                <td className="num">{formatCount(l.stockoutCount)}</td>
                <td className="num">{formatCount(Math.round(l.stockoutHours))}</td>
                <td className="num">{formatCount(l.unitsShipped)}</td>
                <td className="num">{formatCount(l.unitsReceived)}</td>
                <td className="num">{l.daysOfSupply === null ? '—' : formatCount(Math.round(l.daysOfSupply))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function AgeChart({ byAge }: { readonly byAge: Readonly<Record<AgeBucket, number>> }) {
  const values = AGE_BUCKETS.map((b) => byAge[b] ?? 0);
  const x = useMemo(() => AGE_BUCKETS.map((_b, i) => i), []);
  const series = useMemo(() => [{ label: 'units waiting', values, color: '#4b3fb5', fill: 'rgba(75,63,181,0.55)', bars: true }], [values.join()]);
  if (values.every((v) => v === 0)) {
    return <EmptyState title="No backorders are waiting"><p>Every accepted order has its stock. Nothing to chase today.</p></EmptyState>;
  }
  return (
    <>
      <Chart title="Units waiting, by days since the order was placed" x={x} categories={AGE_BUCKETS.map((b) => `${b} d`)} series={series} height={220} yLabel="units" />
      <details>
        <summary>Show as a table</summary>
        <div className="table-wrap">
          <table>
            <thead><tr><Th>Age (days)</Th><Th definition="backordered" className="num">Units waiting</Th></tr></thead>
            <tbody>{AGE_BUCKETS.map((b, i) => <tr key={b}><td>{b}</td><td className="num">{formatCount(values[i])}</td></tr>)}</tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function countOf(page: Page<Item> | null): string {
  if (!page) return '…';
  return page.nextCursor ? `${COUNT_LIMIT}+` : formatCount(page.items.length);
}

function tone(value: number | null | undefined, good: number, warn: number): 'good' | 'warn' | 'bad' | undefined {
  if (value === null || value === undefined) return undefined;
  return value >= good ? 'good' : value >= warn ? 'warn' : 'bad';
}
