import type { ClaimedDelivery, DeliveryOutcome } from '../app/communication/ports.js';
import type { Store } from '../app/ports.js';
import { chainsOf, deliverChain } from './deliver-chain.js';
import { deliveryHandler } from './delivery-handlers.js';
import { fanOut } from './fan-out.js';
import { EMAIL_TARGET } from './routing.js';
import { startMailExpiry } from './mail-expiry.js';
import { createMailer, type Mailer } from './mailer.js';
import { startPromiseRefresh } from './promise-refresh.js';
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
  /** Lets the requests in flight finish, hands back unstarted work, releases connections. Safe to call twice. */
  stop(): Promise<void>;
}

const stderrLog: WorkerLog = {
  error: (fields, message) => process.stderr.write(`${JSON.stringify({ level: 'error', msg: message, ...fields })}\n`),
};

/**
 * Slots (and chains held) kept from one target, as a share of all, while it is slow or others wait:
 * a receiver that accepts connections but never answers holds its slots for the whole timeout, on
 * every retry, and would otherwise hold them all, keeping every other receiver and the customers'
 * e-mail waiting. At least one is kept. A target is slow while a chain of its has been sending for
 * longer than slowChainMs; a lone busy but quick receiver is never held back.
 */
export const RESERVED_SHARE = 1 / 4;

/** What a slow target may take of `total`: all but a reserve of at least one (and at least one). */
function slowTargetShare(total: number): number {
  return Math.max(1, total - Math.max(1, Math.ceil(total * RESERVED_SHARE)));
}

/** How long a chain may send before its target counts as slow: a quarter of the request timeout, at most 2 s. */
function slowChainMs(config: WorkerConfig): number {
  return Math.min(2_000, Math.max(1, Math.floor(config.webhookTimeoutMs / 4)));
}

/**
 * Starts the outbox dispatcher (SPEC §6): it fans new events out into deliveries, claims due
 * chains (target × subject) in batches, sends up to `concurrency` chains at once, each in order
 * (webhooks, e-mail, back-in-stock notices), and records every chain's outcomes as soon as it
 * ends. A slow target takes no more than its share of the slots and of the chains held (see
 * RESERVED_SHARE), so a slow receiver holds up only its own chains. Delivery is at least once and in order per target and
 * subject; all state is in the database, so any number of workers may run, and a restarted one
 * continues where the last one stopped. It also refreshes promise dates that have passed, every
 * `config.promiseRefreshMs` (startPromiseRefresh), so customers hear of a delay.
 */
export function startWorker(options: WorkerOptions): RunningWorker {
  const { store, config } = options;
  const log = options.log ?? stderrLog;
  const client = createWebhookClient({ policy: config.addressPolicy, timeoutMs: config.webhookTimeoutMs, maxSockets: config.concurrency });
  const mailer: Mailer | null = config.email ? createMailer(config.email) : null;
  const inFlight = new Set<Promise<void>>();
  /** Claimed chains not started yet, oldest first: claiming many at once keeps the overhead per event low. */
  const queue: [key: string, chain: ClaimedDelivery[]][] = [];
  /** The deliveries of every claimed chain (queued or being sent), by chain key: their leases are renewed. */
  const held = new Map<string, readonly number[]>();
  const targetOf = (key: string) => key.slice(0, key.indexOf('\u0000'));
  /** When each chain being sent started, per target. */
  const sending = new Map<string, number[]>();
  const slowSending = slowTargetShare(config.concurrency);
  const slowHeld = slowTargetShare(config.claimChains);
  const slowAfterMs = slowChainMs(config);
  const isSlow = (target: string) => (sending.get(target) ?? []).some((started) => Date.now() - started > slowAfterMs);
  /**
   * Whether `target` may start another chain: within its share of the slots while it is slow, or
   * while another target's chain waits in the queue; a lone quick target may use them all.
   */
  const mayStart = (target: string) =>
    (sending.get(target)?.length ?? 0) < slowSending || (!isSlow(target) && queue.every(([key]) => targetOf(key) === target));
  let lastStarvedFill = 0;
  let stopping = false;
  let wake: (() => void) | null = null;
  /** Outcomes of finished chains waiting to be written: one transaction takes all that are ready ("group commit"). */
  const unwritten: { outcomes: readonly DeliveryOutcome[]; written: () => void; failed: (error: unknown) => void }[] = [];
  let writing: Promise<void> | null = null;

  const failed = (message: string) => (error: unknown) => {
    log.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, message);
  };

  function record(outcomes: readonly DeliveryOutcome[]): Promise<void> {
    return new Promise((written, failed) => {
      unwritten.push({ outcomes, written, failed });
      writing ??= writeAll();
    });
  }

  async function writeAll(): Promise<void> {
    while (unwritten.length > 0) {
      const batch = unwritten.splice(0);
      try {
        await recordOutcomes(store, batch.flatMap((b) => b.outcomes), config);
        for (const b of batch) b.written();
      } catch (error) {
        for (const b of batch) b.failed(error);
      }
    }
    writing = null;
  }

  /** Claims chains up to the configured number held at once and queues them; true when it found work. */
  async function fill(): Promise<boolean> {
    const room = config.claimChains - held.size;
    // Without SMTP this worker leaves e-mail to a worker that has it (or to this one once SMTP is
    // set up): claiming and handing it back at once would keep the loop busy (and other targets
    // waiting behind it), and mail waiting for SMTP is no work for it.
    const skip = mailer === null ? [EMAIL_TARGET] : [];
    // A read first: an idle worker takes no write lock (SQLite has one for the whole file).
    if (room <= 0 || !(await store.read((tx) => tx.communication.hasWork(skip)))) return false;
    const fanned = await fanOut(store, config);
    // A target holding its share of chains gets no more until some end: others' work is claimed first.
    const heldPerTarget = new Map<string, number>();
    for (const key of held.keys()) heldPerTarget.set(targetOf(key), (heldPerTarget.get(targetOf(key)) ?? 0) + 1);
    for (const [target, count] of heldPerTarget) if (count >= slowHeld && isSlow(target) && !skip.includes(target)) skip.push(target);
    const claimed = await store.transaction((tx) => tx.communication.claimDeliveries(config.workerId, room, config.chainDepth, config.leaseMs, skip));
    if (claimed.length === 0) return fanned > 0;
    const released: DeliveryOutcome[] = [];
    for (const [key, chain] of chainsOf(claimed)) {
      const mine = held.get(key);
      if (mine) {
        // Already held here (its lease had run out and it was claimed again): the first claim
        // keeps its part, in order; what this claim added behind it is handed back.
        released.push(...chain.filter((c) => !mine.includes(c.delivery.id)).map((c) => ({ id: c.delivery.id, endpointId: c.delivery.endpointId, released: true as const })));
        continue;
      }
      held.set(key, chain.map((c) => c.delivery.id));
      queue.push([key, chain]);
    }
    if (released.length > 0) await record(released);
    return true;
  }

  /**
   * Starts queued chains, oldest first, while there is room, skipping those of a target already
   * sending its share; each records its outcomes as soon as it ends.
   */
  function startQueued(): void {
    if (queue.length === 0 || inFlight.size >= config.concurrency) return;
    const handle = deliveryHandler({ store, config, client, mailer });
    for (let index = 0; index < queue.length && inFlight.size < config.concurrency; ) {
      const [key, chain] = queue[index] as [string, ClaimedDelivery[]];
      const target = targetOf(key);
      if (!mayStart(target)) {
        index += 1;
        continue;
      }
      queue.splice(index, 1);
      const started = Date.now();
      sending.set(target, [...(sending.get(target) ?? []), started]);
      // If recording fails, the chain's lease runs out and a later claim sends it again.
      const task: Promise<void> = deliverChain(chain, handle, () => stopping)
        .then(record)
        .catch(failed('recording deliveries failed'))
        .finally(() => {
          held.delete(key);
          inFlight.delete(task);
          const starts = sending.get(target) ?? [];
          starts.splice(starts.indexOf(started), 1);
        });
      inFlight.add(task);
    }
  }

  const heartbeat = setInterval(() => {
    const ids = [...held.values()].flat();
    if (ids.length === 0) return;
    store.transaction((tx) => tx.communication.renewLeases(config.workerId, ids, config.leaseMs)).catch(failed('renewing leases failed'));
  }, Math.max(50, Math.floor(config.leaseMs / 3)));
  heartbeat.unref();
  // Promise dates that have passed are refreshed where events are delivered, so the delay reaches customers.
  const promises = config.promiseRefreshMs > 0 ? startPromiseRefresh(store, config.promiseRefreshMs, log) : null;
  // Without SMTP, customers' mails wait for one to be set up, but not for ever.
  const mailExpiry = mailer === null ? startMailExpiry(store, config, log) : null;

  async function run(): Promise<void> {
    while (!stopping) {
      let found = false;
      try {
        startQueued();
        // A queue as long as the slots is enough work, unless it is all a target sending its share
        // (one that never answers, say): then others are claimed too, once a poll interval.
        const waiting = queue.length >= config.concurrency && queue.every(([key]) => !mayStart(targetOf(key)));
        if (queue.length < config.concurrency || (waiting && Date.now() - lastStarvedFill >= config.pollIntervalMs)) {
          if (waiting) lastStarvedFill = Date.now();
          found = await fill();
        }
        startQueued();
      } catch (error) {
        failed('outbox dispatcher round failed')(error);
      }
      if (stopping) break;
      if (found && held.size < config.claimChains) {
        // SQLite answers synchronously: let timers and sockets run between busy rounds.
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      // Wait for a chain to end, or for the poll interval when nothing runs.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config.pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
        for (const task of inFlight) void task.then(wake);
      });
      wake = null;
    }
    // Queued chains go back untouched; chains in flight finish what they started.
    const unstarted = queue.splice(0).flatMap(([key, chain]) => {
      held.delete(key);
      return chain.map((c): DeliveryOutcome => ({ id: c.delivery.id, endpointId: c.delivery.endpointId, released: true }));
    });
    await Promise.allSettled([...inFlight, ...(unstarted.length > 0 ? [record(unstarted)] : [])]);
  }

  const running = run();
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= (async () => {
        stopping = true;
        wake?.();
        await Promise.all([running, promises?.stop(), mailExpiry?.stop()]);
        clearInterval(heartbeat);
        client.close();
        mailer?.close();
      })();
      return stopped;
    },
  };
}
