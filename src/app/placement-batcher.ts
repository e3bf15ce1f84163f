import type { OrderView } from './order-view.js';
import { placeOrderBatch } from './place-order-batch.js';
import { placePrepared, prepareOrder, type PlaceOrderOptions, type PreparedOrder } from './place-order.js';
import type { Store } from './ports.js';
import type { Replayable } from './once-per-key.js';

export interface PlacementBatcherOptions {
  /** Most orders committed together; 1 places every order in its own transaction. */
  readonly maxBatch: number;
  /** Batches in flight at once (each holds one connection); SQLite has one writer, so 1 there. */
  readonly concurrency: number;
}

interface Waiting {
  readonly prepared: PreparedOrder;
  resolve(result: Replayable<OrderView>): void;
  reject(error: unknown): void;
}

/**
 * Group commit for order placement. Orders that arrive while a batch is being written wait and
 * go into the next one, so under load many orders share one transaction and one commit, while a
 * lone order goes at once. Each caller gets its own order's answer only after that commit, and
 * the answers are exactly those of placing the orders one by one in arrival order (see
 * placeOrderBatch). If a batch fails for a reason other than the database being unavailable, its
 * orders are placed again one by one, so one order's unexpected error never fails another's.
 */
export class PlacementBatcher {
  private readonly queue: Waiting[] = [];
  private inFlight = 0;

  constructor(
    private readonly store: Store,
    private readonly options: PlacementBatcherOptions,
  ) {}

  place(input: unknown, options: PlaceOrderOptions): Promise<Replayable<OrderView>> {
    const prepared = prepareOrder(input, options);
    if (!prepared.ok) return Promise.resolve(prepared);
    if (this.options.maxBatch <= 1) return placePrepared(this.store, prepared.value);
    return new Promise((resolve, reject) => {
      this.queue.push({ prepared: prepared.value, resolve, reject });
      this.pump();
    });
  }

  /** Orders waiting for a batch (for tests and metrics). */
  get waiting(): number {
    return this.queue.length;
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.queue.length > 0) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      void this.run(batch).finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
    }
  }

  private async run(batch: readonly Waiting[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch as [Waiting];
      await placePrepared(this.store, only.prepared).then(only.resolve, only.reject);
      return;
    }
    let results: Replayable<OrderView>[];
    try {
      results = await placeOrderBatch(this.store, batch.map((w) => w.prepared));
    } catch (error) {
      if (isUnavailable(error)) {
        for (const waiting of batch) waiting.reject(error);
        return;
      }
      for (const waiting of batch) await placePrepared(this.store, waiting.prepared).then(waiting.resolve, waiting.reject);
      return;
    }
    batch.forEach((waiting, index) => waiting.resolve(results[index] as Replayable<OrderView>));
  }
}

/** The database is down or overloaded: retrying order by order would only multiply the wait. */
function isUnavailable(error: unknown): boolean {
  return error instanceof Error && error.name === 'StorageUnavailable';
}
