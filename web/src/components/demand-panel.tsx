import { useMemo } from 'react';
import { isMissingRoute } from '../api/describe-error';
import { ROUTES } from '../api/routes';
import type { DemandHistory, Forecast, ItemPlan } from '../api/types';
import { useResource } from '../api/use-resource';
import { formatCount, formatDateTime, formatNumber } from '../format';
import { Chart, type ChartSeries } from './chart';
import { Stat } from './figure';
import { EmptyState, ErrorNotice, Loading, NotAvailable } from './notices';

const HISTORY_WEEKS = 26;
const FORECAST_WEEKS = 12;
const DAY_MS = 86_400_000;

/**
 * Weekly demand (every unit asked for, lost ones included) with the forecast's mean and its
 * 10–90 % band ahead, and the item's reorder point and safety stock on the right-hand axis.
 */
export function DemandPanel({ sku }: { readonly sku: string }) {
  const from = useMemo(() => new Date(Date.now() - HISTORY_WEEKS * 7 * DAY_MS).toISOString().slice(0, 10), []);
  const history = useResource<DemandHistory>(ROUTES.demand(sku), { bucket: 'week', from });
  const forecast = useResource<Forecast>(ROUTES.forecast(sku));
  const plan = useResource<ItemPlan>(ROUTES.itemPlan(sku));
  if (history.state === 'failed' && isMissingRoute(history.error)) return <NotAvailable feature={`Demand history and forecast for ${sku}`} />;
  if (history.state === 'failed' && !history.data) return <ErrorNotice error={history.error} onRetry={history.reload} />;
  if (!history.data) return <Loading what="Loading demand history" />;
  const f = forecast.data;
  const p = plan.data;
  const nextFourWeeks = f ? f.steps.slice(0, Math.max(1, Math.round(28 / f.stepDays))).reduce((sum, s) => sum + s.mean, 0) : null;
  return (
    <>
      <DemandChart history={history.data} forecast={f} plan={p} />
      <dl className="stats" style={{ marginTop: '0.5rem' }}>
        <Stat label={`Demand, last ${HISTORY_WEEKS} weeks`} value={formatCount(history.data.totals.total)} definition="demand" />
        <Stat label="Lost in that time" value={formatCount(history.data.totals.lost)} definition="lostUnits" />
        {nextFourWeeks !== null ? <Stat label="Forecast, next 4 weeks" value={formatNumber(nextFourWeeks, 0)} definition="forecast" /> : null}
        {p ? <Stat label="Reorder point" value={formatCount(p.reorderPoint)} definition="reorderPoint" /> : null}
        {p ? <Stat label="Safety stock" value={formatCount(p.safetyStock)} definition="safetyStock" /> : null}
      </dl>
      {f ? (
        <p className="small muted">Forecast by {f.method} ({f.demandClass === 'none' ? 'no demand yet' : `${f.demandClass} demand`}), chosen by back-test, computed {formatDateTime(f.computedAt)}.</p>
      ) : forecast.state === 'failed' && !isMissingRoute(forecast.error) ? (
        <ErrorNotice error={forecast.error} />
      ) : forecast.state === 'failed' ? (
        <p className="small muted">No forecast for this item on this server.</p>
      ) : (
        <Loading what="Computing the forecast (the first one for an item takes a moment)" />
      )}
    </>
  );
}

function DemandChart({ history, forecast, plan }: { readonly history: DemandHistory; readonly forecast: Forecast | null; readonly plan: ItemPlan | null }) {
  const data = useMemo(() => {
    const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
    const past = history.buckets.map((b) => ({ t: seconds(b.start), total: b.total }));
    // Forecast steps are stepDays long; shown per week so they line up with the weekly history.
    const perWeek = forecast ? 7 / forecast.stepDays : 1;
    const ahead = (forecast?.steps ?? []).filter((s) => s.from > (history.to ?? '')).slice(0, FORECAST_WEEKS);
    const low = forecast ? forecast.levels.findIndex((l) => Math.abs(l - 0.1) < 1e-9) : -1;
    const high = forecast ? forecast.levels.findIndex((l) => Math.abs(l - 0.9) < 1e-9) : -1;
    const x = [...past.map((d) => d.t), ...ahead.map((s) => seconds(s.from))];
    const pad = (values: readonly (number | null)[], before: number, after: number) => [...Array<null>(before).fill(null), ...values, ...Array<null>(after).fill(null)];
    const series: ChartSeries[] = [{ label: 'demand (units/week)', values: pad(past.map((d) => d.total), 0, ahead.length), color: '#1f5fbf', fill: 'rgba(31,95,191,0.35)', bars: true }];
    const banded = ahead.length > 0 && low >= 0 && high >= 0;
    if (banded) {
      series.push({ label: 'forecast 10 %', values: pad(ahead.map((s) => (s.quantiles[low] ?? 0) * perWeek), past.length, 0), color: 'rgba(194,87,26,0.5)', width: 1 });
      series.push({ label: 'forecast 90 %', values: pad(ahead.map((s) => (s.quantiles[high] ?? 0) * perWeek), past.length, 0), color: 'rgba(194,87,26,0.5)', width: 1 });
    }
    if (ahead.length > 0) series.push({ label: 'forecast mean', values: pad(ahead.map((s) => s.mean * perWeek), past.length, 0), color: '#c2571a', width: 2 });
    if (plan) {
      series.push({ label: 'reorder point', values: x.map(() => plan.reorderPoint), color: '#b3261e', dash: [6, 4], width: 1.5, right: true });
      series.push({ label: 'safety stock', values: x.map(() => plan.safetyStock), color: '#1c7a3d', dash: [2, 3], width: 1.5, right: true });
    }
    return { x, series, bands: banded ? [{ from: 2, to: 1, fill: 'rgba(194,87,26,0.15)' }] : [] };
  }, [history, forecast, plan]);
  if (history.totals.total === 0 && !forecast) {
    return <EmptyState title={`No demand recorded in the last ${HISTORY_WEEKS} weeks`}><p>Demand appears as orders are placed (units asked for, backordered or lost), or import past demand on the Items page (Import past demand from CSV).</p></EmptyState>;
  }
  return (
    <Chart
      title={`Weekly demand, forecast band (10–90 %) and mean${plan ? '; reorder point and safety stock on the right axis' : ''}`}
      x={data.x} series={data.series} bands={data.bands} yLabel="units per week" rightLabel={plan ? 'stock units' : undefined} height={260} />
  );
}
