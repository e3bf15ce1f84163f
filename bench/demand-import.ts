import { loadavg } from 'node:os';
import { addDays } from '../src/domain/dates.js';
import { demandRowsFromCsv } from '../src/app/planning/demand-rows.js';
import { importDemand } from '../src/app/planning/import-demand.js';
import { openStore, type StoreOptions } from '../src/storage/open-store.js';
import { onBothDialects, type BenchDialect } from './both-dialects.js';
import { QUICK, report } from './machine.js';
import { seedCatalogue } from './seed-catalogue.js';

/** Items of daily history: a million rows on SQLite, a quarter of that on PostgreSQL (whose writes take four times as long). */
const ITEMS: Record<BenchDialect, number> = QUICK ? { sqlite: 100, postgres: 100 } : { sqlite: 2_000, postgres: 500 };
const DAYS = 500;
const FIRST_DAY = '2020-01-01';
/** Live memory a row may take at the import's peak: the columns and the day totals, not objects of cells. */
const BYTES_PER_ROW_GOAL = 200;

/**
 * Imports 500 days of daily demand of `ITEMS` items (a million rows, 24 MB of CSV, on SQLite) as
 * `restock import demand` and `POST /demand/import` do: the CSV read into columns, every row
 * checked, the days summed and compared with what is stored, and written, in one transaction.
 * Figures: the time, and the live memory (heap and array buffers, after a full collection, in a
 * second run, since collecting slows it) held at the import's peak (every row checked and summed,
 * nothing written yet) above what was in use before, per row. Baseline: the same rows written alone (the history upsert, in the
 * import's chunks, one transaction) in the same run, so the ratio is what reading and checking cost.
 */
async function measure(dialect: BenchDialect, options: StoreOptions): Promise<void> {
  const store = await openStore(options);
  try {
    const skus = await seedCatalogue(store, ITEMS[dialect], 0);
    const days = Array.from({ length: DAYS }, (_, d) => addDays(FIRST_DAY, d));
    const lines = ['sku,date,quantity'];
    for (const [i, sku] of skus.entries()) for (const [d, day] of days.entries()) lines.push(`${sku},${day},${(i * 7 + d) % 5}`);
    const csv = lines.join('\n');
    lines.length = 0;
    const rows = skus.length * DAYS;

    const items = await store.db.selectFrom('items').select(['id']).orderBy('id').execute();
    const baselineStarted = performance.now();
    await store.transaction(async (tx) => {
      for (const item of items) {
        await tx.planning.upsertDemandHistory(days.map((day, d) => ({ itemId: item.id, locationId: null, day, quantity: (item.id + d) % 5 })));
      }
    });
    const baseline = performance.now() - baselineStarted;
    await store.db.deleteFrom('demand_history').execute();

    const run = async (sample?: () => void) => {
      const started = performance.now();
      const file = await demandRowsFromCsv(csv, 'file');
      if (!file.ok) throw new Error(file.message);
      sample?.();
      // The import reports progress 0 once every row is checked and summed, just before writing: its peak.
      const result = await importDemand(store, file.value, { actor: 'bench', onProgress: (done) => (done === 0 ? sample?.() : undefined) });
      if (!result.ok || result.value.created !== rows) throw new Error(`the import did not add every day: ${JSON.stringify(result).slice(0, 300)}`);
      return performance.now() - started;
    };
    const value = await run();
    await store.db.deleteFrom('demand_history').execute();
    const peak = await peakLiveMemory(run);
    const bytesPerRow = Math.round(peak.bytes / rows);
    report({
      name: `demand-import-${dialect}`,
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(baseline),
      ratio: Number((value / baseline).toFixed(2)),
      params: { items: skus.length, days: DAYS, rows, csvBytes: csv.length, quick: QUICK, baselineIs: 'the same rows written alone (history upsert, one transaction)' },
      goal: `< ${BYTES_PER_ROW_GOAL} bytes a row at the peak`,
      met: bytesPerRow < BYTES_PER_ROW_GOAL,
      extra: { rowsPerSecond: Math.round(rows / (value / 1000)), peakBytesPerRow: bytesPerRow, peakMiB: Math.round(peak.bytes / 2 ** 20), loadAverage: Number(loadavg()[0]?.toFixed(1)) },
    });
  } finally {
    await store.close();
  }
}

/**
 * Runs `work`, which calls `sample` where it holds the most: the most it held live then (heap and
 * array buffers, after a full collection) above what was in use before.
 */
async function peakLiveMemory<T>(work: (sample: () => void) => Promise<T>): Promise<{ result: T; bytes: number }> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc (npm run bench does)');
  const live = () => {
    gc();
    const memory = process.memoryUsage();
    return memory.heapUsed + memory.arrayBuffers;
  };
  const before = live();
  let most = before;
  const result = await work(() => {
    most = Math.max(most, live());
  });
  return { result, bytes: most - before };
}

await onBothDialects('demand-import', measure);
