/** Display helpers: every number and date the dashboard prints goes through one of these. */

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** Whole units with thousands separators; "—" when unknown. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : integer.format(value);
}

/** A count with its noun, singular for one: "1 unit", "12 units", "1,204 items". */
export function countOf(value: number, noun: string): string {
  return `${formatCount(value)} ${value === 1 ? noun : `${noun}s`}`;
}

/** Integer minor units (cents) as a decimal amount: 123456 → "1,234.56". */
export function formatMoney(minor: number | null | undefined): string {
  return minor === null || minor === undefined || Number.isNaN(minor) ? '—' : money.format(minor / 100);
}

/** A share 0…1 as a percentage with one decimal. */
export function formatPercent(share: number | null | undefined): string {
  return share === null || share === undefined || Number.isNaN(share) ? '—' : `${(share * 100).toFixed(1)} %`;
}

/** A measured figure (days, averages) with `digits` decimals; "—" when unknown. */
export function formatNumber(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : value.toFixed(digits);
}

/** `YYYY-MM-DD` (or an ISO time) as "12 Mar 2026". */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date);
}

/** An ISO time as "12 Mar 2026, 14:05 UTC": the dashboard shows every time in UTC, as the API stores it. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${dateTimeFormat.format(date)} UTC`;
}

/** Whole days from today (UTC) to a date: "today", "in 3 days", "2 days ago". */
export function relativeDays(value: string | null | undefined, today = new Date()): string {
  if (!value) return '';
  const day = Date.parse(`${value.slice(0, 10)}T00:00:00Z`);
  const now = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate());
  const days = Math.round((day - now) / 86_400_000);
  if (Number.isNaN(days)) return '';
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  if (days === -1) return 'yesterday';
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

