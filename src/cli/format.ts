/** Minor currency units as a decimal amount for people (1299 → "12.99"). */
export function money(minor: number): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** A value for a table cell: null and undefined read as "–". */
export function cell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined || value === '') return '–';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

/** An ISO instant shortened to minutes for tables ("2026-03-01 14:05"). */
export function instant(iso: string): string {
  return iso.length >= 16 ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : iso;
}

/** A promise date, marked "~" when it is an estimate rather than a purchase order's date. */
export function eta(date: string | null, estimated: boolean): string {
  if (date === null) return '–';
  return estimated ? `~${date}` : date;
}

/** A listing followed, when there is more, by how to ask for the next page. */
export function withCursor(page: { readonly nextCursor: string | null }, text: string): string {
  return page.nextCursor === null ? text : `${text}\n\nmore: --cursor ${page.nextCursor}`;
}
