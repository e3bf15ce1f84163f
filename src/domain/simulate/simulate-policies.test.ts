import { describe, expect, it } from 'vitest';
import { eoqWithPlannedBackorders } from '../replenish/eoq-with-planned-backorders.js';
import { leadTimeDemand } from '../replenish/lead-time-demand.js';
import type { Result } from '../replenish/result.js';
import { servicePerformance } from '../replenish/service-performance.js';
import { standardNormalCdf } from '../replenish/standard-normal.js';
import type { LeadTimeOutcome } from './lead-time.js';
import { comparePolicies, simulatePolicy } from './simulate-policies.js';
import type { SimulationPolicy } from './simulation-policy.js';
import type { SimulationInput } from './simulation-types.js';

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.value;
}

/** N(mean, sd) on whole periods, P(L ≤ j) = Φ((j + ½ − mean)/sd); the mass below 0 sits at 0. */
function discretisedNormalLeadTime(mean: number, sd: number): readonly LeadTimeOutcome[] {
  const outcomes: LeadTimeOutcome[] = [];
  const last = Math.ceil(mean + 8 * sd);
  let below = 0;
  for (let periods = 0; periods <= last; periods += 1) {
    const upTo = periods === last ? 1 : standardNormalCdf((periods + 0.5 - mean) / sd);
    outcomes.push({ periods, probability: upTo - below });
    below = upTo;
  }
  return outcomes;
}

describe('simulatePolicy against inventory theory', () => {
  it('(s, Q) with backorders matches the normal-loss CSL and fill rate of Chopra & Meindl 11-4 within 1 point', () => {
    // Theory: lead-time demand N(500, 212.13), Q = 1000, s = 600 → CSL 0.6813, fill rate 0.9561.
    // The formulas assume the position meets s exactly. In period buckets it undershoots s by
    // about var/(2·mean) of demand per unit time — 45 units here, whatever the bucket size,
    // since weekly N(250, 150) has variance/mean 90 — which alone would cost ~8 points of CSL.
    // So the same lead-time demand is built from near-steady daily demand (N(2, 0.5), rounded:
    // steps of 1–3 units, undershoot ≈ 0.6) and a varying lead time (mean 250 days) that
    // carries the spread: σ_L² = L·σ² + μ²·σ_LT² = 150²·2.
    const meanPerDay = 2;
    const sdPerDay = 0.5;
    const roundedVariance = sdPerDay ** 2 + 1 / 12; // rounding to whole units adds 1/12
    const leadTimeMean = 250;
    const leadTimeSd = Math.sqrt((2 * 150 ** 2 - leadTimeMean * roundedVariance) / meanPerDay ** 2);
    const demand = valueOf(
      leadTimeDemand({ meanPerPeriod: meanPerDay, sdPerPeriod: Math.sqrt(roundedVariance), leadTime: leadTimeMean, leadTimeSd }),
    );
    expect(demand.mean).toBe(500);
    expect(demand.sd).toBeCloseTo(150 * Math.SQRT2, 9);
    const theory = valueOf(servicePerformance(demand, 600, 1000));
    expect(theory.cycleServiceLevel).toBeCloseTo(0.6813, 4);
    expect(theory.fillRate).toBeCloseTo(0.9561, 4);

    // 10 million days ≈ 20,000 replenishment cycles: the CSL's standard error is 0.33 points.
    const result = valueOf(
      simulatePolicy({
        demand: { kind: 'normal', periods: 10_000_000, mean: meanPerDay, sd: sdPerDay },
        seed: 7,
        leadTime: discretisedNormalLeadTime(leadTimeMean, leadTimeSd),
        policy: { kind: 's-Q', reorderPoint: 600, orderQuantity: 1000 },
        mode: 'backorder',
        recordTrajectory: false,
      }),
    );
    const shortagePerCycle = (result.units.demand - result.units.servedFromStock) / result.replenishmentCycles;
    console.log(
      `Chopra & Meindl 11-4 — theory: CSL ${theory.cycleServiceLevel.toFixed(4)}, fill rate ${theory.fillRate.toFixed(4)}, ` +
        `ESC ${theory.expectedShortagePerCycle.toFixed(2)}; simulated over ${result.replenishmentCycles} cycles: ` +
        `CSL ${result.cycleServiceLevel?.toFixed(4)}, fill rate ${result.fillRate?.toFixed(4)}, ESC ${shortagePerCycle.toFixed(2)}`,
    );
    expect(Math.abs((result.cycleServiceLevel ?? 0) - theory.cycleServiceLevel)).toBeLessThan(0.01);
    expect(Math.abs((result.fillRate ?? 0) - theory.fillRate)).toBeLessThan(0.01);
  });

  it('EOQ with planned backorders: simulated cost per period within 1% of Hillier & Lieberman', () => {
    // One period = 1/100 month, so demand is 80 whole units per period; costs scale alike.
    const periodsPerMonth = 100;
    const formula = valueOf(
      eoqWithPlannedBackorders({ demandRate: 8000, orderingCost: 12000, holdingCost: 0.3, backorderCost: 1.1 }),
    );
    const orderQuantity = Math.round(formula.quantity);
    const months = 1000; // ≈ 280 cycles, so the last part-cycle weighs < 0.4%
    const result = valueOf(
      simulatePolicy({
        demand: { kind: 'series', values: new Array<number>(months * periodsPerMonth).fill(8000 / periodsPerMonth) },
        leadTime: 0,
        // Order when the backlog reaches the planned shortage; start just after a receipt.
        policy: { kind: 's-Q', reorderPoint: -Math.round(formula.maxShortage), orderQuantity },
        costs: {
          orderingCost: 12000,
          holdingCostPerUnitPeriod: 0.3 / periodsPerMonth,
          backorderCostPerUnitPeriod: 1.1 / periodsPerMonth,
        },
        recordTrajectory: false,
      }),
    );
    const perMonth = result.cost.perPeriod * periodsPerMonth;
    console.log(
      `Hillier & Lieberman planned backorders — formula ${formula.totalVariableCost.toFixed(1)}/month, simulated ${perMonth.toFixed(1)}/month ` +
        `(holding ${((result.cost.holding / months)).toFixed(1)}, ordering ${(result.cost.ordering / months).toFixed(1)}, ` +
        `backorder ${(result.cost.backorder / months).toFixed(1)})`,
    );
    expect(Math.abs(perMonth / formula.totalVariableCost - 1)).toBeLessThan(0.01);
    expect(result.units.lost).toBe(0);
  });
});

describe('comparePolicies', () => {
  const settings = {
    demand: { kind: 'normal', periods: 730, mean: 20, sd: 6 },
    seed: 3,
    leadTime: [
      { periods: 5, probability: 0.7 },
      { periods: 8, probability: 0.3 },
    ],
    costs: { holdingCostPerUnitPeriod: 0.05, orderingCost: 40, backorderCostPerUnitPeriod: 1 },
  } as const;
  const policies: readonly SimulationPolicy[] = [
    { kind: 's-Q', reorderPoint: 160, orderQuantity: 250 },
    { kind: 's-S', reorderPoint: 160, orderUpTo: 400 },
    { kind: 'min-max', min: 160, max: 400 },
    { kind: 'R-S', reviewPeriod: 7, orderUpTo: 320 },
  ];

  it('runs every policy on the same demand, in input order', () => {
    const results = valueOf(comparePolicies({ ...settings, policies }));
    expect(results.map((result) => result.policy)).toEqual(policies);
    const demands = results.map((result) => result.trajectory?.demand);
    for (const demand of demands) expect(demand).toEqual(demands[0]);
    // min/max is (s, S) under its warehouse name: identical runs.
    expect({ ...results[2], policy: null }).toEqual({ ...results[1], policy: null });
    expect(results[3]?.orders).toBeLessThanOrEqual(Math.ceil(730 / 7));
  });

  it('agrees with simulating each policy alone', () => {
    const results = valueOf(comparePolicies({ ...settings, policies }));
    policies.forEach((policy, index) => {
      expect(valueOf(simulatePolicy({ ...settings, policy }))).toEqual(results[index]);
    });
  });

  it('runs ten years of daily demand quickly (timing is logged, not asserted)', () => {
    const input: SimulationInput = {
      ...settings,
      demand: { kind: 'normal', periods: 3650, mean: 20, sd: 6 },
      policy: { kind: 's-Q', reorderPoint: 160, orderQuantity: 250 },
    };
    simulatePolicy(input);
    const runs = 50;
    const started = performance.now();
    for (let run = 0; run < runs; run += 1) simulatePolicy({ ...input, seed: run });
    console.log(`10-year daily simulation with trajectory: ${((performance.now() - started) / runs).toFixed(2)} ms per run`);
  });
});

describe('simulation input errors', () => {
  const valid: SimulationInput = {
    demand: { kind: 'series', values: [5, 3, 8] },
    leadTime: 2,
    policy: { kind: 's-Q', reorderPoint: 4, orderQuantity: 10 },
  };

  it.each<[string, Partial<SimulationInput>, string]>([
    ['a negative lead time', { leadTime: -1 }, 'leadTime'],
    ['an empty demand series', { demand: { kind: 'series', values: [] } }, 'demand.values'],
    ['an unknown policy', { policy: JSON.parse('{"kind":"hope"}') as SimulationPolicy }, 'policy.kind'],
    ['a zero order quantity', { policy: { kind: 's-Q', reorderPoint: 4, orderQuantity: 0 } }, 'policy.orderQuantity'],
    ['S not above s', { policy: { kind: 's-S', reorderPoint: 4, orderUpTo: 4 } }, 'policy.orderUpTo'],
    ['a zero review period', { policy: { kind: 'R-S', reviewPeriod: 0, orderUpTo: 10 } }, 'policy.reviewPeriod'],
    ['an unknown mode', { mode: JSON.parse('"panic"') as SimulationInput['mode'] }, 'mode'],
    ['a negative cost', { costs: { holdingCostPerUnitPeriod: -1 } }, 'costs.holdingCostPerUnitPeriod'],
    ['a fractional seed', { seed: 1.5 }, 'seed'],
    ['negative initial stock', { initialOnHand: -3 }, 'initialOnHand'],
  ])('rejects %s, naming the field', (_label, change, field) => {
    expect(simulatePolicy({ ...valid, ...change })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', field });
  });

  it('names the offending policy in a comparison', () => {
    const { policy, ...settings } = valid;
    expect(comparePolicies({ ...settings, policies: [policy, JSON.parse('{"kind":"hope"}') as SimulationPolicy] })).toMatchObject({
      ok: false,
      field: 'policies[1].kind',
    });
    expect(comparePolicies({ ...settings, policies: [] })).toMatchObject({ ok: false, field: 'policies' });
  });
});
