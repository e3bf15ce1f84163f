import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Every benchmark, by name; each is a script printing one JSON line per figure. */
const BENCHMARKS: readonly string[] = [
  'place-inprocess-sqlite',
  'place-inprocess-postgres',
  'place-http',
  'hot-sku-postgres',
  'restock-fill',
  'cancel-item-backorders',
  'queue-page',
  'demand-import',
  'eta-recompute',
  'webhook-throughput',
  'forecast-10k',
  'simulate-10y',
  'kpis-1m',
  'kpis-50k-items',
  'dashboard',
];

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const wanted = args.filter((a) => !a.startsWith('--'));
const selected = wanted.length > 0 ? wanted : BENCHMARKS;
let failed = 0;
for (const name of selected) {
  const script = join(here, `${name}.js`);
  if (!BENCHMARKS.includes(name)) {
    process.stderr.write(`unknown benchmark ${name}; known: ${BENCHMARKS.join(', ')}\n`);
    failed += 1;
    continue;
  }
  if (!existsSync(script)) {
    process.stderr.write(`skipping ${name}: not built yet (${script})\n`);
    continue;
  }
  const run = spawnSync(process.execPath, ['--expose-gc', script, ...(quick ? ['--quick'] : [])], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 15 * 60_000 });
  if (run.status !== 0) {
    process.stderr.write(`${name} failed with exit code ${run.status}\n`);
    failed += 1;
  }
}
process.exit(failed > 0 ? 1 : 0);
