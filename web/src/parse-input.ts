/** The most a price or cost may be, in minor units (the API's limit: 20,000,000.00). */
const MAX_MONEY = 2_000_000_000;

/** Money typed as `12`, `12.5` or `12.50` in minor units (cents), or null when it is not an amount (or above MAX_MONEY). */
export function parseMoney(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,8}(\.\d{1,2})?$/.test(trimmed)) return null;
  const minor = Math.round(Number(trimmed) * 100);
  return minor <= MAX_MONEY ? minor : null;
}

/**
 * A cost typed as money (`2.50`, or `0.005` for a small per-day rate) in minor units (cents),
 * which may be a fraction of a cent; null when it is not an amount (or a billion or more).
 */
export function parseCost(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}(\.\d{1,4})?$/.test(trimmed) ? Math.round(Number(trimmed) * 10_000) / 100 : null;
}

/** A whole number from 0 to `max` typed by a person, or null when it is not one. */
export function parseWholeNumber(text: string, max: number): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value <= max ? value : null;
}

/** A change typed by a person: a whole number other than 0 of either sign, at most `max` in size; null when it is not one. */
export function parseDelta(text: string, max: number): number | null {
  const trimmed = text.trim();
  const size = parseWholeNumber(trimmed.replace(/^[-+]/, ''), max);
  return size === null || size === 0 ? null : trimmed.startsWith('-') ? -size : size;
}

/** Skus and location codes as the API takes them (src/app/validate.ts SKU_PATTERN): letters, digits, . _ and -, up to 64. */
export const CODE_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** A priority (of an order or a location) as the API takes it: a whole number from -1,000,000 to 1,000,000, or null. */
export function parsePriority(text: string): number | null {
  const trimmed = text.trim();
  if (!/^-?\d{1,7}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return Math.abs(value) <= 1_000_000 ? value : null;
}

/** Today as the API counts days (UTC), `YYYY-MM-DD`: expected dates before it have passed. */
export function utcToday(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}
