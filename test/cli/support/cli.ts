import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { isolatedBuild, ROOT } from '../../support/isolated-build.js';
import { createTestDatabase, type DialectName, type TestDatabase } from '../../support/stores.js';

export { ROOT };

let bin: string | undefined;

/** Points `restock` at the isolated build of the current sources (see test/support/isolated-build.ts). */
export async function ensureBuilt(): Promise<void> {
  bin = await isolatedBuild();
}

/** A describe block's fresh database and the built binary to run against it. */
export interface CliDatabase {
  readonly database: TestDatabase;
  run(...args: string[]): Promise<CliResult>;
}

/**
 * Registers, in the calling describe block, the isolated build and a fresh test database (dropped
 * afterwards), then runs each `seed` command against it, each of which must succeed.
 */
export function cliDatabase(dialect: DialectName, seed: readonly (readonly string[])[] = []): CliDatabase {
  let database: TestDatabase | undefined;
  const current = (): TestDatabase => {
    if (!database) throw new Error('the test database is created in beforeAll');
    return database;
  };
  const run = (...args: string[]) => restock(current().env, ...args);
  beforeAll(async () => {
    await ensureBuilt();
    database = await createTestDatabase(dialect);
    for (const args of seed) succeeded(await run(...args));
  }, 300_000);
  afterAll(async () => {
    await database?.drop();
  });
  return { get database() { return current(); }, run };
}

/** The result of a run that must succeed; otherwise the test fails showing what the CLI printed. */
export function succeeded(result: CliResult): CliResult {
  if (result.code !== 0) throw new Error(`restock exited ${result.code}:\n${result.stderr}${result.stdout}`);
  return result;
}

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  json<T = unknown>(): T;
}

/** A database that is there but too busy to take a connection in time (a loaded test machine). */
const TRANSIENT = /^error UNAVAILABLE: .*(timeout exceeded when trying to connect|too many clients|Connection terminated)/;

/**
 * Runs the built `restock` binary with only the given database in its environment (the
 * developer's own DATABASE_URL or SQLite path never leak in), like a user at a terminal would,
 * except that stdout and stderr are pipes. A run the CLI rightly refused with exit 3 because the
 * database could not take a connection in time is run again: these tests are about the CLI, not
 * about how loaded the machine running them is.
 */
export async function restock(env: Record<string, string>, ...args: string[]): Promise<CliResult> {
  for (let attempt = 1; ; attempt += 1) {
    const result = await runOnce(env, args);
    if (result.code !== 3 || !TRANSIENT.test(result.stderr) || attempt === 3) return result;
    process.stderr.write(`restock ${args.join(' ')}: ${result.stderr.trim()} (running it again)\n`);
  }
}

/** Starts the built binary with only the given database in its environment; the caller waits for it. */
export function spawnRestock(env: Record<string, string>, args: readonly string[], cwd: string = ROOT): ChildProcessWithoutNullStreams {
  const base = { ...process.env };
  for (const key of ['DATABASE_URL', 'RESTOCK_SQLITE_PATH', 'PORT', 'HOST', 'RESTOCK_ADMIN_KEY']) delete base[key];
  if (!bin) throw new Error('call ensureBuilt() first (in beforeAll)');
  return spawn(process.execPath, [bin, ...args], { cwd, env: { ...base, ...env } });
}

function runOnce(env: Record<string, string>, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnRestock(env, args);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) =>
      resolvePromise({
        code: code ?? -1,
        stdout,
        stderr,
        json: <T>() => JSON.parse(stdout) as T,
      }),
    );
  });
}
