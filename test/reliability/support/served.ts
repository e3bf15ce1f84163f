import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { builtCli, childEnv, ROOT } from './built-cli.js';

export interface ServedProcess {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234. */
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** SIGKILL: no shutdown hook runs, in-flight transactions die with the process. */
  kill(): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts the built `restock serve --port 0` (see built-cli.ts) with only `env` describing its database and keys, and
 * resolves once it listens and /readyz answers 200. Fails with the process's output if it exits first.
 */
export async function startServed(env: Record<string, string>, options: { readonly timeoutMs?: number } = {}): Promise<ServedProcess> {
  const child = spawn(process.execPath, [await builtCli(), 'serve', '--port', '0', '--host', '127.0.0.1'], {
    cwd: ROOT,
    env: childEnv({ RESTOCK_LOG_LEVEL: 'warn', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = once(child, 'exit');
  // A served process that exits when no test asked it to would otherwise show only as refused
  // connections in whatever test used it next; its own output says why it stopped.
  let stopping = false;
  let served = false;
  child.on('exit', (code, signal) => {
    // Before it was ready, startServed itself fails with the output.
    if (served && !stopping) console.error(`restock serve (pid ${child.pid}) exited unasked with ${signal ?? `code ${code}`}; its output:\n${output}`);
  });
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let url: string | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) break;
    url ??= /Restock is listening on (http:\/\/\S+)/.exec(output)?.[1]?.replace(/\/$/, '');
    if (url && (await ready(url))) {
      served = true;
      return {
        url,
        child,
        output: () => output,
        kill: async () => {
          stopping = true;
          if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
          await exited;
        },
        stop: async (graceMs = 10_000) => {
          stopping = true;
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        },
      };
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  stopping = true;
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await exited;
  throw new Error(`restock serve did not become ready:\n${output}`);
}

async function ready(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) })).status === 200;
  } catch {
    return false;
  }
}
