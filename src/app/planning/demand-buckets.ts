import { addDays, daysBetween } from '../../domain/dates.js';

/** The sizes of bucket demand history is shown in. */
export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/**
 * Demand of one bucket, every unit asked for (SPEC §7): `allocated` and `backordered` at the
 * moment the order was placed, `lost` (rejected or cut at once), `imported` history. `total` is
 * their sum and is what forecasts read; `subscriptions` (back-in-stock requests) is a separate
 * signal of demand that found nothing to order, never added to the total.
 */
export interface DemandBucket {
  /** First day of the bucket (`YYYY-MM-DD`); weeks start on Monday, months on the 1st. */
  readonly start: string;
  readonly allocated: number;
  readonly backordered: number;
  readonly lost: number;
  readonly imported: number;
  readonly total: number;
  readonly subscriptions: number;
}

/** One day's figures as storage reports them (days without demand are simply absent). */
export interface DemandDay {
  readonly day: string;
  readonly allocated: number;
  readonly backordered: number;
  readonly lost: number;
  readonly imported: number;
  readonly subscriptions: number;
}

/**
 * Every day from `from` (inclusive) to `until` (exclusive), with zeros where nothing was asked
 * for, summed into buckets of the given size. Units are conserved: the buckets' totals add up to
 * the days' totals inside the range. A partial first or last week or month is kept as it is.
 */
export function demandBuckets(days: readonly DemandDay[], from: string, until: string, bucket: Bucket): DemandBucket[] {
  const length = Math.max(0, daysBetween(from, until));
  const byDay = new Map<string, DemandDay>();
  for (const day of days) byDay.set(day.day, day);
  const buckets: DemandBucket[] = [];
  let current: Mutable<DemandBucket> | null = null;
  for (let offset = 0; offset < length; offset++) {
    const day = addDays(from, offset);
    const start = bucketStart(day, bucket);
    if (current === null || current.start !== start) {
      current = { start, allocated: 0, backordered: 0, lost: 0, imported: 0, total: 0, subscriptions: 0 };
      buckets.push(current);
    }
    const figures = byDay.get(day);
    if (figures === undefined) continue;
    current.allocated += figures.allocated;
    current.backordered += figures.backordered;
    current.lost += figures.lost;
    current.imported += figures.imported;
    current.total += figures.allocated + figures.backordered + figures.lost + figures.imported;
    current.subscriptions += figures.subscriptions;
  }
  return buckets;
}

/** The first day of the bucket holding `day`: itself, the Monday of its ISO week, or the 1st of its month. */
export function bucketStart(day: string, bucket: Bucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return `${day.slice(0, 8)}01`;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
