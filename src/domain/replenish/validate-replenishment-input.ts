import {
  checkNonNegative,
  checkNonNegativeInteger,
  checkOpenProbability,
  checkPositive,
  checkPositiveInteger,
  firstFailure,
} from './field-checks.js';
import type { ReplenishmentInput } from './replenishment-plan.js';
import { validationFailure, type ValidationFailure } from './result.js';

const SERVICE_KINDS: ReadonlySet<string> = new Set(['cycle-service-level', 'fill-rate']);
const POLICY_KINDS: ReadonlySet<string> = new Set(['eoq', 'eoq-planned-backorders', 'min-max', 'order-up-to']);

/**
 * First problem with a replenishment input, naming its field; `undefined` when the input can
 * be planned. Checks at run time what the types promise, since callers may be untyped (HTTP, CLI).
 */
export function validateReplenishmentInput(input: ReplenishmentInput): ValidationFailure | undefined {
  return firstFailure(
    checkNonNegative('meanDemandPerDay', input.meanDemandPerDay),
    demandSpreadFailure(input),
    checkNonNegative('leadTimeDays', input.leadTimeDays),
    checkNonNegative('leadTimeSdDays', input.leadTimeSdDays ?? 0),
    serviceFailure(input),
    policyFailure(input),
    costsFailure(input),
    checkNonNegativeInteger('onHand', input.onHand),
    checkNonNegativeInteger('incoming', input.incoming),
    checkNonNegativeInteger('allocated', input.allocated),
    checkNonNegativeInteger('backordered', input.backordered),
    checkNonNegativeInteger('minimumOrderQuantity', input.minimumOrderQuantity ?? 0),
    checkPositiveInteger('packSize', input.packSize ?? 1),
  );
}

function demandSpreadFailure(input: ReplenishmentInput): ValidationFailure | undefined {
  const hasSd = input.sdDemandPerDay !== undefined;
  const hasQuantiles = input.leadTimeQuantiles !== undefined;
  if (hasSd && hasQuantiles) {
    return validationFailure('leadTimeQuantiles', 'give either sdDemandPerDay or leadTimeQuantiles, not both');
  }
  if (!hasSd && !hasQuantiles) {
    return validationFailure('sdDemandPerDay', 'give sdDemandPerDay or leadTimeQuantiles');
  }
  return hasSd ? checkNonNegative('sdDemandPerDay', input.sdDemandPerDay ?? 0) : undefined;
}

function serviceFailure(input: ReplenishmentInput): ValidationFailure | undefined {
  const { service } = input;
  if (!SERVICE_KINDS.has(service.kind)) {
    return validationFailure('service.kind', `must be one of ${[...SERVICE_KINDS].join(', ')}`);
  }
  if (service.kind === 'fill-rate' && input.leadTimeQuantiles !== undefined && !Number.isFinite(input.fillRateReorderPoint)) {
    return validationFailure('fillRateReorderPoint', 'a fill-rate target on leadTimeQuantiles needs the reorder point that meets it (or give sdDemandPerDay)');
  }
  return checkOpenProbability('service.target', service.target);
}

function policyFailure(input: ReplenishmentInput): ValidationFailure | undefined {
  const { policy } = input;
  if (!POLICY_KINDS.has(policy.kind)) {
    return validationFailure('policy.kind', `must be one of ${[...POLICY_KINDS].join(', ')}`);
  }
  return policy.kind === 'order-up-to'
    ? checkPositive('policy.reviewPeriodDays', policy.reviewPeriodDays)
    : undefined;
}

function costsFailure(input: ReplenishmentInput): ValidationFailure | undefined {
  const { policy, costs } = input;
  if (costs === undefined) {
    return policy.kind === 'order-up-to'
      ? undefined
      : validationFailure('costs', `policy ${policy.kind} needs costs to size its lots`);
  }
  return firstFailure(
    checkPositive('costs.orderingCost', costs.orderingCost),
    checkPositive('costs.holdingCostPerUnitDay', costs.holdingCostPerUnitDay),
    policy.kind === 'eoq-planned-backorders'
      ? checkPositive('costs.backorderCostPerUnitDay', costs.backorderCostPerUnitDay ?? Number.NaN)
      : undefined,
    costs.backorderCostPerUnitDay === undefined
      ? undefined
      : checkPositive('costs.backorderCostPerUnitDay', costs.backorderCostPerUnitDay),
  );
}
