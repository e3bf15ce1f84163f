import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { computeForecast, type ForecastJob, type ForecastOutcome } from '../app/planning/forecast-job.js';
import type { ForecastComputer } from '../app/planning/run-forecasts.js';

/** Marks a thread started by this pool, so this file is both the pool and its workers' script. */
const ROLE = 'restock-forecast-worker';
/** Jobs sent to a worker at a time: large enough to amortise messaging, small enough to balance. */
const JOBS_PER_MESSAGE = 50;

interface Request {
  readonly id: number;
  readonly jobs: readonly ForecastJob[];
}

type Reply = { readonly id: number; readonly outcomes: readonly ForecastOutcome[] } | { readonly id: number; readonly error: string };

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort;
  port?.on('message', (request: Request) => {
    try {
      port.postMessage({ id: request.id, outcomes: request.jobs.map(computeForecast) } satisfies Reply);
    } catch (error) {
      port.postMessage({ id: request.id, error: error instanceof Error ? (error.stack ?? error.message) : String(error) } satisfies Reply);
    }
  });
}

/** Forecasting off the main thread: `compute` is a ForecastComputer for runForecasts. */
export interface ForecastPool {
  readonly size: number;
  readonly compute: ForecastComputer;
  /** Ends the worker threads; pending work is rejected. */
  close(): Promise<void>;
}

export interface ForecastPoolOptions {
  /** Worker threads; default one per core. */
  readonly size?: number;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

interface Pending {
  readonly id: number;
  readonly jobs: readonly ForecastJob[];
  readonly resolve: (outcomes: readonly ForecastOutcome[]) => void;
  readonly reject: (error: Error) => void;
}

/**
 * A pool of worker threads (node:worker_threads, one per core by default) that compute forecasts
 * with the same pure function as the calling thread, so results are identical and the API's
 * event loop stays free while thousands of items are forecast. Work is split into small messages
 * handed to whichever worker is idle; a worker that dies is replaced and its work rejected.
 */
export function createForecastPool(options: ForecastPoolOptions = {}): ForecastPool {
  const size = Math.max(1, options.size ?? availableParallelism());
  const queue: Pending[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  const spawn = (): Slot => {
    const slot: Slot = { worker: spawnWorkerThread(), busy: null };
    slot.worker.on('message', (reply: Reply) => {
      const pending = slot.busy;
      slot.busy = null;
      if (pending && pending.id === reply.id) {
        if ('error' in reply) pending.reject(new Error(`forecast worker failed: ${reply.error}`));
        else pending.resolve(reply.outcomes);
      }
      dispatch();
    });
    slot.worker.on('error', (error) => fail(slot, error));
    slot.worker.on('exit', (code) => {
      if (!closed) fail(slot, new Error(`forecast worker exited with code ${code}`));
    });
    slot.worker.unref();
    return slot;
  };

  const fail = (slot: Slot, error: Error) => {
    const pending = slot.busy;
    slot.busy = null;
    pending?.reject(error);
    if (closed) return;
    void slot.worker.terminate().catch(() => undefined);
    const index = slots.indexOf(slot);
    if (index >= 0) slots[index] = spawn();
    dispatch();
  };

  const dispatch = () => {
    for (const slot of slots) {
      if (slot.busy !== null) continue;
      const next = queue.shift();
      if (!next) return;
      slot.busy = next;
      slot.worker.ref();
      slot.worker.postMessage({ id: next.id, jobs: next.jobs } satisfies Request);
    }
    // Idle workers must not keep the process alive.
    for (const slot of slots) if (slot.busy === null) slot.worker.unref();
  };

  const run = (jobs: readonly ForecastJob[]) =>
    new Promise<readonly ForecastOutcome[]>((resolve, reject) => {
      if (closed) {
        reject(new Error('the forecast pool is closed'));
        return;
      }
      queue.push({ id: nextId++, jobs, resolve, reject });
      dispatch();
    });

  for (let i = 0; i < size; i++) slots.push(spawn());

  return {
    size,
    async compute(jobs) {
      const parts: Promise<readonly ForecastOutcome[]>[] = [];
      for (let start = 0; start < jobs.length; start += JOBS_PER_MESSAGE) parts.push(run(jobs.slice(start, start + JOBS_PER_MESSAGE)));
      return (await Promise.all(parts)).flat();
    },
    async close() {
      closed = true;
      for (const pending of queue.splice(0)) pending.reject(new Error('the forecast pool is closed'));
      for (const slot of slots) slot.busy?.reject(new Error('the forecast pool is closed'));
      await Promise.all(slots.map((slot) => slot.worker.terminate()));
    },
  };
}

/**
 * Starts a worker on this very file. Built code (dist/…/forecast-pool.js) runs as is; run from
 * TypeScript sources (tests, tsx scripts) the worker first registers tsx's loader, since a worker
 * thread does not take the parent's loader and Node 20 applies `--import` too late for its script.
 */
function spawnWorkerThread(): Worker {
  const script = fileURLToPath(import.meta.url);
  if (!script.endsWith('.ts')) return new Worker(script, { workerData: { role: ROLE } });
  const loader = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(loader)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { role: ROLE } });
}
