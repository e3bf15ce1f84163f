/** Seeded, reproducible inventory policy simulation over daily (or any period) demand. */
export type { DemandSpec } from './demand-process.js';
export { generateDemand } from './demand-process.js';
export type { LeadTimeOutcome, LeadTimeSpec } from './lead-time.js';
export { createNormalSampler } from './normal-sampler.js';
export { poissonVariate } from './poisson-variate.js';
export { createRandom, type RandomSource } from './random.js';
export { periodsOfDays, type PeriodSpan } from './periods-of-days.js';
export { planningCosts, type PlanningCostBasis } from './planning-costs.js';
export { comparePolicies, simulatePolicy } from './simulate-policies.js';
export type { SimulationPolicy, SupplierTerms } from './simulation-policy.js';
export type {
  ComparisonInput,
  SalesMode,
  SimulationCost,
  SimulationCosts,
  SimulationInput,
  SimulationResult,
  SimulationSettings,
  Trajectory,
} from './simulation-types.js';
