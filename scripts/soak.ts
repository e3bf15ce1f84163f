/**
 * A bounded soak of `restock serve`: mixed load (orders with idempotency keys, receipts, counts,
 * transfers, shipments, cancellations, priority changes, reads) against a fresh database for a
 * while, the server's RSS sampled every 2 s. Ends with one JSON line (requests, errors, violations,
 * RSS start/peak/end) and exit status 1 if anything failed, any invariant broke or memory kept growing.
 *
 *   npm run soak                        5 minutes on SQLite
 *   npm run soak -- --quick             20 seconds (what CI runs, see test/reliability/soak.test.ts)
 *   npm run soak -- --duration 900 --workers 16 --dialect postgres
 *
 * PostgreSQL uses RESTOCK_TEST_POSTGRES_URL (default postgres://root@127.0.0.1:5432/test) with a
 * schema of its own, dropped afterwards; SQLite a temporary file.
 */
import { parseArgs } from 'node:util';
import { runSoak } from '../test/reliability/support/soak.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    duration: { type: 'string' },
    workers: { type: 'string', default: '8' },
    dialect: { type: 'string', default: 'sqlite' },
    seed: { type: 'string' },
  },
});
const seconds = Number(values.duration ?? (values.quick ? 20 : 300));
const workers = Number(values.workers);
if (!(seconds > 0) || !Number.isInteger(workers) || workers < 1 || (values.dialect !== 'sqlite' && values.dialect !== 'postgres')) {
  process.stderr.write('usage: npm run soak -- [--quick | --duration SECONDS] [--workers N] [--dialect sqlite|postgres] [--seed N]\n');
  process.exit(2);
}
const report = await runSoak({
  durationMs: seconds * 1000,
  workers,
  dialect: values.dialect,
  ...(values.seed ? { seed: Number(values.seed) } : {}),
  log: (line) => process.stderr.write(`${line}\n`),
});
process.stdout.write(`${JSON.stringify(report)}\n`);
process.exitCode = report.errors === 0 && report.violations === 0 && report.rssMb.bounded ? 0 : 1;
