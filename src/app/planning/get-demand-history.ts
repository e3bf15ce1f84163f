import { addDays, dateOf, daysBetween } from '../../domain/dates.js';
import type { Store } from '../ports.js';
import { resolveItem, resolveLocation } from '../resolve.js';
import { asFilter, invalid, ok, type Result } from '../result.js';
import { checkOneOf, checkSku, firstFailure } from '../validate.js';
import { BUCKETS, demandBuckets, type Bucket, type DemandBucket } from './demand-buckets.js';
import { checkDay } from './check-day.js';

export interface DemandHistoryQuery {
  readonly sku: string;
  readonly location?: string | undefined;
  readonly bucket?: string | undefined;
  /** First day (inclusive); default a year before `until`. */
  readonly from?: string | undefined;
  /** Last day (inclusive); default today. */
  readonly to?: string | undefined;
}

export interface DemandHistoryView {
  readonly sku: string;
  /** The location asked about; its figures are what is known to concern it (see `scope`). */
  readonly location: string | null;
  readonly scope: 'network' | 'location';
  readonly bucket: Bucket;
  readonly from: string;
  readonly to: string;
  readonly buckets: readonly DemandBucket[];
  readonly totals: Omit<DemandBucket, 'start'>;
}

/** Longest range one request may cover: ten years of days. */
export const MAX_HISTORY_DAYS = 3660;

/**
 * An item's demand history (SPEC §7) in day, week or month buckets: every unit asked for —
 * allocated or backordered when placed, lost when rejected or cut — plus imported history, with
 * back-in-stock requests beside it. For one location only units allocated there at placement and
 * history imported for it are known, so backordered and lost units show as 0 there.
 */
export async function getDemandHistory(store: Store, query: DemandHistoryQuery): Promise<Result<DemandHistoryView>> {
  const failure = firstFailure(
    checkSku('sku', query.sku),
    query.bucket !== undefined ? checkOneOf('bucket', query.bucket, BUCKETS) : null,
    query.from !== undefined ? checkDay('from', query.from) : null,
    query.to !== undefined ? checkDay('to', query.to) : null,
  );
  if (failure) return failure;
  return store.read(async (tx) => {
    const item = await resolveItem(tx, query.sku);
    if (!item.ok) return item;
    let locationId: number | undefined;
    if (query.location !== undefined) {
      const location = await resolveLocation(tx, query.location);
      if (!location.ok) return asFilter(location);
      locationId = location.value.id;
    }
    const to = query.to ?? dateOf(new Date(tx.now));
    const from = query.from ?? addDays(to, -364);
    if (from > to) return invalid('from', `must not be after to (${to})`);
    if (daysBetween(from, to) >= MAX_HISTORY_DAYS) return invalid('from', `the range may cover at most ${MAX_HISTORY_DAYS} days`);
    const until = addDays(to, 1);
    const days = await tx.planning.demandDays({ itemIds: [item.value.id], from, until, locationId });
    const bucket = (query.bucket ?? 'day') as Bucket;
    const buckets = demandBuckets(days, from, until, bucket);
    const totals = { allocated: 0, backordered: 0, lost: 0, imported: 0, total: 0, subscriptions: 0 };
    for (const b of buckets) {
      totals.allocated += b.allocated;
      totals.backordered += b.backordered;
      totals.lost += b.lost;
      totals.imported += b.imported;
      totals.total += b.total;
      totals.subscriptions += b.subscriptions;
    }
    return ok({ sku: item.value.sku, location: query.location ?? null, scope: locationId === undefined ? 'network' : 'location', bucket, from, to, buckets, totals });
  });
}
