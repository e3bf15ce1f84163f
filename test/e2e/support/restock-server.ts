import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
/** The restock entry point under test (RESTOCK_CLI overrides it, e.g. to try an installed build). */
const CLI = process.env['RESTOCK_CLI'] ?? join(REPO, 'dist/src/cli/main.js');

export interface RestockServer {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  readonly adminKey: string;
  /** Calls the API as admin; resolves with the status and parsed body. */
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  stop(): Promise<void>;
}

/**
 * A real `restock serve` on a free port over a temporary SQLite file filled by `restock demo`,
 * with RESTOCK_ADMIN_KEY set so the tests know an admin key. Needs `npm run build` first.
 */
export async function startRestock(options: { readonly months?: number } = {}): Promise<RestockServer> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  if (!existsSync(join(REPO, 'web/dist/index.html'))) throw new Error('web/dist is missing: run npm run build first');
  const folder = mkdtempSync(join(tmpdir(), 'restock-e2e-'));
  const adminKey = `rk_e2e_${randomBytes(24).toString('base64url')}`;
  // No nightly plan (nor its catch-up a minute after start): the tests forecast when they mean to.
  const env: NodeJS.ProcessEnv = { ...process.env, RESTOCK_SQLITE_PATH: join(folder, 'restock.db'), RESTOCK_ADMIN_KEY: adminKey, RESTOCK_LOG_LEVEL: 'silent', RESTOCK_PLAN_HOUR: 'off' };
  delete env['DATABASE_URL'];
  const demo = spawnSync(process.execPath, [CLI, 'demo', '--months', String(options.months ?? 3), '--json'], { cwd: REPO, env, encoding: 'utf8', timeout: 180_000 });
  if (demo.status !== 0) throw new Error(`restock demo failed (${demo.status}): ${demo.stderr}`);
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--json'], { cwd: REPO, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await listeningUrl(child);
  return {
    url,
    adminKey,
    async api<T>(method: string, path: string, body?: unknown) {
      const response = await fetch(`${url}/api/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${adminKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((done) => setTimeout(done, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** Reads `restock serve --json`'s start-up object from stdout and returns its url. */
function listeningUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`restock serve did not start in time: ${err}`)), 60_000);
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      // `--json` reports a failed start as {"error": …} on stderr; the process may stay up, so stop it.
      if (err.includes('"error"') && err.trimEnd().endsWith('}')) {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(new Error(`restock serve failed to start: ${err}`));
      }
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        const started = JSON.parse(out) as { url: string };
        clearTimeout(timer);
        resolvePromise(started.url.replace(/\/$/, ''));
      } catch {
        // not the whole JSON object yet
      }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`restock serve exited with ${code}: ${err}`)); });
  });
}
