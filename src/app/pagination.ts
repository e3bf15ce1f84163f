import { invalid, ok, type Failure, type Result } from './result.js';
import { checkInteger } from './validate.js';

/** One page of a list and the opaque cursor of the next one (null on the last page). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** The page size asked for, within 1…MAX_PAGE_SIZE. */
export function checkLimit(limit: number | undefined): Failure | null {
  return limit === undefined ? null : checkInteger('limit', limit, 1, MAX_PAGE_SIZE);
}

/** Cursors are base64url JSON: opaque to callers, and checked on the way back in. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Reads a cursor this service gave out; anything else is a VALIDATION_FAILED naming `cursor`. */
export function decodeCursor<T>(cursor: string | undefined, isPosition: (value: unknown) => value is T): Result<T | undefined> {
  if (cursor === undefined) return ok(undefined);
  const refused = invalid('cursor', 'is not a cursor this list gave out');
  if (cursor.length > 1024 || !/^[A-Za-z0-9_-]*$/.test(cursor)) return refused;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return isPosition(value) ? ok(value) : refused;
  } catch {
    return refused;
  }
}

/**
 * Cuts rows fetched with `limit + 1` into a page: the extra row only tells that another page
 * exists, and the cursor points just after the last row returned.
 */
export function pageOf<R, T>(rows: readonly R[], limit: number, view: (row: R) => T, positionOf: (row: R) => unknown): Page<T> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: shown.map(view), nextCursor: rows.length > limit && last !== undefined ? encodeCursor(positionOf(last)) : null };
}

/** A positive whole number that fits a database integer column (ids in cursors). */
export function isRowId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2_147_483_647;
}
