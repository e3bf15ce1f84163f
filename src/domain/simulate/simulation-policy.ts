import {
  checkAtMost,
  checkInteger,
  checkNonNegativeInteger,
  checkPositiveInteger,
  firstFailure,
} from '../replenish/field-checks.js';
import type { ReorderRule } from '../replenish/net-requirement.js';
import { validationFailure, type ValidationFailure } from '../replenish/result.js';

/**
 * The inventory policies a simulation can run, reviewed every `reviewPeriod` periods (default
 * 1, i.e. continuous review in period buckets) against the inventory position
 * onHand + onOrder − backorders:
 * - `s-Q`: at or below s, order the fewest lots Q that lift the position above s;
 * - `s-S`: at or below s, order up to S;
 * - `min-max`: the same rule under its warehouse name, min = s and max = S;
 * - `R-S`: every R periods, order up to S.
 */
export type SimulationPolicy = (
  | {
      readonly kind: 's-Q';
      readonly reorderPoint: number;
      readonly orderQuantity: number;
      readonly reviewPeriod?: number;
    }
  | { readonly kind: 's-S'; readonly reorderPoint: number; readonly orderUpTo: number; readonly reviewPeriod?: number }
  | { readonly kind: 'min-max'; readonly min: number; readonly max: number; readonly reviewPeriod?: number }
  | { readonly kind: 'R-S'; readonly reviewPeriod: number; readonly orderUpTo: number }
) & SupplierTerms;

/**
 * A supplier's terms every order of a policy keeps, as the planner's suggestions do: what the
 * rule asks for is rounded up to whole packs of at least the minimum order quantity.
 */
export interface SupplierTerms {
  /** Minimum order quantity; 0 or absent for none. */
  readonly minimumOrderQuantity?: number;
  /** Units per pack; 1 or absent for single units. */
  readonly packSize?: number;
}

/** Largest MOQ or pack a simulation takes: a billion units, the most one order line may hold. */
const MAX_TERM_UNITS = 1_000_000_000;

/** The replenishment rule a policy applies at each review; shared with the planner so both agree. */
export function reorderRuleOf(policy: SimulationPolicy): ReorderRule {
  switch (policy.kind) {
    case 's-Q':
      return { kind: 'reorder-point', reorderPoint: policy.reorderPoint, lotSize: policy.orderQuantity };
    case 's-S':
      return { kind: 'min-max', min: policy.reorderPoint, max: policy.orderUpTo };
    case 'min-max':
      return { kind: 'min-max', min: policy.min, max: policy.max };
    case 'R-S':
      return { kind: 'order-up-to', orderUpTo: policy.orderUpTo };
  }
}

/** Stock a run starts with when none is given: the top of the policy's cycle (never below 0). */
export function defaultInitialOnHand(policy: SimulationPolicy): number {
  switch (policy.kind) {
    case 's-Q':
      return Math.max(0, policy.reorderPoint + policy.orderQuantity);
    case 's-S':
    case 'R-S':
      return Math.max(0, policy.orderUpTo);
    case 'min-max':
      return Math.max(0, policy.max);
  }
}

/**
 * Units ordered when the rule asks for `required`: 0 when nothing is needed, else the fewest
 * whole packs that are at least the requirement and the minimum order quantity.
 */
export function orderableQuantity(required: number, terms: SupplierTerms): number {
  if (required <= 0) return 0;
  const packSize = terms.packSize ?? 1;
  return Math.ceil(Math.max(required, terms.minimumOrderQuantity ?? 0) / packSize) * packSize;
}

/** First problem with a policy, its field prefixed by `path` (e.g. `policies[2]`). */
export function policyFailure(policy: SimulationPolicy, path: string): ValidationFailure | undefined {
  return termsFailure(policy, path) ?? ruleFailure(policy, path);
}

function termsFailure(terms: SupplierTerms, path: string): ValidationFailure | undefined {
  return firstFailure(
    checkNonNegativeInteger(`${path}.minimumOrderQuantity`, terms.minimumOrderQuantity ?? 0),
    checkAtMost(`${path}.minimumOrderQuantity`, terms.minimumOrderQuantity ?? 0, MAX_TERM_UNITS),
    checkPositiveInteger(`${path}.packSize`, terms.packSize ?? 1),
    checkAtMost(`${path}.packSize`, terms.packSize ?? 1, MAX_TERM_UNITS),
  );
}

/**
 * Stock levels and lots a policy may name: a trillion units either way, the bound of the
 * simulation's starting stock, so every figure it reports stays finite and its per-period
 * figures exact (a century's sum of such levels may round in its last digits).
 */
const MAX_LEVEL = 1e12;

/** A whole number of units within ±MAX_LEVEL (a reorder point may be negative: planned backorders). */
function checkLevel(field: string, value: number): ValidationFailure | undefined {
  return firstFailure(checkInteger(field, value), Math.abs(value) <= MAX_LEVEL ? undefined : validationFailure(field, `must be between -${MAX_LEVEL} and ${MAX_LEVEL}`));
}

function ruleFailure(policy: SimulationPolicy, path: string): ValidationFailure | undefined {
  const review = checkPositiveInteger(`${path}.reviewPeriod`, policy.reviewPeriod ?? 1);
  switch (policy.kind) {
    case 's-Q':
      return firstFailure(
        checkLevel(`${path}.reorderPoint`, policy.reorderPoint),
        checkPositiveInteger(`${path}.orderQuantity`, policy.orderQuantity),
        checkAtMost(`${path}.orderQuantity`, policy.orderQuantity, MAX_LEVEL),
        review,
      );
    case 's-S':
      return firstFailure(
        checkLevel(`${path}.reorderPoint`, policy.reorderPoint),
        checkLevel(`${path}.orderUpTo`, policy.orderUpTo),
        policy.orderUpTo > policy.reorderPoint
          ? undefined
          : validationFailure(`${path}.orderUpTo`, 'must exceed the reorder point'),
        review,
      );
    case 'min-max':
      return firstFailure(
        checkLevel(`${path}.min`, policy.min),
        checkLevel(`${path}.max`, policy.max),
        policy.max > policy.min ? undefined : validationFailure(`${path}.max`, 'must exceed min'),
        review,
      );
    case 'R-S':
      return firstFailure(
        checkPositiveInteger(`${path}.reviewPeriod`, policy.reviewPeriod),
        checkNonNegativeInteger(`${path}.orderUpTo`, policy.orderUpTo),
        checkAtMost(`${path}.orderUpTo`, policy.orderUpTo, MAX_LEVEL),
      );
    default:
      return validationFailure(`${path}.kind`, 'must be one of s-Q, s-S, min-max, R-S');
  }
}
