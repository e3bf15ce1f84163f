import { checkPositive, firstFailure } from './field-checks.js';
import { success, type Result } from './result.js';

export interface EoqInput {
  /** Demand per period (units). */
  readonly demandRate: number;
  /** Fixed cost per order (set-up cost K). */
  readonly orderingCost: number;
  /** Holding cost per unit per period (h). */
  readonly holdingCost: number;
}

export interface Eoq {
  /** Q* = √(2DK/h). */
  readonly quantity: number;
  /** Cycle length Q* ÷ D, in periods. */
  readonly cycleLength: number;
  /** Ordering plus holding cost per period at Q*: √(2DKh). */
  readonly totalVariableCost: number;
}

/**
 * Economic order quantity (no shortages): Q* = √(2DK/h) balances ordering cost DK/Q against
 * holding cost hQ/2, which are equal at the optimum.
 */
export function economicOrderQuantity(input: EoqInput): Result<Eoq> {
  const failure = firstFailure(
    checkPositive('demandRate', input.demandRate),
    checkPositive('orderingCost', input.orderingCost),
    checkPositive('holdingCost', input.holdingCost),
  );
  if (failure) return failure;
  const { demandRate: d, orderingCost: k, holdingCost: h } = input;
  const quantity = Math.sqrt((2 * d * k) / h);
  return success({
    quantity,
    cycleLength: quantity / d,
    totalVariableCost: (d * k) / quantity + (h * quantity) / 2,
  });
}
