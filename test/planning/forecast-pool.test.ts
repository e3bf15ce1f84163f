import { afterAll, describe, expect, it } from 'vitest';
import { computeForecast, type ForecastJob } from '../../src/app/planning/forecast-job.js';
import { computeInThread } from '../../src/app/planning/run-forecasts.js';
import { createForecastPool } from '../../src/worker/forecast-pool.js';
import { syntheticDemand } from './planning-fixtures.js';

describe('forecast worker pool', () => {
  const pool = createForecastPool({ size: 2 });
  afterAll(() => pool.close());

  const jobs: ForecastJob[] = Array.from({ length: 120 }, (_, index) => ({
    itemId: index + 1,
    series: syntheticDemand(200 + (index % 5) * 60, [0.05, 0.4, 2, 9][index % 4] as number, index + 1),
    horizon: 28,
    seasonLength: 7,
    protectionSteps: 7 + (index % 3) * 7,
  }));

  it('returns exactly the forecasts the calling thread computes, in order', async () => {
    const inThread = await computeInThread(jobs);
    const pooled = await pool.compute(jobs);
    expect(pooled).toEqual(inThread);
    expect(pooled.map((o) => o.itemId)).toEqual(jobs.map((j) => j.itemId));
  });

  it('serves concurrent callers and an empty batch', async () => {
    const [a, b, none] = await Promise.all([pool.compute(jobs.slice(0, 30)), pool.compute(jobs.slice(30, 45)), pool.compute([])]);
    expect(a).toEqual(jobs.slice(0, 30).map(computeForecast));
    expect(b).toEqual(jobs.slice(30, 45).map(computeForecast));
    expect(none).toEqual([]);
  });

  it('refuses work once closed', async () => {
    const other = createForecastPool({ size: 1 });
    await other.close();
    await expect(other.compute(jobs.slice(0, 1))).rejects.toThrow(/closed/);
  });
});
