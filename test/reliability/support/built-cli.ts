import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const BUILDS = join(ROOT, 'node_modules/.cache/restock-reliability');
const LOCK = join(BUILDS, '.lock');
const COMPLETE = '.complete';

/**
 * The `restock` binary under test: `tsc -p tsconfig.json` (what `npm run build` runs for the CLI)
 * written into a directory of its own that nothing rebuilds meanwhile, so a server restarted by a
 * crash test runs the same code as before its kill. Rebuilt only when a source file is newer.
 */
export async function builtCli(): Promise<string> {
  mkdirSync(BUILDS, { recursive: true });
  for (;;) {
    const fresh = freshBuild();
    if (fresh) return join(fresh, 'src/cli/main.js');
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
  // Type errors still emit JavaScript; under CI they fail the run, locally the emitted code is used.
  if (result.status !== 0 && (process.env['CI'] === 'true' || !existsSync(join(out, 'src/cli/main.js')))) {
    throw new Error(`build failed:\n${result.stdout}${result.stderr}`);
  }
  writeFileSync(join(out, COMPLETE), '');
  const builds = completeBuilds();
  for (const old of builds.slice(0, -2)) {
    if (Date.now() - statSync(join(old, COMPLETE)).mtimeMs > 1_800_000) rmSync(old, { recursive: true, force: true });
  }
}

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

function newestSource(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) latest = Math.max(latest, newestSource(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) latest = Math.max(latest, statSync(path).mtimeMs);
  }
  return latest;
}

/** Variables of the developer's shell that must not reach a process under test. */
export const FOREIGN_ENV = ['DATABASE_URL', 'RESTOCK_SQLITE_PATH', 'PORT', 'HOST', 'RESTOCK_ADMIN_KEY', 'RESTOCK_CORS_ORIGINS', 'RESTOCK_LOG_LEVEL'];

/** The environment for a child `restock`: this one without FOREIGN_ENV, plus `env`. */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const key of FOREIGN_ENV) delete base[key];
  return { ...base, ...env };
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `restock ...args` (the binary from builtCli) to its end with `env` describing the database. */
export async function runCli(env: Record<string, string>, ...args: string[]): Promise<CliRun> {
  const bin = await builtCli();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: ROOT, env: childEnv(env) });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? -1, stdout, stderr }));
  });
}

/** `restock --json check` on `env`'s database: its exit code and the violations it listed. */
export async function runCheck(env: Record<string, string>): Promise<{ code: number; violations: unknown[]; output: string }> {
  const result = await runCli(env, '--json', 'check');
  let violations: unknown[] = [{ unreadable: result.stdout }];
  try {
    violations = (JSON.parse(result.stdout) as { violations: unknown[] }).violations;
  } catch {
    // keep the placeholder: the output was not the expected JSON
  }
  return { code: result.code, violations, output: `${result.stdout}${result.stderr}` };
}
