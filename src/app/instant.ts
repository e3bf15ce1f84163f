import { isIsoDate } from '../domain/dates.js';
import { invalid, ok, type Result } from './result.js';

/** A page of a time-ordered list as callers ask for it: a time window, a cursor and a size. */
export interface TimeWindowQuery {
  /** Instant or date (`YYYY-MM-DD`, midnight UTC), inclusive. */
  readonly since?: string | undefined;
  /** Instant or date, exclusive. */
  readonly until?: string | undefined;
  readonly cursor?: string | undefined;
  readonly limit?: number | undefined;
}

/** The window of a TimeWindowQuery in stored form, or the failure naming the bad bound. */
export function parseTimeWindow(query: TimeWindowQuery): Result<{ since: string | undefined; until: string | undefined }> {
  const since = parseInstant('since', query.since);
  if (!since.ok) return since;
  const until = parseInstant('until', query.until);
  if (!until.ok) return until;
  return ok({ since: since.value, until: until.value });
}

/**
 * The stored form of a time bound given by a caller (ISO-8601 UTC, as every row's time is
 * written): a date (`YYYY-MM-DD`, midnight UTC) or an ISO-8601 time with a zone.
 */
export function parseInstant(field: string, value: string | undefined): Result<string | undefined> {
  if (value === undefined) return ok(undefined);
  // The calendar date must exist: Date would read 2026-02-30 as the 2nd of March.
  const parsed = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2}))?$/.test(value) && isIsoDate(value.slice(0, 10)) ? new Date(value) : null;
  if (!parsed || Number.isNaN(parsed.getTime())) return invalid(field, 'must be a date (YYYY-MM-DD) or an ISO-8601 time with its zone (2026-03-01T08:00:00Z or …+01:00)');
  return ok(parsed.toISOString());
}
