import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
/**
 * Builds under test: the same `tsc -p tsconfig.json` as `npm run build` (the dashboard is not
 * involved), each written once into a directory of its own and never touched again, so neither
 * a build someone runs meanwhile into dist/ nor a later test file's rebuild swaps files under a
 * running test. A build's layout mirrors dist/: its `src/cli/main.js` is the package's `bin`.
 */
const BUILDS = join(ROOT, 'node_modules/.cache/restock-cli-test');
const LOCK = join(BUILDS, '.lock');
const COMPLETE = '.complete';
export const BIN_IN_BUILD = 'src/cli/main.js';
let bin: string | undefined;

/**
 * Makes sure a build at least as new as every source file exists (building one if not) and
 * points `restock` at it. Test files run in parallel, so a lock makes one build while others wait.
 */
export async function ensureBuilt(): Promise<void> {
  mkdirSync(BUILDS, { recursive: true });
  for (;;) {
    const fresh = freshBuild();
    if (fresh) {
      bin = join(fresh, BIN_IN_BUILD);
      return;
    }
    try {
      mkdirSync(LOCK);
    } catch {
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true, force: true });
      await new Promise((r) => setTimeout(r, 500));
      continue;
    }
    try {
      if (!freshBuild()) build();
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}

function build(): void {
  const out = join(BUILDS, String(Date.now()));
  const result = spawnSync('npx', ['tsc', '-p', 'tsconfig.json', '--outDir', out], { cwd: ROOT, encoding: 'utf8' });
  // Type errors still emit JavaScript; under CI they must fail the run, locally a warning will do.
  if (result.status !== 0 && (process.env['CI'] === 'true' || !existsSync(join(out, BIN_IN_BUILD)))) {
    throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
  }
  if (result.status !== 0) process.stderr.write(`warning: the build reported errors (using it anyway):\n${result.stdout}`);
  writeFileSync(join(out, COMPLETE), '');
  prune();
}

/** The newest complete build if no source file changed after it. */
function freshBuild(): string | null {
  const builds = completeBuilds();
  const newest = builds[builds.length - 1];
  if (!newest) return null;
  return statSync(join(newest, COMPLETE)).mtimeMs >= newestSource(join(ROOT, 'src')) ? newest : null;
}

function completeBuilds(): string[] {
  return readdirSync(BUILDS)
    .filter((name) => /^\d+$/.test(name) && existsSync(join(BUILDS, name, COMPLETE)))
    .sort((a, b) => Number(a) - Number(b))
    .map((name) => join(BUILDS, name));
}

/** Keeps the two newest builds and any from the last half hour (a running test may still use them). */
function prune(): void {
  const builds = completeBuilds();
  for (const old of builds.slice(0, -2)) {
    if (Date.now() - statSync(join(old, COMPLETE)).mtimeMs > 1_800_000) rmSync(old, { recursive: true, force: true });
  }
}

function newestSource(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
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
export function spawnRestock(env: Record<string, string>, args: readonly string[]): ChildProcessWithoutNullStreams {
  const base = { ...process.env };
  for (const key of ['DATABASE_URL', 'RESTOCK_SQLITE_PATH', 'PORT', 'HOST', 'RESTOCK_ADMIN_KEY']) delete base[key];
  if (!bin) throw new Error('call ensureBuilt() first (in beforeAll)');
  return spawn(process.execPath, [bin, ...args], { cwd: ROOT, env: { ...base, ...env } });
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
