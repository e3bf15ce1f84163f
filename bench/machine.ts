import { cpus, totalmem, release } from 'node:os';

/** The machine a figure was measured on, printed with every benchmark result. */
export function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    kernel: release(),
  };
}

export interface BenchResult {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly baseline: number | null;
  readonly ratio: number | null;
  readonly params: Record<string, unknown>;
  readonly goal?: string;
  readonly met?: boolean | null;
  readonly extra?: Record<string, unknown>;
}

/** Prints one result as the single JSON line the runner collects. */
export function report(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify({ ...result, machine: machine() })}\n`);
}

export const QUICK = process.argv.includes('--quick');
