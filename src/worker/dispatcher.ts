import type { Store } from '../app/ports.js';
import { deliverChains } from './deliver-chains.js';
import { deliveryHandler } from './delivery-handlers.js';
import { fanOut } from './fan-out.js';
import { createMailer, type Mailer } from './mailer.js';
import { recordOutcomes } from './record-outcomes.js';
import { createWebhookClient } from './webhook-client.js';
import type { WorkerConfig } from './worker-config.js';

/** Where the worker reports trouble (Fastify's pino logger fits). */
export interface WorkerLog {
  error(fields: object, message: string): void;
}

export interface WorkerOptions {
  readonly store: Store;
  readonly config: WorkerConfig;
  readonly log?: WorkerLog | undefined;
}

export interface RunningWorker {
  /** Lets the requests in flight finish, hands back the rest of the round's work, releases connections. Safe to call twice. */
  stop(): Promise<void>;
}

const stderrLog: WorkerLog = {
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', msg: message, ...fields })}\n`),
};

/**
 * Starts the outbox dispatcher (SPEC §6): each round fans new events out into deliveries, claims
 * due chains, sends them (webhooks, e-mail, back-in-stock notices) and records the outcomes.
 * Delivery is at least once and in order per target and subject; all state is in the database,
 * so any number of workers may run, and a restarted one continues where the last one stopped.
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const { store, config } = options;
  const log = options.log ?? stderrLog;
  const client = createWebhookClient({ policy: config.addressPolicy, timeoutMs: config.webhookTimeoutMs, maxSockets: config.concurrency });
  const mailer: Mailer | null = config.email ? createMailer(config.email) : null;
  let stopping = false;
  let wake: (() => void) | null = null;

  async function round(): Promise<boolean> {
    // A read first: an idle worker takes no write lock (SQLite has one for the whole file).
    if (!(await store.read((tx) => tx.communication.hasWork()))) return false;
    const fanned = await fanOut(store, config);
    const claimed = await store.transaction((tx) => tx.communication.claimDeliveries(config.workerId, config.claimChains, config.chainDepth, config.leaseMs));
    if (claimed.length === 0) return fanned > 0;
    const endpoints = new Map((await store.read((tx) => tx.communication.listEndpoints())).map((e) => [e.id, e]));
    const outcomes = await deliverChains(claimed, deliveryHandler({ store, config, client, mailer, endpoints }), config.concurrency, () => stopping);
    await recordOutcomes(store, outcomes, config);
    return true;
  }

  async function run(): Promise<void> {
    while (!stopping) {
      let busy = false;
      try {
        busy = await round();
      } catch (error) {
        log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, 'outbox dispatcher round failed');
      }
      if (!busy && !stopping) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, config.pollIntervalMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    }
  }

  const running = run();
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        wake?.();
        await running;
        client.close();
        mailer?.close();
      })();
      return stopped;
    },
  };
}
