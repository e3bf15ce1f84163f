/** Stable error codes of SPEC §4; every expected failure carries one of these. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'NOT_FOUND'
  | 'OUT_OF_STOCK'
  | 'INSUFFICIENT_ALLOCATION'
  | 'CONFLICT'
  | 'IDEMPOTENCY_MISMATCH'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface Failure {
  readonly ok: false;
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

export type Result<T> = { readonly ok: true; readonly value: T } | Failure;

export function ok<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, details?: unknown): Failure {
  return details === undefined ? { ok: false, code, message } : { ok: false, code, message, details };
}

/** A validation failure that names the offending field, e.g. `lines[2].quantity`. */
export function invalid(field: string, message: string): Failure {
  return fail('VALIDATION_FAILED', `${field}: ${message}`, { field });
}

/**
 * A sku, location, supplier or endpoint given to pick what a list or report shows, that names
 * nothing: bad input (VALIDATION_FAILED, same field and words), not a missing record. NOT_FOUND
 * is kept for the one record a request's path names. Other failures pass unchanged.
 */
export function asFilter(failure: Failure): Failure {
  return failure.code === 'NOT_FOUND' ? fail('VALIDATION_FAILED', failure.message, failure.details) : failure;
}

/**
 * A failure of a nested object's check, renamed to the field it sits under: `serviceLevel` of a
 * request's `settings` becomes `settings.serviceLevel`. Other failures pass unchanged.
 */
export function within(parent: string, failure: Failure): Failure {
  const field = (failure.details as { field?: unknown } | undefined)?.field;
  if (failure.code !== 'VALIDATION_FAILED' || typeof field !== 'string' || field === parent || field.startsWith(`${parent}.`)) return failure;
  const nested = `${parent}.${field}`;
  const message = failure.message.startsWith(`${field}: `) ? `${nested}: ${failure.message.slice(field.length + 2)}` : failure.message;
  return fail(failure.code, message, { ...(failure.details as object), field: nested });
}

/**
 * Thrown inside a transaction to roll it back while still answering with an expected failure;
 * the store turns it back into the Failure value it carries.
 */
export class Rollback extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}
