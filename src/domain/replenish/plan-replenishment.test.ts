import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planReplenishment } from './plan-replenishment.js';
import type { ReplenishmentInput, ReplenishmentPlan } from './replenishment-plan.js';
import type { Result } from './result.js';
import { servicePerformance } from './service-performance.js';

const base: ReplenishmentInput = {
  meanDemandPerDay: 10,
  sdDemandPerDay: 3,
  leadTimeDays: 9,
  service: { kind: 'cycle-service-level', target: 0.95 },
  policy: { kind: 'eoq' },
  costs: { orderingCost: 50, holdingCostPerUnitDay: 0.02 },
  onHand: 60,
  incoming: 0,
  allocated: 5,
  backordered: 0,
  minimumOrderQuantity: 100,
  packSize: 12,
};

function planOf(result: Result<ReplenishmentPlan>): ReplenishmentPlan {
  if (!result.ok) throw new Error(`${result.field}: ${result.message}`);
  return result.value;
}

describe('planReplenishment', () => {
  it('plans (s, nQ) with EOQ lots for a cycle service level, rounded to packs', () => {
    const plan = planOf(planReplenishment(base));
    // μ_L = 90, σ_L = 3·√9 = 9, k = 1.645 → s = 104.8 → 105; Q = √(2·10·50/0.02) = 223.6 → 224.
    expect(plan).toMatchObject({
      policy: 'eoq',
      lotSize: 224,
      reorderPoint: 105,
      orderUpToLevel: null,
      inventoryPosition: 55,
      requiredQuantity: 224,
      suggestedQuantity: 228,
      leadTimeDemand: { mean: 90, sd: 9 },
      urgency: { daysUntilStockout: 5.5, stockoutWithinLeadTime: true },
    });
    expect(plan.safetyStock).toBe(15);
    expect(plan.serviceFactor).toBeCloseTo(1.6449, 4);
    expect(plan.explanation.join('\n')).toContain('k = Φ⁻¹(0.95) = 1.64');
    // Costs are minor units (cents), shown as money in major units.
    expect(plan.explanation.join('\n')).toContain('Lot size by EOQ √(2 × 10/day × 0.50 per order / 0.0002 per unit-day) = 224 units.');
    expect(plan.explanation.join('\n')).toContain('Inventory position = on hand 60 + incoming 0 − allocated 5 − backordered 0 = 55');
    expect(plan.explanation.join('\n')).toContain('Rounded up to whole packs of 12');
  });

  it('orders nothing above the reorder point', () => {
    const plan = planOf(planReplenishment({ ...base, incoming: 224 }));
    expect(plan.suggestedQuantity).toBe(0);
    expect(plan.explanation.join(' ')).toContain('no order is due');
  });

  it('plans order-up-to over review period plus lead time', () => {
    const plan = planOf(
      planReplenishment({
        ...base,
        meanDemandPerDay: 20,
        sdDemandPerDay: 5,
        leadTimeDays: 5,
        service: { kind: 'cycle-service-level', target: 0.9 },
        policy: { kind: 'order-up-to', reviewPeriodDays: 7 },
        costs: undefined,
        onHand: 100,
        allocated: 0,
        minimumOrderQuantity: 0,
        packSize: 1,
      }),
    );
    // μ = 20·12 = 240, σ = 5·√12 = 17.32, S = 240 + 1.2816·17.32 = 262.2 → 263.
    expect(plan).toMatchObject({ reorderPoint: 263, orderUpToLevel: 263, requiredQuantity: 163, lotSize: null });
  });

  it('plans min/max with max = min + EOQ', () => {
    const plan = planOf(planReplenishment({ ...base, policy: { kind: 'min-max' }, minimumOrderQuantity: 0, packSize: 1 }));
    expect(plan).toMatchObject({ reorderPoint: 105, orderUpToLevel: 329, requiredQuantity: 274, suggestedQuantity: 274 });
  });

  it('takes the reorder point from forecast quantiles', () => {
    const { sdDemandPerDay: _omitted, ...withoutSd } = base;
    const plan = planOf(
      planReplenishment({
        ...withoutSd,
        leadTimeDays: 10,
        leadTimeQuantiles: [
          { probability: 0.5, quantity: 100 },
          { probability: 0.9, quantity: 130 },
          { probability: 0.99, quantity: 160 },
        ],
      }),
    );
    // 130 + 30 × (0.05 / 0.09) = 146.67 → 147; safety stock 147 − 100.
    expect(plan).toMatchObject({ reorderPoint: 147, safetyStock: 47, serviceFactor: null, leadTimeDemand: { sd: null } });
  });

  it('plans EOQ with planned backorders like Hillier & Lieberman, lowering the reorder point by the planned shortage', () => {
    const hillier: ReplenishmentInput = {
      ...base,
      meanDemandPerDay: 8000,
      sdDemandPerDay: 0,
      leadTimeDays: 0,
      policy: { kind: 'eoq-planned-backorders' },
      costs: { orderingCost: 12000, holdingCostPerUnitDay: 0.3, backorderCostPerUnitDay: 1.1 },
      onHand: 0,
      allocated: 0,
      backordered: 6000,
      minimumOrderQuantity: 0,
      packSize: 1,
    };
    const plan = planOf(planReplenishment(hillier));
    expect(plan).toMatchObject({ lotSize: 28540, reorderPoint: -6116, plannedShortage: 6116, suggestedQuantity: 0 });
    // The figures shown add up: reorder point = lead-time demand + safety stock − planned shortage.
    expect(plan.leadTimeDemand.mean + plan.safetyStock - plan.plannedShortage).toBe(plan.reorderPoint);
    expect(planOf(planReplenishment({ ...hillier, backordered: 6116 }))).toMatchObject({ suggestedQuantity: 28540 });
  });

  it('meets a fill-rate target: the whole-unit reorder point delivers at least the target', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.5, max: 0.999, noNaN: true }),
        fc.double({ min: 1, max: 50, noNaN: true }),
        fc.double({ min: 0.5, max: 20, noNaN: true }),
        fc.integer({ min: 1, max: 30 }),
        (target, mean, sd, leadTimeDays) => {
          const plan = planOf(
            planReplenishment({ ...base, meanDemandPerDay: mean, sdDemandPerDay: sd, leadTimeDays, service: { kind: 'fill-rate', target } }),
          );
          const demand = { mean: plan.leadTimeDemand.mean, sd: plan.leadTimeDemand.sd ?? 0 };
          const delivered = servicePerformance(demand, plan.reorderPoint, plan.lotSize ?? 0);
          expect(delivered.ok && delivered.value.fillRate).toBeGreaterThanOrEqual(target - 1e-9);
        },
      ),
    );
  });

  it('suggests whole packs ≥ MOQ that lift the position above the reorder point', () => {
    fc.assert(
      fc.property(
        fc.record({
          onHand: fc.integer({ min: 0, max: 500 }),
          incoming: fc.integer({ min: 0, max: 500 }),
          allocated: fc.integer({ min: 0, max: 500 }),
          backordered: fc.integer({ min: 0, max: 500 }),
          minimumOrderQuantity: fc.integer({ min: 0, max: 400 }),
          packSize: fc.integer({ min: 1, max: 48 }),
        }),
        fc.constantFrom('eoq', 'min-max', 'eoq-planned-backorders') ,
        (stock, kind) => {
          const input: ReplenishmentInput = {
            ...base,
            ...stock,
            policy: { kind },
            costs: { orderingCost: 50, holdingCostPerUnitDay: 0.02, backorderCostPerUnitDay: 0.5 },
          };
          const plan = planOf(planReplenishment(input));
          if (plan.suggestedQuantity === 0) expect(plan.inventoryPosition).toBeGreaterThan(plan.reorderPoint);
          expect(plan.leadTimeDemand.mean + plan.safetyStock - plan.plannedShortage).toBeCloseTo(plan.reorderPoint, 6);
          if (kind !== 'eoq-planned-backorders') expect(plan.plannedShortage).toBe(0);
          if (plan.suggestedQuantity === 0) return;
          expect(plan.suggestedQuantity % stock.packSize).toBe(0);
          expect(plan.suggestedQuantity).toBeGreaterThanOrEqual(stock.minimumOrderQuantity);
          expect(plan.suggestedQuantity).toBeGreaterThanOrEqual(plan.requiredQuantity);
          expect(plan.inventoryPosition + plan.suggestedQuantity).toBeGreaterThan(plan.reorderPoint);
        },
      ),
    );
  });

  it.each<[string, Partial<ReplenishmentInput>, string]>([
    ['a service target of 1', { service: { kind: 'fill-rate', target: 1 } }, 'service.target'],
    ['a service target of 0', { service: { kind: 'cycle-service-level', target: 0 } }, 'service.target'],
    ['a negative lead time', { leadTimeDays: -2 }, 'leadTimeDays'],
    ['negative demand', { meanDemandPerDay: -1 }, 'meanDemandPerDay'],
    ['fractional stock', { onHand: 1.5 }, 'onHand'],
    ['a zero pack size', { packSize: 0 }, 'packSize'],
    ['missing costs for EOQ', { costs: undefined }, 'costs'],
    ['a zero holding cost', { costs: { orderingCost: 5, holdingCostPerUnitDay: 0 } }, 'costs.holdingCostPerUnitDay'],
    ['planned backorders without a backorder cost', { policy: { kind: 'eoq-planned-backorders' } }, 'costs.backorderCostPerUnitDay'],
    ['a zero review period', { policy: { kind: 'order-up-to', reviewPeriodDays: 0 } }, 'policy.reviewPeriodDays'],
    ['no demand spread at all', { sdDemandPerDay: undefined }, 'sdDemandPerDay'],
    ['both σ and quantiles', { leadTimeQuantiles: [{ probability: 0.5, quantity: 1 }] }, 'leadTimeQuantiles'],
    [
      'quantiles with a fill-rate target but not the level that meets it',
      { sdDemandPerDay: undefined, leadTimeQuantiles: [{ probability: 0.5, quantity: 1 }], service: { kind: 'fill-rate', target: 0.9 } },
      'fillRateReorderPoint',
    ],
    [
      'quantiles that do not reach the target',
      { sdDemandPerDay: undefined, leadTimeQuantiles: [{ probability: 0.5, quantity: 1 }] },
      'leadTimeQuantiles',
    ],
  ])('rejects %s, naming the field', (_label, change, field) => {
    expect(planReplenishment({ ...base, ...change })).toMatchObject({ ok: false, code: 'VALIDATION_FAILED', field });
  });

  it('rejects an unknown policy or service kind from an untyped caller', () => {
    const policy = JSON.parse('{"kind":"just-in-time"}') as ReplenishmentInput['policy'];
    expect(planReplenishment({ ...base, policy })).toMatchObject({ ok: false, field: 'policy.kind' });
    const service = JSON.parse('{"kind":"happiness","target":0.9}') as ReplenishmentInput['service'];
    expect(planReplenishment({ ...base, service })).toMatchObject({ ok: false, field: 'service.kind' });
  });
});
