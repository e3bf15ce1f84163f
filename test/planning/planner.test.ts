import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderUpToForFillRate, reorderPointForFillRateWithLots } from '../../src/app/planning/fill-rate-level.js';
import { expectedShortage, leadTimeDistribution, probabilityAtMost, quantileOf } from '../../src/app/planning/lead-time-distribution.js';
import { planItem, type PlanItemInput } from '../../src/app/planning/plan-item.js';
import { DEFAULT_PLANNING_SETTINGS, parsePlanningSettings } from '../../src/app/planning/planning-settings.js';

const poisson = (mean: number, days: number) => ({ mean: new Array<number>(days).fill(mean), dispersion: 1, levelUncertainty: 0 });

/** E[(D − s)⁺] for D ~ Poisson(m), summed exactly. */
function poissonShortage(m: number, s: number): number {
  let pmf = Math.exp(-m);
  let below = 0;
  for (let k = 0; k <= s; k++) {
    below += (s - k) * pmf;
    pmf *= m / (k + 1);
  }
  return m - s + below;
}

describe('lead-time distribution', () => {
  it('adds the daily means and shares the level error across days', () => {
    const model = { mean: [1, 2, 3], dispersion: 2, levelUncertainty: 0.5 };
    const d = leadTimeDistribution(model, 5);
    // Past the horizon a step repeats the average of the last (up to) seven: 2.
    expect(d.mean).toBeCloseTo(1 + 2 + 3 + 2 + 2);
    expect(d.variance).toBeCloseTo(10 * 2 + 0.5 * 100);
    expect([...d.values].sort((a, b) => a - b)).toEqual(d.values);
  });

  it('prices shortage like the exact Poisson loss function', () => {
    for (const m of [0.3, 2, 9]) {
      const d = leadTimeDistribution(poisson(m, 1), 1);
      // The grid's midpoints straddle the jumps of a count distribution: within 1% (or 0.01 units).
      for (const s of [0, 1, 3, 10]) expect(Math.abs(expectedShortage(d, s) - poissonShortage(m, s))).toBeLessThanOrEqual(0.01 + 0.01 * poissonShortage(m, s));
    }
  });

  it('reads quantiles and probabilities off the same grid', () => {
    const d = leadTimeDistribution(poisson(4, 1), 1);
    // Poisson(4): P(D ≤ 7) = 0.949, P(D ≤ 8) = 0.979.
    expect(quantileOf(d, 0.95)).toBe(8);
    expect(probabilityAtMost(d, 7)).toBeGreaterThan(0.94);
    expect(probabilityAtMost(d, 7)).toBeLessThan(0.95);
  });
});

describe('fill-rate levels', () => {
  it('order-up-to: the smallest S whose shortage per review cycle is within (1 − β) of cycle demand', () => {
    fc.assert(fc.property(fc.double({ min: 0.05, max: 30, noNaN: true }), fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 10 }), fc.double({ min: 0.5, max: 0.995, noNaN: true }), (mean, lead, review, beta) => {
      const model = { mean: [mean], dispersion: 1.5, levelUncertainty: 0.1 };
      const level = orderUpToForFillRate(model, lead, review, beta);
      const full = leadTimeDistribution(model, lead + review);
      const part = leadTimeDistribution(model, lead);
      const shortage = (s: number) => expectedShortage(full, s) - expectedShortage(part, s);
      const allowed = (1 - beta) * mean * review + 1e-9;
      expect(shortage(level.level)).toBeLessThanOrEqual(allowed);
      if (level.level > 0) expect(shortage(level.level - 1)).toBeGreaterThan(allowed);
    }), { numRuns: 200 });
  });

  it('lots: the smallest s whose shortage per lot is within (1 − β) of the lot', () => {
    const model = poisson(2, 1);
    const level = reorderPointForFillRateWithLots(model, 5, 20, 0.95);
    const d = leadTimeDistribution(model, 5);
    const shortage = (s: number) => expectedShortage(d, s) - expectedShortage(d, s + 20);
    expect(shortage(level.level)).toBeLessThanOrEqual(1);
    expect(shortage(level.level - 1)).toBeGreaterThan(1);
  });
});

describe('planning one item', () => {
  const input = (overrides: Partial<PlanItemInput> = {}): PlanItemInput => ({
    forecast: { ...poisson(2, 28), stepDays: 1, leadTimeRmse: 6, protectionDays: 14 },
    stock: { onHand: 10, incoming: 5, allocated: 3, backordered: 2 },
    leadTimeDays: 7,
    unitCost: 1000,
    minimumOrderQuantity: 0,
    packSize: 1,
    settings: DEFAULT_PLANNING_SETTINGS,
    ...overrides,
  });

  it('orders up to the fill-rate level of the forecast distribution, net of the stock position', () => {
    const plan = planItem(input());
    if (!plan.ok) throw new Error(plan.message);
    const level = orderUpToForFillRate(poisson(2, 28), 7, 7, 0.95).level;
    expect(plan.value).toMatchObject({ policy: 'order-up-to', orderUpToLevel: level, reorderPoint: level, inventoryPosition: 10, requiredQuantity: level - 10, suggestedQuantity: level - 10 });
    expect(plan.value.leadTimeDemand.mean).toBeCloseTo(28);
    expect(plan.value.simulationPolicy).toEqual({ kind: 'R-S', reviewPeriod: 7, orderUpTo: level });
    expect(plan.value.explanation[0]).toMatch(/^Target fill rate 95%: S = \d+ leaves an expected/);
    expect(plan.value.explanation.join(' ')).toMatch(/Inventory position = on hand 10 \+ incoming 5 − allocated 3 − backordered 2 = 10/);
  });

  it('takes the quantile at a cycle service level, and σ from the back-test for the normal model', () => {
    const settings = (fields: object) => {
      const parsed = parsePlanningSettings(fields);
      if (!parsed.ok) throw new Error(parsed.message);
      return parsed.value;
    };
    const csl = planItem(input({ settings: settings({ service: 'cycle-service-level', serviceLevel: 0.9 }) }));
    if (!csl.ok) throw new Error(csl.message);
    expect(csl.value.orderUpToLevel).toBe(quantileOf(leadTimeDistribution(poisson(2, 28), 14), 0.9));
    const normal = planItem(input({ settings: settings({ leadTimeModel: 'normal' }) }));
    if (!normal.ok) throw new Error(normal.message);
    expect(normal.value.leadTimeDemand.sd).toBeCloseTo(6); // the back-tested RMSE over the same 14 days
  });

  it('rounds to whole packs of at least the MOQ', () => {
    const plan = planItem(input({ minimumOrderQuantity: 40, packSize: 12 }));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.suggestedQuantity).toBe(48);
    expect(plan.value.explanation.join(' ')).toMatch(/whole packs of 12 and at least the minimum order of 40/);
  });

  it('sizes lots by EOQ and meets the fill rate per lot', () => {
    const plan = planItem(input({ settings: { ...DEFAULT_PLANNING_SETTINGS, policy: 'eoq' } }));
    if (!plan.ok) throw new Error(plan.message);
    // EOQ = √(2 · 2/day · 5000 / (1000 · 0.25 / 365)) ≈ 171.
    expect(plan.value.lotSize).toBe(171);
    expect(plan.value.reorderPoint).toBe(reorderPointForFillRateWithLots(poisson(2, 28), 7, 171, 0.95).level);
    expect(plan.value.simulationPolicy).toEqual({ kind: 's-Q', reorderPoint: plan.value.reorderPoint, orderQuantity: 171 });
  });

  it('plans min/max and EOQ with planned backorders from the same lots', () => {
    const minMax = planItem(input({ settings: { ...DEFAULT_PLANNING_SETTINGS, policy: 'min-max' } }));
    const planned = planItem(input({ settings: { ...DEFAULT_PLANNING_SETTINGS, policy: 'eoq-planned-backorders' } }));
    if (!minMax.ok || !planned.ok) throw new Error('planning failed');
    expect(minMax.value).toMatchObject({ policy: 'min-max', lotSize: 171, orderUpToLevel: minMax.value.reorderPoint + 171 });
    expect(minMax.value.simulationPolicy).toEqual({ kind: 'min-max', min: minMax.value.reorderPoint, max: minMax.value.reorderPoint + 171 });
    // Backorders cost nine times holding: lots grow by √(10/9) and the reorder point drops by the planned shortage Q/10.
    expect(planned.value.lotSize).toBe(Math.round(171.1 * Math.sqrt(10 / 9)));
    expect(planned.value.reorderPoint).toBeLessThan(minMax.value.reorderPoint);
    expect(planned.value.explanation.join(' ')).toMatch(/Backorders are planned/);
    // The backlog it plans costs service, and the plan says so instead of reading as 95%.
    expect(planned.value.explanation.join(' ')).toMatch(/deliver an expected fill rate of \d+(\.\d)?%, below the 95% target/);
    const costlier = planItem(input({ settings: { ...DEFAULT_PLANNING_SETTINGS, policy: 'eoq-planned-backorders', backorderCostRatio: 99 } }));
    if (!costlier.ok) throw new Error(costlier.message);
    expect(costlier.value.lotSize).toBe(Math.round(171.1 * Math.sqrt(100 / 99)));
    expect(costlier.value.reorderPoint).toBeGreaterThan(planned.value.reorderPoint);
    // Under a cycle-service-level target the lowered reorder point misses it too: said, with by how much.
    const cycles = planItem(input({ settings: { ...DEFAULT_PLANNING_SETTINGS, policy: 'eoq-planned-backorders', service: { kind: 'cycle-service-level', target: 0.95 } } }));
    if (!cycles.ok) throw new Error(cycles.message);
    const covered = probabilityAtMost(leadTimeDistribution(poisson(2, 28), 7), cycles.value.reorderPoint);
    expect(covered).toBeLessThan(0.95);
    expect(cycles.value.explanation.join(' ')).toContain(
      `reorder point ${cycles.value.reorderPoint} covers the demand over the lead time in ${covered < 0.01 ? 'under 1%' : `${(Math.round(covered * 1000) / 10).toString()}%`} of cycles, not the 95% target`,
    );
  });

  it('says how many days of demand an EOQ lot holds when the item has no unit cost to size it by', () => {
    for (const policy of ['eoq', 'min-max', 'eoq-planned-backorders'] as const) {
      const free = planItem(input({ unitCost: 0, settings: { ...DEFAULT_PLANNING_SETTINGS, policy } }));
      if (!free.ok) throw new Error(free.message);
      expect(free.value.explanation.join(' '), policy).toContain(`The item has no unit cost, so holding it was priced as if a unit cost 0.01: each lot of ${free.value.lotSize?.toLocaleString('en-US')} holds ${Math.round((free.value.lotSize ?? 0) / 2).toLocaleString('en-US')} days of demand.`);
      const priced = planItem(input({ settings: { ...DEFAULT_PLANNING_SETTINGS, policy } }));
      expect(priced.ok && priced.value.explanation.join(' ')).not.toContain('no unit cost');
    }
    const upTo = planItem(input({ unitCost: 0 }));
    expect(upTo.ok && upTo.value.explanation.join(' ')).not.toContain('no unit cost');
  });

  it('buys nothing for an item without demand under any policy, only what waiting customers need', () => {
    for (const policy of ['eoq', 'min-max', 'eoq-planned-backorders', 'order-up-to'] as const) {
      const settings = { ...DEFAULT_PLANNING_SETTINGS, policy };
      const idle = planItem(input({ forecast: null, stock: { onHand: 0, incoming: 0, allocated: 0, backordered: 0 }, minimumOrderQuantity: 50, packSize: 10, settings }));
      if (!idle.ok) throw new Error(idle.message);
      expect(idle.value, policy).toMatchObject({ requiredQuantity: 0, suggestedQuantity: 0, urgency: { daysUntilStockout: null, stockoutWithinLeadTime: false } });
      expect(idle.value.explanation.join(' ')).not.toMatch(/-0\b/);
      // No demand: no fill-rate level to search for, nor a lot said to meet it.
      expect(idle.value.explanation.join(' ')).not.toMatch(/alone meets|leaves an expected/);
      const waiting = planItem(input({ forecast: null, stock: { onHand: 0, incoming: 0, allocated: 0, backordered: 3 }, minimumOrderQuantity: 50, packSize: 10, settings }));
      if (!waiting.ok) throw new Error(waiting.message);
      // Customers wait with nothing free: as urgent as it gets, whatever the forecast says.
      expect(waiting.value, policy).toMatchObject({ requiredQuantity: 3, suggestedQuantity: 50, urgency: { daysUntilStockout: 0, stockoutWithinLeadTime: true } });
      expect(waiting.value.explanation.join(' ')).toMatch(/customers are already waiting/);
    }
  });

  it('keeps lot sizes to whole orderable units at extreme costs, and the search for s ends', () => {
    const settings = parsePlanningSettings({ policy: 'eoq', orderingCost: 1e10, holdingRate: 0.001 });
    if (!settings.ok) throw new Error(settings.message);
    const plan = planItem(input({ forecast: { ...poisson(5000, 28), stepDays: 1, leadTimeRmse: null, protectionDays: 7 }, unitCost: 0, settings: settings.value }));
    if (!plan.ok) throw new Error(plan.message);
    expect(plan.value.lotSize).toBe(1_000_000_000);
    expect(Number.isSafeInteger(plan.value.reorderPoint)).toBe(true);
    // A lot far past floating point's whole numbers used to spin the bisection forever.
    expect(Number.isFinite(reorderPointForFillRateWithLots(poisson(2, 1), 5, 1e22, 0.95).level)).toBe(true);
  });

  it('explains a fill-rate plan as meeting the fill rate, never by negative or 0% quantiles', () => {
    const weekly = (perWeek: number) => ({ mean: new Array<number>(12).fill(perWeek), stepDays: 7, dispersion: 1, levelUncertainty: 0.01, leadTimeRmse: null, protectionDays: 10 });
    const pack = (orderingCost: number, onHand: number) => planItem(input({
      forecast: weekly(17.5), stock: { onHand, incoming: 0, allocated: 0, backordered: 0 }, leadTimeDays: 10, unitCost: 30,
      settings: { ...DEFAULT_PLANNING_SETTINGS, policy: 'eoq', orderingCost },
    }));
    for (const orderingCost of [5000, 20000]) {
      const plan = pack(orderingCost, 18);
      if (!plan.ok) throw new Error(plan.message);
      const text = plan.value.explanation.join(' ');
      expect(text).not.toMatch(/-\d+ at|at 0%|quantile of demand, interpolated|Target cycle service level/);
      expect(plan.value.reorderPoint).toBeGreaterThanOrEqual(0);
      expect(text).toMatch(/Warning: nothing is ordered now/);
    }
    const lotAlone = pack(20000, 18);
    if (!lotAlone.ok) throw new Error(lotAlone.message);
    expect(lotAlone.value).toMatchObject({ reorderPoint: 0, lotSize: 2206, simulationPolicy: { kind: 's-Q', reorderPoint: 0, orderQuantity: 2206 } });
    expect(lotAlone.value.explanation[0]).toMatch(/^Target fill rate 95%: the lot of 2,206 alone meets it: .* the reorder point need not cover any of the 25 units expected over the 10-day lead time/);
    // Order-up-to: the cycle service level is stated as what the fill-rate target implies.
    const upTo = planItem(input());
    if (!upTo.ok) throw new Error(upTo.message);
    expect(upTo.value.explanation[0]).toMatch(/that is the cycle service level the 95% fill-rate target implies, not a setting/);
    expect(upTo.value.explanation.join(' ')).not.toMatch(/Target cycle service level/);
  });

  it('plans nothing for an item without a forecast', () => {
    const plan = planItem(input({ forecast: null, stock: { onHand: 0, incoming: 0, allocated: 0, backordered: 0 } }));
    expect(plan).toMatchObject({ ok: true, value: { orderUpToLevel: 0, suggestedQuantity: 0, urgency: { daysUntilStockout: null } } });
  });

  it('refuses a service level outside (0, 1), naming the field', () => {
    for (const serviceLevel of [0, 1, 1.5, -0.2, '0.9']) {
      expect(parsePlanningSettings({ serviceLevel })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field: 'serviceLevel' } });
    }
    expect(parsePlanningSettings({ policy: 'magic' })).toMatchObject({ ok: false, details: { field: 'policy' } });
    expect(parsePlanningSettings({ reviewDays: 0 })).toMatchObject({ ok: false, details: { field: 'reviewDays' } });
    expect(parsePlanningSettings({ colour: 'red' })).toMatchObject({ ok: false, details: { field: 'colour' } });
    // Costs past any real purchase order are refused, not planned (they made lots of 1e22 units).
    for (const [field, value] of [['orderingCost', 1e32], ['orderingCost', 0], ['holdingRate', 1e-28], ['holdingRate', 11], ['backorderCostRatio', 0], ['backorderCostRatio', 1e6]] as const) {
      expect(parsePlanningSettings({ [field]: value }), `${field} ${value}`).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', details: { field } });
    }
    expect(parsePlanningSettings({ orderingCost: 1e10, holdingRate: 0.001, backorderCostRatio: 1000 })).toMatchObject({ ok: true, value: { backorderCostRatio: 1000 } });
  });
});
