import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ForecastJob, ForecastOutcome } from '../src/app/planning/forecast-job.js';
import { listReplenishment } from '../src/app/planning/list-replenishment.js';
import { runForecasts, type ForecastComputer } from '../src/app/planning/run-forecasts.js';
import { naive } from '../src/domain/forecast/index.js';
import { openStore } from '../src/storage/open-store.js';
import { createForecastPool } from '../src/worker/forecast-pool.js';
import { QUICK, report } from './machine.js';
import { seededRandom } from './seed-catalogue.js';

const ITEMS = QUICK ? 1_000 : 10_000;
const DAYS = 730;
const GOAL_SECONDS = 60;

/**
 * Forecasting and planning every item of a 10,000-item catalogue with two years of daily demand
 * (SQLite): read each item's history, choose and fit a method by back-test in worker threads (one
 * per core), store the forecasts, then plan all items against their stock. Baseline: the same
 * run with the naive method in the calling thread (reading, writing and planning cost the same;
 * the difference is the forecasting). Also reports the longest event-loop block, which the pool
 * keeps short so an API in the same process stays responsive.
 */
async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'restock-bench-forecast-'));
  const store = await openStore({ sqlitePath: join(dir, 'restock.db') });
  try {
    const seeded = await seed(store);
    const pool = createForecastPool();
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const cpu = process.cpuUsage();
    const full = await timed(() => planAll(store, pool.compute));
    const used = process.cpuUsage(cpu);
    delay.disable();
    await pool.close();
    // Second, so its reads find the caches the first run warmed: the ratio errs against the pool.
    const naiveRun = await timed(() => planAll(store, naiveComputer));
    const seconds = full.ms / 1000;
    report({
      name: 'forecast-10k',
      value: Number(seconds.toFixed(1)),
      unit: 's',
      baseline: Number((naiveRun.ms / 1000).toFixed(1)),
      ratio: Number((full.ms / naiveRun.ms).toFixed(1)),
      params: { items: ITEMS, historyDays: DAYS, demandRows: seeded.rows, workers: pool.size, quick: QUICK },
      goal: `< ${GOAL_SECONDS} s for 10,000 items`,
      met: QUICK ? null : seconds < GOAL_SECONDS,
      extra: {
        methods: full.result.methods,
        suggestions: full.result.suggestions,
        longestEventLoopBlockMs: Math.round(delay.max / 1e6),
        // CPU of every thread of the process: what the run costs when the machine is not shared.
        cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(1)),
        loadAverage: loadavg().map((l) => Number(l.toFixed(1))),
        forecastSeconds: Number((full.result.forecastMs / 1000).toFixed(1)),
        planSeconds: Number((full.result.planMs / 1000).toFixed(1)),
      },
    });
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

type BenchStore = Awaited<ReturnType<typeof openStore>>;

/** Forecast every item, then plan every item: what the nightly run does. */
async function planAll(store: BenchStore, compute: ForecastComputer) {
  const started = performance.now();
  const forecasts = await runForecasts(store, { compute });
  if (!forecasts.ok) throw new Error(forecasts.message);
  const planned = performance.now();
  const plans = await listReplenishment(store, { all: true, limit: ITEMS });
  if (!plans.ok) throw new Error(plans.message);
  if (plans.value.items.length !== ITEMS || plans.value.problems.length > 0) throw new Error(`planned ${plans.value.items.length} of ${ITEMS}`);
  return {
    methods: forecasts.value.methods,
    suggestions: plans.value.total - plans.value.items.filter((i) => i.suggestedQuantity === 0).length,
    forecastMs: planned - started,
    planMs: performance.now() - planned,
  };
}

/** The baseline's forecasts: naive (last value), with the same outcome shape. */
const naiveComputer: ForecastComputer = async (jobs: readonly ForecastJob[]) =>
  jobs.map((job): ForecastOutcome => {
    const forecast = naive(job.series, { horizon: job.horizon, quantileLevels: [0.5, 0.9], seasonLength: job.seasonLength });
    return {
      itemId: job.itemId, method: 'naive', demandClass: 'none', adi: null, cv2: 0, mean: forecast.mean, quantiles: forecast.quantiles,
      dispersion: 1, levelUncertainty: 0, backtestLoss: 0, scores: [], leadTimeRmse: null, leadTimeOrigins: 0,
    };
  });

/**
 * Items with a mix of demand: a third slow and intermittent (a sale every few days to weeks),
 * a third steady (one to five a day), a third fast with a weekly pattern; two years of daily
 * history as imported demand rows (days without demand have no row).
 */
async function seed(store: BenchStore): Promise<{ rows: number }> {
  const random = seededRandom(10_000);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const db = store.db;
  const [location] = await db.insertInto('locations').values({ code: 'MAIN', name: 'Main', priority: 0, active: 1, created_at: now.toISOString() }).returning('id').execute();
  let rows = 0;
  for (let start = 0; start < ITEMS; start += 500) {
    const count = Math.min(500, ITEMS - start);
    const items = await db
      .insertInto('items')
      .values(Array.from({ length: count }, (_, i) => ({
        sku: `SKU-${String(start + i).padStart(6, '0')}`, name: `Item ${start + i}`, unit_price: 1000, unit_cost: 600, backorder_policy: 'allow',
        backorder_limit: null, low_stock_threshold: 0, lead_time_days: 7 + ((start + i) % 4) * 7, substitutes: '[]', discontinued: 0,
        created_at: '2020-01-01T00:00:00.000Z', updated_at: '2020-01-01T00:00:00.000Z',
      })))
      .returning('id')
      .execute();
    const history: { item_id: number; location_id: null; day: string; quantity: number; imported_at: string }[] = [];
    for (const [index, item] of items.entries()) {
      const kind = (start + index) % 3;
      const rate = kind === 0 ? 0.02 + random() * 0.2 : kind === 1 ? 1 + random() * 4 : 10 + random() * 40;
      for (let d = DAYS; d >= 1; d--) {
        const day = new Date(Date.parse(`${today}T00:00:00Z`) - d * 86_400_000);
        const weekly = kind === 2 ? (day.getUTCDay() === 0 || day.getUTCDay() === 6 ? 1.6 : 0.8) : 1;
        const quantity = kind === 0 ? (random() < rate ? 1 + Math.floor(random() * 3) : 0) : poisson(rate * weekly, random);
        if (quantity > 0) history.push({ item_id: item.id, location_id: null, day: day.toISOString().slice(0, 10), quantity, imported_at: now.toISOString() });
      }
      if (random() < 0.5) await db.insertInto('stock_levels').values({ item_id: item.id, location_id: location!.id, on_hand: Math.floor(random() * 200), allocated: 0 }).execute();
    }
    await store.transaction(async (tx) => {
      for (let i = 0; i < history.length; i += 5000) {
        await tx.planning.upsertDemandHistory(history.slice(i, i + 5000).map((r) => ({ itemId: r.item_id, locationId: null, day: r.day, quantity: r.quantity })));
      }
    });
    rows += history.length;
  }
  return { rows };
}

function poisson(mean: number, random: () => number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * gaussian(random)));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = random();
  while (p > limit) {
    k++;
    p *= random();
  }
  return k;
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

await main();
