import { describe, expect, it } from 'vitest';
import { DEFAULT_PLANNING_SETTINGS } from '../../src/app/planning/planning-settings.js';
import { planningSettingsFromEnv } from '../../src/app/planning/planning-settings-from-env.js';

/** The settings the nightly planning run uses, set by the shop in the environment at start. */
describe('nightly planning settings from the environment', () => {
  it('keeps the defaults when nothing is set, blank included', () => {
    expect(planningSettingsFromEnv({})).toEqual({ ok: true, value: DEFAULT_PLANNING_SETTINGS });
    expect(planningSettingsFromEnv({ RESTOCK_PLAN_POLICY: '', RESTOCK_PLAN_SERVICE_LEVEL: ' ' })).toEqual({ ok: true, value: DEFAULT_PLANNING_SETTINGS });
  });

  it('reads every setting', () => {
    const settings = planningSettingsFromEnv({
      RESTOCK_PLAN_SERVICE: 'cycle-service-level',
      RESTOCK_PLAN_SERVICE_LEVEL: '.98',
      RESTOCK_PLAN_POLICY: 'eoq-planned-backorders',
      RESTOCK_PLAN_REVIEW_DAYS: '14',
      RESTOCK_PLAN_LEAD_TIME_MODEL: 'normal',
      RESTOCK_PLAN_ORDERING_COST: '2500',
      RESTOCK_PLAN_HOLDING_RATE: '0.2',
      RESTOCK_PLAN_BACKORDER_COST_RATIO: '4',
    });
    expect(settings).toEqual({
      ok: true,
      value: {
        service: { kind: 'cycle-service-level', target: 0.98 }, policy: 'eoq-planned-backorders', reviewPeriodDays: 14, leadTimeModel: 'normal',
        orderingCost: 2500, holdingRate: 0.2, backorderCostRatio: 4,
      },
    });
  });

  it('refuses a bad value naming the variable, in the words a request is refused in', () => {
    expect(planningSettingsFromEnv({ RESTOCK_PLAN_SERVICE_LEVEL: '1.5' })).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      message: 'RESTOCK_PLAN_SERVICE_LEVEL: must be a number strictly between 0 and 1 (e.g. 0.95) (got "1.5")',
      details: { field: 'RESTOCK_PLAN_SERVICE_LEVEL' },
    });
    const cases: [Record<string, string>, string][] = [
      [{ RESTOCK_PLAN_SERVICE: 'always' }, 'RESTOCK_PLAN_SERVICE'],
      [{ RESTOCK_PLAN_SERVICE_LEVEL: 'high' }, 'RESTOCK_PLAN_SERVICE_LEVEL'],
      [{ RESTOCK_PLAN_POLICY: 'magic' }, 'RESTOCK_PLAN_POLICY'],
      [{ RESTOCK_PLAN_REVIEW_DAYS: '0' }, 'RESTOCK_PLAN_REVIEW_DAYS'],
      [{ RESTOCK_PLAN_REVIEW_DAYS: '1.5' }, 'RESTOCK_PLAN_REVIEW_DAYS'],
      [{ RESTOCK_PLAN_LEAD_TIME_MODEL: 'gamma' }, 'RESTOCK_PLAN_LEAD_TIME_MODEL'],
      [{ RESTOCK_PLAN_ORDERING_COST: '-1' }, 'RESTOCK_PLAN_ORDERING_COST'],
      [{ RESTOCK_PLAN_HOLDING_RATE: '1e300' }, 'RESTOCK_PLAN_HOLDING_RATE'],
      [{ RESTOCK_PLAN_BACKORDER_COST_RATIO: 'nine' }, 'RESTOCK_PLAN_BACKORDER_COST_RATIO'],
    ];
    for (const [env, variable] of cases) {
      const result = planningSettingsFromEnv(env);
      expect({ env, result }).toMatchObject({ env, result: { ok: false, code: 'VALIDATION_FAILED', message: expect.stringMatching(new RegExp(`^${variable}: .*\\(got "`)), details: { field: variable } } });
    }
  });
});
