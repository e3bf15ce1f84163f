import type { ImportRow } from '../import-runner.js';
import { fail, ok, type Result } from '../result.js';

/** One part's demand history: units asked for per calendar month, oldest first. */
export interface DemandSeries {
  readonly part: string;
  readonly monthly: readonly number[];
}

const MONTH_COLUMN = /^[A-Z][a-z]{2}-\d{2}$/;

/**
 * Reads a wide monthly demand table (header `Part,Jan-98,…`, one row per part, as the carparts
 * data is published). A missing month counts as no demand; anything else that is not a whole,
 * non-negative number is refused with its line and column.
 */
export function parseDemandSeries(columns: readonly string[], rows: readonly ImportRow[]): Result<DemandSeries[]> {
  const months = columns.slice(1);
  if (columns[0] !== 'Part' || months.length < 12 || !months.every((m) => MONTH_COLUMN.test(m))) {
    return fail('VALIDATION_FAILED', 'file: expected a header "Part,Jan-98,Feb-98,…" with at least 12 month columns', { field: 'file' });
  }
  const series: DemandSeries[] = [];
  for (const row of rows) {
    const part = row.cells['Part']?.trim() ?? '';
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(part)) return fail('VALIDATION_FAILED', `file: line ${row.line}: Part must be 1–40 characters of A–Z, 0–9, ".", "_" or "-"`, { field: 'Part', line: row.line });
    const monthly: number[] = [];
    for (const month of months) {
      const text = row.cells[month]?.trim() ?? '';
      const units = text === '' ? 0 : Number(text);
      if (!Number.isInteger(units) || units < 0 || units > 100_000) {
        return fail('VALIDATION_FAILED', `file: line ${row.line}: ${month} must be a whole number of units`, { field: month, line: row.line });
      }
      monthly.push(units);
    }
    series.push({ part, monthly });
  }
  if (series.length === 0) return fail('VALIDATION_FAILED', 'file: has no parts', { field: 'file' });
  return ok(series);
}
