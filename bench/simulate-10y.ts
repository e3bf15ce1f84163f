import { comparePolicies, createRandom, generateDemand, simulatePolicy, type SimulationInput } from '../src/domain/simulate/index.js';
import { QUICK, report } from './machine.js';

const DAYS = 3650;
const RUNS = QUICK ? 5 : 30;
const GOAL_MS = 100;

/**
 * One inventory policy simulated over ten years of daily demand (3,650 periods, Poisson demand
 * drawn with a seed, random lead times, day-by-day trajectory kept as the API returns it):
 * the median of repeated runs. Baseline: a bare loop over the same demand, the least any replay
 * must do. Extra: four policies side by side, as the simulation API compares them.
 */
function main(): void {
  const drawn = generateDemand({ kind: 'poisson', periods: DAYS, mean: 6 }, createRandom(42, 0));
  if (!drawn.ok) throw new Error(drawn.message);
  const demand = drawn.value;
  const input: SimulationInput = {
    demand: { kind: 'series', values: demand },
    seed: 42,
    leadTime: [{ periods: 5, probability: 0.2 }, { periods: 7, probability: 0.6 }, { periods: 12, probability: 0.2 }],
    mode: 'backorder',
    costs: { holdingCostPerUnitPeriod: 0.02, orderingCost: 50, backorderCostPerUnitPeriod: 0.5 },
    policy: { kind: 'R-S', reviewPeriod: 7, orderUpTo: 110 },
  };
  const policies = [
    input.policy,
    { kind: 's-Q' as const, reorderPoint: 60, orderQuantity: 80 },
    { kind: 's-S' as const, reorderPoint: 60, orderUpTo: 140 },
    { kind: 'min-max' as const, min: 50, max: 150, reviewPeriod: 7 },
  ];
  // Warm up the JIT the way a long-running server would be.
  for (let i = 0; i < 5; i++) {
    simulatePolicy(input);
    comparePolicies({ ...input, policies });
  }

  const simulate = median(RUNS, () => {
    const result = simulatePolicy(input);
    if (!result.ok || result.value.periods !== DAYS) throw new Error('simulation failed');
  });
  let total = 0;
  const loop = median(RUNS, () => {
    for (let i = 0; i < demand.length; i++) total += demand[i] ?? 0;
  });
  if (total <= 0) throw new Error('no demand was replayed');
  const compared = median(RUNS, () => {
    const result = comparePolicies({ ...input, policies });
    if (!result.ok) throw new Error('comparison failed');
  });
  report({
    name: 'simulate-10y',
    value: round(simulate),
    unit: 'ms',
    baseline: round(loop),
    ratio: loop > 0 ? Math.round(simulate / loop) : null,
    params: { periods: DAYS, runs: RUNS, policy: 'R-S', trajectory: true, quick: QUICK },
    goal: `< ${GOAL_MS} ms`,
    met: simulate < GOAL_MS,
    extra: { fourPoliciesMs: round(compared) },
  });
}

function median(runs: number, work: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

main();
