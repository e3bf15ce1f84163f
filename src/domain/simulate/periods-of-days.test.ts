import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { periodsOfDays } from './periods-of-days.js';
import { planningCosts } from './planning-costs.js';

describe('days as simulation periods', () => {
  it('divides exactly when it can and otherwise rounds up, never shorter than the days', () => {
    expect(periodsOfDays(14, 7)).toEqual({ periods: 2, exact: 2, whole: true });
    expect(periodsOfDays(10, 7)).toMatchObject({ periods: 2, whole: false });
    expect(periodsOfDays(0, 7)).toEqual({ periods: 0, exact: 0, whole: true });
    expect(periodsOfDays(3, 7, 1)).toMatchObject({ periods: 1, whole: false });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3660 }), fc.integer({ min: 1, max: 366 }), (days, periodDays) => {
        const span = periodsOfDays(days, periodDays);
        expect(span.periods * periodDays).toBeGreaterThanOrEqual(days);
        expect((span.periods - 1) * periodDays).toBeLessThan(days === 0 ? 1 : days);
        expect(span.whole).toBe(days % periodDays === 0);
      }),
    );
  });
});

describe("the planner's costs for a simulation", () => {
  it('holds at the yearly rate of the unit cost per period, backorders at the ratio, a lost sale at the price', () => {
    const daily = planningCosts({ unitCost: 150, unitPrice: 299, orderingCost: 5000, holdingRate: 0.25, backorderCostRatio: 9, periodDays: 1 });
    expect(daily.orderingCost).toBe(5000);
    expect(daily.holdingCostPerUnitPeriod).toBeCloseTo(37.5 / 365, 12);
    expect(daily.backorderCostPerUnitPeriod).toBeCloseTo((9 * 37.5) / 365, 12);
    expect(daily.lostSaleCostPerUnit).toBe(299);
    const weekly = planningCosts({ unitCost: 150, unitPrice: 299, orderingCost: 5000, holdingRate: 0.25, backorderCostRatio: 9, periodDays: 7 });
    expect(weekly.holdingCostPerUnitPeriod).toBeCloseTo(7 * daily.holdingCostPerUnitPeriod, 12);
    // A free unit still costs room, as the planner holds it.
    expect(planningCosts({ unitCost: 0, unitPrice: 0, orderingCost: 1, holdingRate: 0.25, backorderCostRatio: 9, periodDays: 1 }).holdingCostPerUnitPeriod).toBeCloseTo(0.25 / 365, 12);
  });
});
