import { describe, expect, it } from 'vitest';
import { computeForecast } from '../../src/app/planning/forecast-job.js';
import { syntheticDemand } from './planning-fixtures.js';

describe('one item forecast job', () => {
  it('back-tests the lead-time sum of an item with just two years of weeks (its season turns on at two years)', () => {
    // 730 days of history make 104 weeks: a 52-week season, and no room for origins that see two seasons.
    const outcome = computeForecast({ itemId: 1, series: syntheticDemand(104, 9, 7), horizon: 8, seasonLength: 52, protectionSteps: 2 });
    expect(outcome.leadTimeOrigins).toBe(20);
    expect(outcome.leadTimeRmse).toBeGreaterThan(0);
  });

  it('trusts a steady seller\'s level as far as its own lead-time back-test shows it holds', () => {
    // Two years of weeks of a steady 7-a-week seller, and one whose level swings ±70% each quarter.
    const steady = syntheticDemand(104, 7, 11);
    const swinging = steady.map((y, week) => Math.round(y * (Math.floor(week / 13) % 2 === 0 ? 0.3 : 1.7)));
    const job = { itemId: 1, horizon: 13, seasonLength: 52, protectionSteps: 3, spreadWindow: 52 };
    const calm = computeForecast({ ...job, series: steady });
    const swings = computeForecast({ ...job, series: swinging });
    expect(calm.leadTimeOrigins).toBe(20);
    // The spread alone keeps a level uncertainty for a few hundred units a year; the back-test saw the level hold.
    const unitsSeen = steady.slice(-52).reduce((sum, y) => sum + y, 0);
    expect(calm.levelUncertainty).toBeLessThan(80 / (unitsSeen + 1) / 3);
    expect(swings.levelUncertainty).toBeGreaterThan(calm.levelUncertainty * 3);
  });

  it('lets a back-test that erred less than count noise outweigh the prior instead of counting as no excess at all', () => {
    // Exactly 10 a week for two years: every lead-time sum was forecast exactly, so its level is certain.
    const outcome = computeForecast({ itemId: 1, series: new Array<number>(104).fill(10), horizon: 13, seasonLength: 52, protectionSteps: 3, spreadWindow: 52 });
    expect(outcome.leadTimeOrigins).toBe(20);
    expect(outcome.leadTimeRmse).toBe(0);
    expect(outcome.levelUncertainty).toBe(0);
  });

  it('has no lead-time error without enough history before any origin', () => {
    const outcome = computeForecast({ itemId: 1, series: syntheticDemand(9, 2, 3), horizon: 4, seasonLength: 1, protectionSteps: 4 });
    expect(outcome).toMatchObject({ leadTimeRmse: null, leadTimeOrigins: 0 });
  });
});
