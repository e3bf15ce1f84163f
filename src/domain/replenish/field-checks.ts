import { validationFailure, type ValidationFailure } from './result.js';

/**
 * Field checks shared by the replenishment and simulation inputs. Each returns
 * `undefined` when the value is acceptable, else the failure naming `field`.
 * They also reject NaN and ±Infinity, which arrive from untyped callers.
 */

/** Accepts any finite number. */
export function checkFinite(field: string, value: number): ValidationFailure | undefined {
  return Number.isFinite(value) ? undefined : validationFailure(field, 'must be a finite number');
}

/** Accepts finite numbers ≥ 0. */
export function checkNonNegative(field: string, value: number): ValidationFailure | undefined {
  return Number.isFinite(value) && value >= 0
    ? undefined
    : validationFailure(field, 'must be a finite number ≥ 0');
}

/** Accepts finite numbers > 0. */
export function checkPositive(field: string, value: number): ValidationFailure | undefined {
  return Number.isFinite(value) && value > 0
    ? undefined
    : validationFailure(field, 'must be a finite number > 0');
}

/** Accepts whole numbers, negative ones included (reorder points may be negative). */
export function checkInteger(field: string, value: number): ValidationFailure | undefined {
  return Number.isSafeInteger(value) ? undefined : validationFailure(field, 'must be a whole number');
}

/** Accepts whole numbers ≥ 0 (quantities of units). */
export function checkNonNegativeInteger(field: string, value: number): ValidationFailure | undefined {
  return Number.isSafeInteger(value) && value >= 0
    ? undefined
    : validationFailure(field, 'must be a whole number ≥ 0');
}

/** Accepts whole numbers ≥ 1 (pack sizes, review periods, order quantities). */
export function checkPositiveInteger(field: string, value: number): ValidationFailure | undefined {
  return Number.isSafeInteger(value) && value >= 1
    ? undefined
    : validationFailure(field, 'must be a whole number ≥ 1');
}

/** Accepts probabilities strictly inside (0, 1), as service-level targets must be. */
export function checkOpenProbability(field: string, value: number): ValidationFailure | undefined {
  return Number.isFinite(value) && value > 0 && value < 1
    ? undefined
    : validationFailure(field, 'must lie strictly between 0 and 1');
}

/** Accepts values up to `max` (the other checks settle what lies below). */
export function checkAtMost(field: string, value: number, max: number): ValidationFailure | undefined {
  return value <= max ? undefined : validationFailure(field, `must be at most ${max}`);
}

/** Returns the first failure among already-evaluated checks, if any. */
export function firstFailure(
  ...checks: readonly (ValidationFailure | undefined)[]
): ValidationFailure | undefined {
  return checks.find((check) => check !== undefined);
}
