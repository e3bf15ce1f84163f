import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface ServedProcess {
  readonly url: string;
  readonly child: ChildProcess;
  /** Peak resident set size of the server process so far, in MiB (VmHWM). */
  peakRssMiB(): number;
  stop(): Promise<void>;
}

const cli = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'cli', 'main.js');

/** Starts the built `restock serve` on a free loopback port and waits until it listens. */
export async function serve(env: Record<string, string>): Promise<ServedProcess> {
  const child = spawn(process.execPath, [cli, '--json', 'serve', '--port', '0', '--host', '127.0.0.1'], {
    env: { ...process.env, RESTOCK_LOG_LEVEL: 'silent', RESTOCK_WORKER: 'off', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      try {
        resolve((JSON.parse(output) as { url: string }).url);
      } catch {
        // The JSON document is not complete yet.
      }
    });
    child.once('exit', (code) => reject(new Error(`restock serve exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error('restock serve did not start within 60 s')), 60_000).unref();
  });
  return {
    url,
    child,
    peakRssMiB: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      return Math.round(kb / 1024);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
