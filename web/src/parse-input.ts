/** The most a price or cost may be, in minor units (the API's limit: 20,000,000.00). */
const MAX_MONEY = 2_000_000_000;

/** Money typed as `12`, `12.5` or `12.50` in minor units (cents), or null when it is not an amount (or above MAX_MONEY). */
export function parseMoney(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(trimmed)) return null;
  const minor = Math.round(Number(trimmed) * 100);
  return minor <= MAX_MONEY ? minor : null;
}

/** A whole number from 0 to `max` typed by a person, or null when it is not one. */
export function parseWholeNumber(text: string, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= max ? value : null;
}
