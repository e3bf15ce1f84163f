import type { EoqInput } from './economic-order-quantity.js';
import { checkPositive, firstFailure } from './field-checks.js';
import { success, type Result } from './result.js';

export interface PlannedBackordersInput extends EoqInput {
  /** Backorder (shortage) cost per unit short per period (p). */
  readonly backorderCost: number;
}

export interface EoqWithPlannedBackorders {
  /** Q* = √(2DK/h)·√((p + h)/p). */
  readonly quantity: number;
  /** Largest backlog just before a receipt: Q*·h/(p + h). */
  readonly maxShortage: number;
  /** Stock just after a receipt: Q* − maxShortage. */
  readonly maxInventory: number;
  /** Cycle length Q* ÷ D, in periods. */
  readonly cycleLength: number;
  /** Ordering + holding + backorder cost per period: √(2DKh)·√(p/(p + h)). */
  readonly totalVariableCost: number;
}

/**
 * EOQ when customers accept waiting (deterministic demand, backorders filled on receipt):
 * the lot grows by √((p + h)/p) and a backlog of Q*·h/(p + h) is planned each cycle.
 * Tends to the plain EOQ as the backorder cost p grows.
 */
export function eoqWithPlannedBackorders(input: PlannedBackordersInput): Result<EoqWithPlannedBackorders> {
  const failure = firstFailure(
    checkPositive('demandRate', input.demandRate),
    checkPositive('orderingCost', input.orderingCost),
    checkPositive('holdingCost', input.holdingCost),
    checkPositive('backorderCost', input.backorderCost),
  );
  if (failure) return failure;
  const { demandRate: d, orderingCost: k, holdingCost: h, backorderCost: p } = input;
  const quantity = Math.sqrt((2 * d * k) / h) * Math.sqrt((p + h) / p);
  const maxShortage = (quantity * h) / (p + h);
  const maxInventory = quantity - maxShortage;
  // Over a cycle of Q/D periods: stock is on hand for (Q − b)/D and short for b/D.
  const holding = (h * maxInventory * maxInventory) / (2 * quantity);
  const backorder = (p * maxShortage * maxShortage) / (2 * quantity);
  return success({
    quantity,
    maxShortage,
    maxInventory,
    cycleLength: quantity / d,
    totalVariableCost: (d * k) / quantity + holding + backorder,
  });
}
