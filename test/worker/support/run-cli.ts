import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const MAIN = join(ROOT, 'src/cli/main.ts');

/** Starts `restock <args>` from source (tsx) with only `env` naming its database. */
export function spawnCli(env: Record<string, string>, ...args: string[]): ChildProcess {
  const base = { ...process.env };
  for (const key of ['DATABASE_URL', 'RESTOCK_SQLITE_PATH', 'PORT', 'HOST', 'RESTOCK_ADMIN_KEY']) delete base[key];
  return spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Runs `restock <args>` to the end: exit code, output, and stdout as JSON on demand. */
export function runCli(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string; json<T = unknown>(): T }> {
  const child = spawnCli(env, ...args);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr, json: <T>() => JSON.parse(stdout) as T }));
  });
}
