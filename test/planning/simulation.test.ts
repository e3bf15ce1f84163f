import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliDatabase, succeeded } from '../cli/support/cli.js';
import { dumpDatabase, expectError, json, startApi, type ApiHarness } from '../http/support.js';
import { seedLink, seedSupplier } from '../purchasing/purchasing-fixtures.js';
import { receive, seedItem, seedLocation } from '../support/fixtures.js';
import { DIALECTS } from '../support/stores.js';
import { dayBefore, PlanningClock, syntheticDemand } from './planning-fixtures.js';

interface Outcome {
  readonly name: string;
  readonly policy: { readonly kind: string; readonly reviewPeriod?: number; readonly minimumOrderQuantity?: number; readonly packSize?: number };
  readonly orders: number;
  readonly cost: { readonly holding: number; readonly ordering: number; readonly total: number };
  readonly trajectory: { readonly ordered: number[] } | null;
}
interface View {
  readonly periods: number;
  readonly periodDays: number;
  readonly leadTime: number;
  readonly costs: { readonly orderingCost: number; readonly holdingCostPerUnitPeriod: number; readonly backorderCostPerUnitPeriod: number; readonly lostSaleCostPerUnit: number; readonly basis: string[] };
  readonly warnings: string[];
  readonly results: Outcome[];
}

/** Simulating the current plan as the planner would order it: supplier terms, the planner's costs, days turned into periods (SPEC §7). */
for (const dialect of DIALECTS) {
  describe(`simulating the current plan on ${dialect}`, { timeout: 120_000 }, () => {
    let api: ApiHarness;
    const simulate = (payload: unknown) => api.call('admin', { method: 'POST', url: '/api/v1/simulations', payload: payload as object });

    beforeEach(async () => {
      api = await startApi(dialect, { clock: new PlanningClock().now });
      await seedLocation(api.store, 'MAIN');
      // Lead time 10 days, unit cost 1.50, price 2.99; the supplier sells at least 30, in packs of 12.
      await seedItem(api.store, 'PACK', { leadTimeDays: 10, unitCost: 150, unitPrice: 299 });
      await seedSupplier(api.store, 'ACME', { leadTimeDays: 10 });
      await seedLink(api.store, 'PACK', 'ACME', { preferred: true, moq: 30, packSize: 12, unitCost: 150 });
      await receive(api.store, 'PACK', 'MAIN', 5);
      const csv = ['sku,date,quantity', ...syntheticDemand(180, 2, 5).map((q, i) => `PACK,${dayBefore('2026-03-02', 180 - i)},${q}`)].join('\n');
      json(await api.call('admin', { method: 'POST', url: '/api/v1/demand/import', payload: csv, headers: { 'content-type': 'text/csv' } }), 200);
    });

    afterEach(async () => {
      await api.close();
    });

    it("orders the current plan's quantities in whole packs of at least the supplier's MOQ", async () => {
      const view = json<View>(await simulate({ sku: 'PACK', policies: [{ kind: 'current' }, { kind: 'R-S', reviewPeriod: 1, orderUpTo: 30, packSize: 12, minimumOrderQuantity: 30 }] }), 200);
      const [current, explicit] = view.results;
      expect(current?.policy).toMatchObject({ kind: 'R-S', reviewPeriod: 7, minimumOrderQuantity: 30, packSize: 12 });
      for (const outcome of [current, explicit]) {
        const placed = (outcome?.trajectory?.ordered ?? []).filter((q) => q > 0);
        expect(placed.length).toBe(outcome?.orders);
        expect(placed.length).toBeGreaterThan(0);
        for (const quantity of placed) {
          expect(quantity).toBeGreaterThanOrEqual(30);
          expect(quantity % 12).toBe(0);
        }
      }
      // Terms given on the current plan override the supplier's.
      const loose = json<View>(await simulate({ sku: 'PACK', policies: [{ kind: 'current', packSize: 1, minimumOrderQuantity: 0 }] }), 200);
      expect(loose.results[0]?.policy).toMatchObject({ minimumOrderQuantity: 0, packSize: 1 });
    });

    it("prices a run with the planner's costs unless given, and says which were used", async () => {
      const view = json<View>(await simulate({ sku: 'PACK', policies: [{ kind: 'current' }] }), 200);
      expect(view.costs).toMatchObject({ orderingCost: 5000, lostSaleCostPerUnit: 299 });
      expect(view.costs.holdingCostPerUnitPeriod).toBeCloseTo((150 * 0.25) / 365, 12);
      expect(view.costs.backorderCostPerUnitPeriod).toBeCloseTo((9 * 150 * 0.25) / 365, 12);
      expect(view.costs.basis.join('; ')).toMatch(/ordering 50\.00 per order: the planning settings' orderingCost; holding 0\.001027 per unit-day: 25% a year \(holdingRate\) of the unit cost 1\.50/);
      const [current] = view.results;
      expect(current?.cost.ordering).toBe((current?.orders ?? 0) * 5000);
      expect(current?.cost.total).toBeGreaterThan(0);
      const given = json<View>(await simulate({ sku: 'PACK', policies: [{ kind: 'current' }], costs: { orderingCost: 100 }, settings: { holdingRate: 0.5 } }), 200);
      expect(given.costs.orderingCost).toBe(100);
      expect(given.costs.holdingCostPerUnitPeriod).toBeCloseTo((150 * 0.5) / 365, 12);
      expect(given.costs.basis[0]).toBe('orderingCost 1.00: given');
      // An item without a unit cost is held at the least cost there is, and the note says so instead of calling it the item's.
      await seedItem(api.store, 'FREEBIE', { leadTimeDays: 10, unitCost: 0, unitPrice: 100 });
      const free = json<View>(await simulate({ sku: 'FREEBIE', demand: { kind: 'series', values: syntheticDemand(60, 2, 5) }, policies: [{ kind: 'current' }] }), 200);
      expect(free.costs.holdingCostPerUnitPeriod).toBeCloseTo((1 * 0.25) / 365, 12);
      expect(free.costs.basis[1]).toMatch(/of the unit cost 0\.01 \(the item has no unit cost; the least is taken, so holding stock is never free\)$/);
    });

    it('converts the lead time and review period from days to periods of the demand, warning when they do not divide', async () => {
      const weekly = syntheticDemand(16, 14, 3);
      const view = json<View>(await simulate({ sku: 'PACK', demand: { kind: 'series', values: weekly }, periodDays: 7, policies: [{ kind: 'current' }] }), 200);
      expect(view).toMatchObject({ periods: 16, periodDays: 7, leadTime: 2 });
      expect(view.results[0]?.policy).toMatchObject({ kind: 'R-S', reviewPeriod: 1 });
      expect(view.warnings).toEqual(["The item's lead time of 10 days is 1.43 periods of 7 days: simulated as 2, rounded up."]);
      expect(view.costs.holdingCostPerUnitPeriod).toBeCloseTo((7 * 150 * 0.25) / 365, 12);
      const daily = json<View>(await simulate({ sku: 'PACK', demand: { kind: 'series', values: weekly }, policies: [{ kind: 'current' }] }), 200);
      expect(daily).toMatchObject({ periodDays: 1, leadTime: 10, warnings: [] });
      // History is daily: summed into whole weeks, the oldest days that fill no week left out.
      // The history starts 180 days back (with its first demand): 25 weeks, not the year asked for.
      const history = json<View & { demand: { from: string } }>(await simulate({ sku: 'PACK', periodDays: 7, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 40 }] }), 200);
      expect(history.periods).toBe(25);
      // The warning tells the days replayed, whole weeks only, from the day the demand says.
      expect(history.warnings).toContain(`The item's demand history starts on ${history.demand.from} (its creation or first recorded demand, in whole periods): 175 days replayed, not 365.`);
      expect(history.demand.from).toBe(dayBefore('2026-03-02', 175));
    });

    it('refuses to replay the history of an item that has none yet, naming the sku and saying what to give instead', async () => {
      json(await api.call('admin', { method: 'POST', url: '/api/v1/items', payload: { sku: 'NEWCOMER', name: 'Just listed', leadTimeDays: 5 } }), 201);
      for (const [periodDays, lacks] of [[1, 'no demand history to replay yet'], [7, 'less than one period of 7 days of demand history to replay']] as const) {
        const refused = expectError(await simulate({ sku: 'NEWCOMER', periodDays, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 5 }] }), 400, 'VALIDATION_FAILED');
        expect(refused).toMatchObject({ message: expect.stringMatching(new RegExp(`^sku: NEWCOMER has ${lacks} \\(it starts on \\d{4}-\\d\\d-\\d\\d, its creation or first recorded demand\\): simulate it on demand given as values, CSV or a generated process instead$`)), details: { field: 'sku' } });
      }
      // Given values, the same item simulates with its own lead time and costs.
      expect(json<View>(await simulate({ sku: 'NEWCOMER', demand: { kind: 'series', values: [1, 0, 2] }, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 5 }] }), 200)).toMatchObject({ periods: 3, leadTime: 5 });
    });

    it('names the field of bad periods and terms, writing nothing', async () => {
      const before = await dumpDatabase(api.store);
      const base = { sku: 'PACK', demand: { kind: 'series', values: [1, 2, 3] }, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 5 }] };
      const cases: [unknown, string][] = [
        [{ ...base, periodDays: 0 }, 'periodDays'],
        [{ ...base, periodDays: 1.5 }, 'periodDays'],
        [{ ...base, policies: [{ kind: 'R-S', reviewPeriod: 1, orderUpTo: 5, packSize: 0 }] }, 'policies[0].packSize'],
        [{ ...base, policies: [{ kind: 'current', minimumOrderQuantity: -1 }] }, 'policies[0].minimumOrderQuantity'],
      ];
      for (const [payload, field] of cases) {
        const error = expectError(await simulate(payload), 400, 'VALIDATION_FAILED');
        expect({ payload, field: (error.details as { field?: string } | null)?.field }).toEqual({ payload, field });
      }
      expect(await dumpDatabase(api.store)).toEqual(before);
    });
  });
}

describe('restock simulate (SQLite)', { timeout: 300_000 }, () => {
  const { run } = cliDatabase('sqlite', [
    ['items', 'create', 'STEADY', '--name', 'Steady seller', '--unit-cost', '150', '--unit-price', '299', '--lead-time-days', '14'],
    ['suppliers', 'create', 'ACME', '--name', 'Acme', '--lead-time-days', '10'],
    ['suppliers', 'link', 'ACME', 'STEADY', '--preferred', '--moq', '30', '--pack-size', '12'],
  ]);
  const weeks = '70,72,68,71,69,70,73,67,70,70,71,69,72,68,70,71';

  it('turns days into periods of --period-days, warning when they do not divide, and prints costs as money', async () => {
    const shown = succeeded(await run('simulate', '--sku', 'STEADY', '--series', weeks, '--period-days', '7', '--policy', 'current', 'R-S:1:150'));
    expect(shown.stdout).toMatch(/^16 periods of 7 days of series demand .* lead time 2 periods/);
    expect(shown.stdout).toContain("warning: The item's lead time of 10 days is 1.43 periods of 7 days: simulated as 2, rounded up.");
    expect(shown.stdout).toMatch(/costs \(money in major units\): ordering 50\.00 per order: the planning settings' orderingCost; holding 0\.007192 per unit and period of 7 days/);
    expect(shown.stdout).toMatch(/total cost +\d+\.\d\d +\d+\.\d\d/);
    expect(shown.stdout).not.toMatch(/total cost +0\.00 +0\.00/);
    const json = succeeded(await run('--json', 'simulate', '--sku', 'STEADY', '--series', weeks, '--period-days', '7', '--moq', '100', '--pack-size', '24', '--policy', 'current', 'R-S:1:150'));
    const view = json.json<View>();
    for (const outcome of view.results) {
      expect(outcome.policy).toMatchObject({ minimumOrderQuantity: 100, packSize: 24 });
    }
    const refused = await run('simulate', '--sku', 'STEADY', '--series', weeks, '--period-days', 'weekly');
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 2, stderr: expect.stringMatching(/^error VALIDATION_FAILED: periodDays: /) });
  });
});
