import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dbOf } from '../../support/db-snapshot.js';
import { createTestDatabase, type DialectName } from '../../support/stores.js';
import { runCheck } from './built-cli.js';
import { apiClient } from './http-client.js';
import { Journal, runMixedLoad, seedLoadCatalogue, seededRandom } from './mixed-load.js';
import { startServed } from './served.js';
import { journalFindings } from './verify-journal.js';

export interface SoakOptions {
  readonly durationMs: number;
  readonly workers: number;
  readonly dialect: DialectName;
  /** How often the server's resident memory is sampled. */
  readonly sampleMs?: number;
  readonly seed?: number;
  /** Progress lines for people (stderr in the script). */
  readonly log?: (line: string) => void;
}

export interface SoakReport {
  readonly dialect: DialectName;
  readonly seed: number;
  readonly durationS: number;
  readonly requests: number;
  readonly requestsPerSecond: number;
  /** 5xx answers, answers the load never expects, and requests that got no answer. */
  readonly errors: number;
  readonly errorSamples: readonly string[];
  /** `restock check` violations plus acknowledged effects missing from the database. */
  readonly violations: number;
  readonly violationSamples: readonly unknown[];
  readonly rssMb: {
    readonly start: number;
    readonly peak: number;
    readonly end: number;
    readonly samples: number;
    /** Median of the middle third of the run and of the last third. */
    readonly middleMedian: number;
    readonly finalMedian: number;
    /** The last third's median is within max(16 MB, 15 %) of the middle third's: no growth without bound. */
    readonly bounded: boolean;
  };
  readonly statuses: Readonly<Record<string, unknown>>;
}

/**
 * A bounded soak: a real `restock serve` over a fresh database under mixed load for a while, its
 * RSS sampled all along; at the end every acknowledged effect is checked and `restock check` run.
 */
export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? Date.now() % 1_000_000;
  const database = await createTestDatabase(options.dialect);
  const adminKey = `rk_soak_${randomBytes(16).toString('hex')}`;
  // One key makes every request: the per-key rate limit is not what a soak measures.
  const served = await startServed({ ...database.env, RESTOCK_ADMIN_KEY: adminKey, RESTOCK_RATE_LIMIT: 'off' });
  try {
    const client = apiClient(served.url, adminKey);
    const catalogue = await seedLoadCatalogue(client, 'SK');
    const pid = served.child.pid as number;
    const samples: number[] = [rssMb(pid)];
    const sampler = setInterval(() => {
      samples.push(rssMb(pid));
      log(`rss ${samples.at(-1)} MB`);
    }, options.sampleMs ?? 2_000);
    const journal = new Journal(`soak-${seed}`);
    const started = Date.now();
    const load = runMixedLoad(client, catalogue, journal, { workers: options.workers, random: seededRandom(seed) });
    const progress = setInterval(() => log(`${Math.round((Date.now() - started) / 1000)} s: ${journal.requests} requests, ${journal.unexpected.length + journal.lost} errors`), 10_000);
    await new Promise((r) => setTimeout(r, options.durationMs));
    await load.stop();
    const elapsed = (Date.now() - started) / 1000;
    clearInterval(progress);
    clearInterval(sampler);
    samples.push(rssMb(pid));

    const store = await database.open();
    const findings = await journalFindings(dbOf(store), journal).finally(() => store.close());
    const check = await runCheck(database.env);
    const third = Math.max(1, Math.floor(samples.length / 3));
    const middleMedian = median(samples.slice(third, 2 * third));
    const finalMedian = median(samples.slice(-third));
    return {
      dialect: options.dialect,
      seed,
      durationS: Math.round(elapsed),
      requests: journal.requests,
      requestsPerSecond: Math.round(journal.requests / elapsed),
      errors: journal.unexpected.length + journal.lost,
      errorSamples: journal.unexpected.slice(0, 5),
      violations: check.violations.length + findings.length + (check.code === 0 ? 0 : 1),
      violationSamples: [...check.violations, ...findings].slice(0, 5),
      rssMb: {
        start: samples[0] ?? 0,
        peak: Math.max(...samples),
        end: samples.at(-1) ?? 0,
        samples: samples.length,
        middleMedian,
        finalMedian,
        bounded: finalMedian <= middleMedian + Math.max(16, middleMedian * 0.15),
      },
      statuses: journal.summary()['statuses'] as Record<string, unknown>,
    };
  } finally {
    await served.stop();
    await database.drop();
  }
}

/** Resident memory of a process in MB (Linux /proc; `ps` elsewhere). */
function rssMb(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    if (Number.isFinite(kb)) return Math.round(kb / 1024);
  } catch {
    // not Linux
  }
  return Math.round(Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim()) / 1024);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length === 0 ? 0 : (sorted[Math.floor((sorted.length - 1) / 2)] as number);
}
