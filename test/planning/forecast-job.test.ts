import { describe, expect, it } from 'vitest';
import { computeForecast } from '../../src/app/planning/forecast-job.js';
import { syntheticDemand } from './planning-fixtures.js';

describe('one item forecast job', () => {
  it('back-tests the lead-time sum of an item with just two years of weeks (its season turns on at two years)', () => {
    // 730 days of history make 104 weeks: a 52-week season, and no room for origins that see two seasons.
    const outcome = computeForecast({ itemId: 1, series: syntheticDemand(104, 9, 7), horizon: 8, seasonLength: 52, protectionSteps: 2 });
    expect(outcome.leadTimeOrigins).toBe(4);
    expect(outcome.leadTimeRmse).toBeGreaterThan(0);
  });

  it('has no lead-time error without enough history before any origin', () => {
    const outcome = computeForecast({ itemId: 1, series: syntheticDemand(9, 2, 3), horizon: 4, seasonLength: 1, protectionSteps: 4 });
    expect(outcome).toMatchObject({ leadTimeRmse: null, leadTimeOrigins: 0 });
  });
});
