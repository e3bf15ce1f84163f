import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/**
 * Builds of this checkout only: git worktrees beside it often share its node_modules (a symlink),
 * and one tree's newer build must never be run as another's.
 */
const BUILDS = join(ROOT, 'node_modules/.cache/restock-test-build', createHash('sha256').update(ROOT).digest('hex').slice(0, 12));
const LOCK = join(BUILDS, '.lock');
const COMPLETE = '.complete';
const BIN_IN_BUILD = 'src/cli/main.js';

/**
 * The `restock` binary under test: the same `tsc -p tsconfig.json` as `npm run build` (the
 * dashboard is not involved), written once into a directory of its own and never touched again,
 * so neither a build someone runs meanwhile into dist/ nor another test file's rebuild swaps
 * files under a running test, and a server restarted by a crash test runs the same code as
 * before its kill. Rebuilt only when a source file is newer; test files running in parallel
 * share one build, made by whichever takes the lock.
 */
export async function isolatedBuild(): Promise<string> {
  mkdirSync(BUILDS, { recursive: true });
  for (;;) {
    const fresh = freshBuild();
    if (fresh) return join(fresh, BIN_IN_BUILD);
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
  const newest = completeBuilds().at(-1);
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
  for (const old of completeBuilds().slice(0, -2)) {
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
