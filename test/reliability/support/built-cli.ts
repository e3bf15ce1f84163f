import { spawn, spawnSync } from 'node:child_process';
import { isolatedBuild, ROOT } from '../../support/isolated-build.js';

export { ROOT };

/** The `restock` binary under test: the isolated build of the current sources, shared with the CLI tests. */
export const builtCli = isolatedBuild;

/** Variables of the developer's shell that must not reach a process under test. */
export const FOREIGN_ENV = ['DATABASE_URL', 'RESTOCK_SQLITE_PATH', 'PORT', 'HOST', 'RESTOCK_ADMIN_KEY', 'RESTOCK_CORS_ORIGINS', 'RESTOCK_LOG_LEVEL', 'RESTOCK_TRUST_PROXY'];

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

/**
 * Runs `restock serve` with `env` where it must refuse to start: its exit code and output. One
 * that starts after all is killed after 30 seconds (and its status is then null).
 */
export async function serveRefusal(env: Record<string, string>): Promise<{ readonly code: number | null; readonly stdout: string; readonly stderr: string }> {
  const run = spawnSync(process.execPath, [await builtCli(), 'serve', '--port', '0'], { cwd: ROOT, env: childEnv(env), encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
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
