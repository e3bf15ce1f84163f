/**
 * A child process of test/storage/concurrency.test.ts: opens its own store(s) on the shared
 * database, prints `ready`, waits for `go` on stdin, then runs `clients` concurrent request loops
 * and prints one JSON summary line. PostgreSQL clients each get their own store with one
 * connection; on SQLite the process has one store and its clients' requests interleave on it.
 *
 * Run as: node --import tsx test/support/concurrent-client.ts (config in RESTOCK_CLIENT_CONFIG).
 */
import { createInterface } from 'node:readline';
import { adjustStock } from '../../src/app/adjust-stock.js';
import { cancelOrder } from '../../src/app/cancel-order.js';
import { placeOrder } from '../../src/app/place-order.js';
import type { Store } from '../../src/app/ports.js';
import type { Result } from '../../src/app/result.js';
import { shipOrder } from '../../src/app/ship-order.js';
import { openStore } from '../../src/storage/open-store.js';

export interface ClientConfig {
  readonly scenario: 'hot-sku' | 'mixed';
  readonly process: number;
  readonly clients: number;
  readonly requestsPerClient: number;
  readonly skus: readonly string[];
  readonly location: string;
  readonly sqlitePath?: string;
  readonly databaseUrl?: string;
  readonly schema?: string;
}

export interface ClientSummary {
  readonly process: number;
  /** Outcome name (`allocated`, `backordered`, an error code, `threw`) → count. */
  readonly outcomes: Record<string, number>;
  readonly errors: readonly string[];
  readonly elapsedMs: number;
}

const config = JSON.parse(process.env['RESTOCK_CLIENT_CONFIG'] ?? '{}') as ClientConfig;
const outcomes: Record<string, number> = {};
const errors: string[] = [];
const count = (name: string) => (outcomes[name] = (outcomes[name] ?? 0) + 1);

function open(poolSize: number): Promise<Store> {
  return config.databaseUrl
    ? openStore({ databaseUrl: config.databaseUrl, schema: config.schema, poolSize, migrate: false })
    : openStore({ sqlitePath: config.sqlitePath, migrate: false });
}

function record(result: Result<unknown>): void {
  if (!result.ok) count(result.code);
}

/** One unit of the hot sku per order: each must end allocated, backordered or rejected. */
async function hotSkuClient(store: Store, client: number): Promise<void> {
  for (let n = 0; n < config.requestsPerClient; n += 1) {
    const result = await placeOrder(store, { externalId: `p${config.process}-c${client}-${n}`, lines: [{ sku: config.skus[0], quantity: 1 }] }, { actor: `client-${client}` });
    if (!result.ok) record(result);
    else count((result.value.lines[0]?.allocated ?? 0) === 1 ? 'allocated' : 'backordered');
  }
}

/**
 * Multi-sku orders with the skus in either order, cancels, shipments and counts, all at once: the
 * lock order must keep them from deadlocking and the invariants must hold afterwards.
 */
async function mixedClient(store: Store, client: number): Promise<void> {
  const [a, b] = config.skus as [string, string];
  for (let n = 0; n < config.requestsPerClient; n += 1) {
    const lines = (n + client) % 2 === 0 ? [{ sku: a, quantity: 2 }, { sku: b, quantity: 1 }] : [{ sku: b, quantity: 1 }, { sku: a, quantity: 1 }, { sku: b, quantity: 1 }];
    const placed = await placeOrder(store, { shortage: 'partial', priority: n % 3, lines }, { actor: `client-${client}` });
    if (!placed.ok) {
      record(placed);
      continue;
    }
    count('placed');
    const order = placed.value;
    switch ((n + client) % 4) {
      case 0:
        record(await cancelOrder(store, order.id, {}, `client-${client}`));
        break;
      case 1: {
        const allocated = order.lines.find((l) => l.sku === a && l.allocated > 0);
        if (allocated) record(await shipOrder(store, order.id, { lines: [{ sku: a, quantity: 1 }] }, `client-${client}`));
        break;
      }
      case 2:
        record(await adjustStock(store, { sku: n % 2 === 0 ? a : b, location: config.location, delta: 2, reason: 'concurrent receipt' }, `client-${client}`));
        break;
      default:
        record(await cancelOrder(store, order.id, { lines: [{ sku: b, quantity: 1 }] }, `client-${client}`));
    }
  }
}

async function main(): Promise<void> {
  const stores = config.databaseUrl
    ? await Promise.all(Array.from({ length: config.clients }, () => open(1)))
    : [await open(1)];
  process.stdout.write('ready\n');
  const lines = createInterface({ input: process.stdin });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
  lines.close();
  const started = Date.now();
  const run = config.scenario === 'hot-sku' ? hotSkuClient : mixedClient;
  await Promise.all(
    Array.from({ length: config.clients }, async (_, client) => {
      try {
        await run(stores[client % stores.length] as Store, client);
      } catch (error) {
        count('threw');
        errors.push(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      }
    }),
  );
  const summary: ClientSummary = { process: config.process, outcomes, errors, elapsedMs: Date.now() - started };
  await Promise.all(stores.map((s) => s.close()));
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
