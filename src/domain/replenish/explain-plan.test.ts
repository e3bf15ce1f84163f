import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { differenceOf, formatNumber, sumOf, unitsOf } from './explain-plan.js';
import { planReplenishment } from './plan-replenishment.js';
import type { ReplenishmentInput, ReplenishmentPlan } from './replenishment-plan.js';
import type { Result } from './result.js';

const base: ReplenishmentInput = {
  meanDemandPerDay: 2.5,
  sdDemandPerDay: 1.5,
  leadTimeDays: 10,
  service: { kind: 'fill-rate', target: 0.95 },
  policy: { kind: 'eoq' },
  // Minor units: 50.00 an order, holding a unit of 1.50 at 25% a year.
  costs: { orderingCost: 5000, holdingCostPerUnitDay: (150 * 0.25) / 365 },
  onHand: 18,
  incoming: 0,
  allocated: 0,
  backordered: 0,
};

function planOf(result: Result<ReplenishmentPlan>): ReplenishmentPlan {
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.value;
}

describe('explaining a plan', () => {
  it('writes subtraction, negative terms and plurals as people write them', () => {
    expect(differenceOf(0, -5)).toBe('0 + 5');
    expect(differenceOf(18, 3)).toBe('18 − 3');
    expect(sumOf(70.93, -30.4)).toBe('70.93 − 30.4');
    expect(unitsOf(1)).toBe('1 unit');
    expect(unitsOf(0)).toBe('0 units');
    const owed = planOf(planReplenishment({ ...base, policy: { kind: 'order-up-to', reviewPeriodDays: 7 }, costs: undefined, onHand: 0, backordered: 5 }));
    const text = owed.explanation.join(' ');
    expect(text).toMatch(/order up to S = \d+: \d+ \+ 5 = \d+ units/);
    expect(text).not.toMatch(/− -|\+ -|\b1 units\b/);
  });

  it('writes a target to the digit it was given: 99.9 %, Φ⁻¹(0.999), (1 − 0.9999)', () => {
    const cycle = planOf(planReplenishment({ ...base, service: { kind: 'cycle-service-level', target: 0.999 } })).explanation.join(' ');
    expect(cycle).toContain('Target cycle service level 99.9%: k = Φ⁻¹(0.999) = 3.09');
    const fill = planOf(planReplenishment({ ...base, service: { kind: 'fill-rate', target: 0.9999 } })).explanation.join(' ');
    expect(fill).toMatch(/Target fill rate 99\.99% with .* × \(1 − 0\.9999\) \/ /);
  });

  it('does not round a fraction of a unit short to "about 0 units" in its warning', () => {
    const input = { ...base, costs: { orderingCost: 5000, holdingCostPerUnitDay: 0.0001 }, onHand: 20, incoming: 5 };
    const warning = (rate: number) => planOf(planReplenishment({ ...input, meanDemandPerDay: rate })).explanation.find((l) => l.includes('Warning')) ?? '';
    expect(warning(2.53)).toContain('at forecast demand less than a unit will be backordered before an order placed today could arrive');
    expect(warning(2.8)).toContain('at forecast demand about 3 units will be backordered');
    expect(warning(2.53)).not.toMatch(/about 0 units/);
  });

  it('says the position is above S, not at it', () => {
    const plan = planOf(planReplenishment({ ...base, policy: { kind: 'order-up-to', reviewPeriodDays: 7 }, costs: undefined, onHand: 500 }));
    expect(plan.explanation.join(' ')).toMatch(/= 500; above the order-up-to level \d+, so no order is due/);
  });

  it('shows costs as money in major units, precise enough to give the EOQ again', () => {
    const plan = planOf(planReplenishment(base));
    expect(plan.explanation.join(' ')).toContain('√(2 × 2.5/day × 50.00 per order / 0.001027 per unit-day) = 493 units');
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 500, noNaN: true }),
        fc.integer({ min: 1, max: 1e8 }),
        fc.double({ min: 1e-6, max: 50, noNaN: true }),
        (rate, orderingCost, holdingCostPerUnitDay) => {
          const eoq = planOf(planReplenishment({ ...base, meanDemandPerDay: rate, costs: { orderingCost, holdingCostPerUnitDay } }));
          const line = eoq.explanation.find((l) => l.startsWith('Lot size by EOQ')) ?? '';
          const match = /√\(2 × ([\d.,]+)\/day × ([\d.,]+) per order \/ ([\d.,e-]+) per unit-day\) = ([\d,]+) units?/.exec(line);
          if (match === null) throw new Error(line);
          const [d, k, h, q] = match.slice(1).map((x) => Number(x.replaceAll(',', '')));
          if (eoq.lotSize === 1_000_000_000) return;
          expect(q).toBe(eoq.lotSize);
          expect(Math.max(1, Math.round(Math.sqrt((2 * (d ?? 0) * (k ?? 0)) / (h ?? 1))))).toBe(q);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('floors a reorder point below 0 and says why, unless backorders are planned', () => {
    // Lots of ~2,200 at a 95% fill rate allow ~110 units short per lot: far more than lead-time demand.
    const big = planOf(planReplenishment({ ...base, costs: { orderingCost: 20000, holdingCostPerUnitDay: (30 * 0.25) / 365 } }));
    expect(big.reorderPoint).toBe(0);
    expect(big.explanation.join(' ')).toMatch(/raised to 0: below 0 an order would wait until customers are already backordered/);
  });

  it('warns when stock runs out before an order could arrive and yet nothing is ordered', () => {
    const big = planOf(planReplenishment({ ...base, costs: { orderingCost: 20000, holdingCostPerUnitDay: (30 * 0.25) / 365 } }));
    expect(big).toMatchObject({ suggestedQuantity: 0, urgency: { stockoutWithinLeadTime: true } });
    expect(big.explanation.at(-1)).toMatch(/lasts 7\.2 days at 2\.5\/day, before an order placed today would arrive \(10 days\)\. Warning: nothing is ordered now/);
  });

  it('says what is true when no stockout is in sight', () => {
    const idle = planOf(planReplenishment({ ...base, meanDemandPerDay: 0, sdDemandPerDay: 0 }));
    expect(idle.explanation.at(-1)).toBe('No demand is forecast over the 10 days planned for, so free stock does not run out in them.');
    const lasting = planOf(planReplenishment({ ...base, meanDemandPerDay: 0.001, onHand: 1_000_000 }));
    expect(lasting.urgency.daysUntilStockout).toBeNull();
    expect(lasting.explanation.at(-1)).toMatch(/^Free stock .* of 1,000,000 units lasts more than 36,500 days \(a century\) at the forecast 0\.001\/day: no stockout is in sight\.$/);
    expect(lasting.explanation.join(' ')).not.toMatch(/No demand is forecast/);
  });
});

describe('formatNumber', () => {
  const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2, signDisplay: 'negative' });

  it('writes every number as en-US formatting does, the whole numbers it writes itself too', () => {
    for (const value of [0, -0, 1, -1, 999, -999, 1000, -1000, 12_345, 0.5, 2.345, -0.004, 1e21]) expect(formatNumber(value), String(value)).toBe(intl.format(value));
    fc.assert(fc.property(fc.oneof(fc.integer({ min: -5000, max: 5000 }), fc.double({ min: -1e7, max: 1e7, noNaN: true })), (value) => {
      expect(formatNumber(value)).toBe(intl.format(value));
    }));
  });
});
