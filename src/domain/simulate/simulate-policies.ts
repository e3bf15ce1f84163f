import { checkAtMost, checkInteger, checkNonNegative, checkNonNegativeInteger, firstFailure } from '../replenish/field-checks.js';
import { success, validationFailure, type Result, type ValidationFailure } from '../replenish/result.js';
import { generateDemand } from './demand-process.js';
import { createLeadTimeSampler } from './lead-time.js';
import { createRandom } from './random.js';
import { runSimulation } from './run-simulation.js';
import { defaultInitialOnHand, policyFailure, type SimulationPolicy } from './simulation-policy.js';
import type { ComparisonInput, SimulationInput, SimulationResult, SimulationSettings } from './simulation-types.js';

const DEMAND_STREAM = 0;
const LEAD_TIME_STREAM = 1;

/**
 * Simulates one inventory policy over the given or generated demand. Pure and reproducible:
 * the same input (seed included) gives the same result. Bad input is a `VALIDATION_FAILED`
 * value naming the field.
 */
export function simulatePolicy(input: SimulationInput): Result<SimulationResult> {
  const failure = policyFailure(input.policy, 'policy');
  if (failure) return failure;
  const prepared = prepare(input);
  return prepared.ok ? runPolicy(prepared.value, input.policy) : prepared;
}

/**
 * Simulates several policies on the very same demand and, order by order, the same lead-time
 * draws, so their differences come from the policies alone. Results follow the input order.
 */
export function comparePolicies(input: ComparisonInput): Result<readonly SimulationResult[]> {
  if (!Array.isArray(input.policies) || input.policies.length === 0) {
    return validationFailure('policies', 'must hold at least one policy');
  }
  for (const [index, policy] of input.policies.entries()) {
    const failure = policyFailure(policy, `policies[${index}]`);
    if (failure) return failure;
  }
  const prepared = prepare(input);
  if (!prepared.ok) return prepared;
  const results: SimulationResult[] = [];
  for (const policy of input.policies) {
    const result = runPolicy(prepared.value, policy);
    if (!result.ok) return result;
    results.push(result.value);
  }
  return success(results);
}

interface Prepared {
  readonly settings: SimulationSettings;
  readonly seed: number;
  readonly demand: readonly number[];
}

/** Validates what all policies share and draws the demand once. */
function prepare(settings: SimulationSettings): Result<Prepared> {
  const failure = settingsFailure(settings);
  if (failure) return failure;
  const seed = settings.seed ?? 1;
  const demand = generateDemand(settings.demand, createRandom(seed, DEMAND_STREAM));
  return demand.ok ? success({ settings, seed, demand: demand.value }) : demand;
}

function runPolicy({ settings, seed, demand }: Prepared, policy: SimulationPolicy): Result<SimulationResult> {
  // A fresh lead-time stream per policy: the k-th order of each policy waits equally long.
  const leadTimes = createLeadTimeSampler(settings.leadTime, createRandom(seed, LEAD_TIME_STREAM));
  if (!leadTimes.ok) return leadTimes;
  return success(
    runSimulation(demand, policy, leadTimes.value, {
      mode: settings.mode ?? 'backorder',
      costs: settings.costs ?? {},
      initialOnHand: settings.initialOnHand ?? defaultInitialOnHand(policy),
      recordTrajectory: settings.recordTrajectory ?? true,
    }),
  );
}

const COST_FIELDS = ['holdingCostPerUnitPeriod', 'orderingCost', 'backorderCostPerUnitPeriod', 'lostSaleCostPerUnit'] as const;

/**
 * Upper bounds that keep every total of a century-long run finite and exact enough: a trillion
 * units to start with, a trillion per unit and period (or per order) of any cost.
 */
const MAX_UNITS = 1e12;
const MAX_COST = 1e12;

function settingsFailure(settings: SimulationSettings): ValidationFailure | undefined {
  const costs = settings.costs ?? {};
  const mode = settings.mode ?? 'backorder';
  return firstFailure(
    checkInteger('seed', settings.seed ?? 1),
    mode === 'backorder' || mode === 'lost-sales'
      ? undefined
      : validationFailure('mode', 'must be backorder or lost-sales'),
    checkNonNegativeInteger('initialOnHand', settings.initialOnHand ?? 0),
    checkAtMost('initialOnHand', settings.initialOnHand ?? 0, MAX_UNITS),
    ...COST_FIELDS.flatMap((name) => [
      checkNonNegative(`costs.${name}`, costs[name] ?? 0),
      checkAtMost(`costs.${name}`, costs[name] ?? 0, MAX_COST),
    ]),
  );
}
