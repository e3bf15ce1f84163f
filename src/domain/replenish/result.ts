/**
 * Expected outcomes of replenishment and simulation inputs are values, not throws:
 * a computation either succeeds with a value or names the first field it rejected.
 */

export interface ValidationFailure {
  readonly ok: false;
  readonly code: 'VALIDATION_FAILED';
  /** Dotted path of the offending input field, e.g. `service.target` or `policies[1].kind`. */
  readonly field: string;
  readonly message: string;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T> = Success<T> | ValidationFailure;

/** Builds the rejection for one input field; the code is always `VALIDATION_FAILED`. */
export function validationFailure(field: string, message: string): ValidationFailure {
  return { ok: false, code: 'VALIDATION_FAILED', field, message };
}

/** Wraps a computed value as a successful result. */
export function success<T>(value: T): Success<T> {
  return { ok: true, value };
}
