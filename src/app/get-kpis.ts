import { computeKpis, ITEM_SORTS, KPI_DEFINITIONS, type ItemSort, type Kpis } from '../domain/kpi/index.js';
import { addDays, dateOf, EARLIEST_REPORT_DAY, isIsoDate } from '../domain/dates.js';
import type { Store } from './ports.js';
import { invalid, ok, type Result } from './result.js';
import { checkInteger, checkOneOf, checkSku } from './validate.js';

export interface KpiRequest {
  /** First day of the period, `YYYY-MM-DD` (UTC, inclusive); default 30 days before `until`. */
  readonly from?: string | undefined;
  /** Day after the period, `YYYY-MM-DD` (UTC, exclusive); default tomorrow, so today counts. */
  readonly until?: string | undefined;
  readonly sku?: readonly string[] | undefined;
  readonly bucket?: string | undefined;
  /** Per-item rows to return (default every item; 0 leaves them out): the overall, location and supplier figures cover every item all the same. */
  readonly itemLimit?: number | undefined;
  /** Per-item rows to skip first, in `itemSort` order (default 0), to page through the breakdown. */
  readonly itemOffset?: number | undefined;
  /** The order of the per-item rows (see ITEM_SORTS; default `sku`). */
  readonly itemSort?: string | undefined;
}

/** Bounds of itemLimit and itemOffset: a catalogue is far smaller. */
export const MAX_ITEM_LIMIT = 100_000;
export const MAX_ITEM_OFFSET = 10_000_000;

export type KpiReport = Kpis & { readonly bucket: 'day' | 'week'; readonly definitions: Readonly<Record<string, string>> };

const MAX_PERIOD_DAYS = 3 * 366;

/**
 * The stockout KPIs of SPEC §8 for any period of whole UTC days, overall and per item, each with its
 * definition; the per-item rows can be left out, sorted and paged (itemLimit, itemOffset, itemSort).
 */
export async function getKpis(store: Store, request: KpiRequest, now: Date = new Date()): Promise<Result<KpiReport>> {
  if (request.until !== undefined && !isIsoDate(request.until)) return invalid('until', 'must be a date YYYY-MM-DD');
  if (request.from !== undefined && !isIsoDate(request.from)) return invalid('from', 'must be a date YYYY-MM-DD');
  const untilDay = request.until ?? addDays(dateOf(now), 1);
  const until = `${untilDay}T00:00:00.000Z`;
  const from = `${request.from ?? addDays(untilDay, -30)}T00:00:00.000Z`;
  if (from >= until) return invalid('from', 'must be before until');
  if (from < `${EARLIEST_REPORT_DAY}T`) return invalid(request.from === undefined ? 'until' : 'from', `must leave the period on or after ${EARLIEST_REPORT_DAY}`);
  if (Date.parse(until) - Date.parse(from) > MAX_PERIOD_DAYS * 86_400_000) return invalid('from', `the period may span at most ${MAX_PERIOD_DAYS} days`);
  const bucketFailure = request.bucket === undefined ? null : checkOneOf('bucket', request.bucket, ['day', 'week']);
  if (bucketFailure) return bucketFailure;
  const itemFailure = (request.itemLimit === undefined ? null : checkInteger('itemLimit', request.itemLimit, 0, MAX_ITEM_LIMIT))
    ?? (request.itemOffset === undefined ? null : checkInteger('itemOffset', request.itemOffset, 0, MAX_ITEM_OFFSET))
    ?? (request.itemSort === undefined ? null : checkOneOf('itemSort', request.itemSort, ITEM_SORTS));
  if (itemFailure) return itemFailure;
  for (const [index, sku] of (request.sku ?? []).entries()) {
    const failure = checkSku(`sku[${index}]`, sku);
    if (failure) return failure;
  }
  const asOf = until < now.toISOString() ? until : now.toISOString();
  const facts = await store.read(async (tx) => {
    const skus = request.sku ?? [];
    const known = new Set((await tx.findItems(skus)).map((i) => i.sku));
    const unknown = skus.findIndex((sku) => !known.has(sku));
    if (unknown >= 0) return invalid(`sku[${unknown}]`, `no item with sku ${skus[unknown]}`);
    return ok(await tx.kpiFacts({ from, until, asOf, skus: request.sku }));
  });
  if (!facts.ok) return facts;
  const kpis = computeKpis(facts.value, { sort: (request.itemSort ?? 'sku') as ItemSort, offset: request.itemOffset ?? 0, limit: request.itemLimit ?? null });
  const bucket = request.bucket === 'week' ? 'week' : 'day';
  return ok({ ...kpis, series: bucket === 'week' ? toWeeks(kpis.series) : kpis.series, bucket, definitions: KPI_DEFINITIONS });
}

/** Rolls daily figures up to ISO weeks (labelled by their Monday). */
function toWeeks(series: Kpis['series']): Kpis['series'] {
  const weeks = new Map<string, { requested: number; allocated: number; lost: number; lostRevenue: number }>();
  for (const day of series) {
    const weekday = (new Date(`${day.bucket}T00:00:00Z`).getUTCDay() + 6) % 7;
    const monday = addDays(day.bucket, -weekday);
    const week = weeks.get(monday) ?? { requested: 0, allocated: 0, lost: 0, lostRevenue: 0 };
    week.requested += day.requested;
    week.allocated += day.allocatedAtPlacement;
    week.lost += day.lost;
    week.lostRevenue += day.lostRevenue;
    weeks.set(monday, week);
  }
  return [...weeks.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([bucket, w]) => ({
    bucket,
    requested: w.requested,
    allocatedAtPlacement: w.allocated,
    unitFillRate: w.requested === 0 ? null : Math.round((w.allocated / w.requested) * 10_000) / 10_000,
    lost: w.lost,
    lostRevenue: w.lostRevenue,
  }));
}
