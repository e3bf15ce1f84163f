import { useMemo } from 'react';
import { isMissingRoute } from '../api/describe-error';
import type { DemandHistory, Forecast, Suggestion } from '../api/pending-types';
import { ROUTES } from '../api/routes';
import { useResource } from '../api/use-resource';
import { formatCount, formatDateTime, formatNumber } from '../format';
import { Chart, type ChartSeries } from './chart';
import { Stat } from './figure';
import { EmptyState, ErrorNotice, Loading, NotAvailable } from './notices';

const HISTORY_DAYS = 120;
const DAY = 86_400;

/**
 * Daily demand (every unit asked for, lost ones included) with the forecast's mean and its
 * 10–90 % band ahead, and the item's reorder point and safety stock on the right-hand axis.
 */
export function DemandPanel({ sku }: { readonly sku: string }) {
  const from = useMemo(() => new Date(Date.now() - HISTORY_DAYS * DAY * 1000).toISOString().slice(0, 10), []);
  const history = useResource<DemandHistory>(ROUTES.demand(sku), { bucket: 'day', from });
  const forecast = useResource<Forecast>(ROUTES.forecast(sku));
  const plan = useResource<Suggestion>(ROUTES.itemPlan(sku));
  if (history.state === 'failed' && isMissingRoute(history.error)) return <NotAvailable feature={`Demand history and forecast for ${sku}`} />;
  if (history.state === 'failed') return <ErrorNotice error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading what="Loading demand history" />;
  const f = forecast.state === 'ready' ? forecast.data : null;
  const p = plan.state === 'ready' ? plan.data : null;
  return (
    <>
      <DemandChart history={history.data} forecast={f} plan={p} />
      <dl className="stats" style={{ marginTop: '0.5rem' }}>
        <Stat label="Demand, last 120 days" value={formatCount(history.data.buckets.reduce((s, b) => s + b.total, 0))} definition="demand" />
        {p ? <Stat label="Reorder point" value={formatCount(p.reorderPoint)} definition="reorderPoint" /> : null}
        {p ? <Stat label="Safety stock" value={formatCount(p.safetyStock)} definition="safetyStock" /> : null}
        {f ? <Stat label="Forecast, next 30 days" value={formatNumber(f.days.slice(0, 30).reduce((s, d) => s + d.mean, 0), 0)} definition="forecast" /> : null}
      </dl>
      {f ? <p className="small muted">Forecast by {f.method} ({f.demandClass} demand), computed {formatDateTime(f.computedAt)}.</p> : forecast.state === 'failed' && !isMissingRoute(forecast.error) ? <ErrorNotice error={forecast.error} /> : <p className="small muted">No forecast for this item yet{forecast.state === 'failed' ? ' on this server' : ''}.</p>}
    </>
  );
}

function DemandChart({ history, forecast, plan }: { readonly history: DemandHistory; readonly forecast: Forecast | null; readonly plan: Suggestion | null }) {
  const data = useMemo(() => {
    const past = history.buckets.map((b) => ({ t: Date.parse(`${b.start}T00:00:00Z`) / 1000, total: b.total }));
    const ahead = (forecast?.days ?? []).slice(0, 60);
    const low = forecast ? forecast.levels.findIndex((l) => Math.abs(l - 0.1) < 1e-9) : -1;
    const high = forecast ? forecast.levels.findIndex((l) => Math.abs(l - 0.9) < 1e-9) : -1;
    const x = [...past.map((d) => d.t), ...ahead.map((d) => Date.parse(`${d.day}T00:00:00Z`) / 1000)];
    const pad = (values: readonly (number | null)[], before: number, after: number) => [...Array<null>(before).fill(null), ...values, ...Array<null>(after).fill(null)];
    const series: ChartSeries[] = [{ label: 'demand (units/day)', values: pad(past.map((d) => d.total), 0, ahead.length), color: '#1f5fbf', fill: 'rgba(31,95,191,0.35)', bars: true }];
    if (ahead.length > 0 && low >= 0 && high >= 0) {
      series.push({ label: 'forecast 10 %', values: pad(ahead.map((d) => d.quantiles[low] ?? null), past.length, 0), color: 'rgba(194,87,26,0.5)', width: 1 });
      series.push({ label: 'forecast 90 %', values: pad(ahead.map((d) => d.quantiles[high] ?? null), past.length, 0), color: 'rgba(194,87,26,0.5)', width: 1 });
    }
    if (ahead.length > 0) series.push({ label: 'forecast mean', values: pad(ahead.map((d) => d.mean), past.length, 0), color: '#c2571a', width: 2 });
    if (plan) {
      series.push({ label: 'reorder point', values: x.map(() => plan.reorderPoint), color: '#b3261e', dash: [6, 4], width: 1.5, right: true });
      series.push({ label: 'safety stock', values: x.map(() => plan.safetyStock), color: '#1c7a3d', dash: [2, 3], width: 1.5, right: true });
    }
    const bands = series.length > 2 && series[1]?.label === 'forecast 10 %' ? [{ from: 2, to: 1, fill: 'rgba(194,87,26,0.15)' }] : [];
    return { x, series, bands };
  }, [history, forecast, plan]);
  if (history.buckets.every((b) => b.total === 0) && !forecast) {
    return <EmptyState title="No demand recorded in the last 120 days"><p>Demand appears as orders are placed (units asked for, backordered or lost).</p></EmptyState>;
  }
  return (
    <Chart title={`Daily demand, forecast band (10–90 %) and mean${plan ? '; reorder point and safety stock on the right axis' : ''}`} x={data.x} series={data.series} bands={data.bands} yLabel="units per day" rightLabel={plan ? 'stock units' : undefined} height={260} />
  );
}
