import { checkNonNegative, checkNonNegativeInteger, checkPositiveInteger, firstFailure } from './field-checks.js';
import { success, type Result } from './result.js';

export interface OrderConstraints {
  /** Minimum order quantity (MOQ); 0 or absent for none. */
  readonly minimumOrderQuantity?: number;
  /** Units per supplier pack; orders are whole packs. 1 or absent for single units. */
  readonly packSize?: number;
}

/**
 * Rounds a requirement up to an orderable quantity: 0 when nothing is needed, else the
 * smallest whole number of packs that is ≥ the requirement and ≥ the MOQ.
 */
export function roundOrderQuantity(requirement: number, constraints: OrderConstraints = {}): Result<number> {
  const minimum = constraints.minimumOrderQuantity ?? 0;
  const packSize = constraints.packSize ?? 1;
  const failure = firstFailure(
    checkNonNegative('requirement', requirement),
    checkNonNegativeInteger('minimumOrderQuantity', minimum),
    checkPositiveInteger('packSize', packSize),
  );
  if (failure) return failure;
  if (requirement === 0) return success(0);
  return success(Math.ceil(Math.max(requirement, minimum) / packSize) * packSize);
}
