import type { ClaimedDelivery, DeliveryOutcome } from '../app/communication/ports.js';

export type DeliveryHandler = (claimed: ClaimedDelivery) => Promise<DeliveryOutcome>;

/**
 * Sends claimed deliveries: chains (target × subject) side by side, up to `concurrency` at once,
 * and each chain strictly in order. The first failure in a chain stops it; the deliveries behind
 * it are released untouched, so nothing overtakes an event that is waiting for a retry.
 */
export async function deliverChains(claimed: readonly ClaimedDelivery[], handle: DeliveryHandler, concurrency: number, stopping: () => boolean = () => false): Promise<DeliveryOutcome[]> {
  const chains = new Map<string, ClaimedDelivery[]>();
  for (const c of claimed) {
    const key = `${c.delivery.target}\u0000${c.delivery.subject}`;
    chains.set(key, [...(chains.get(key) ?? []), c]);
  }
  const queue = [...chains.values()];
  const outcomes: DeliveryOutcome[] = [];
  const runner = async () => {
    for (let chain = queue.shift(); chain; chain = queue.shift()) {
      let stopped = false;
      for (const c of chain) {
        // When the worker is stopping, what has not started yet is handed back at once.
        if (stopped || stopping()) {
          outcomes.push({ id: c.delivery.id, endpointId: c.delivery.endpointId, released: true });
          continue;
        }
        const outcome = await handle(c);
        outcomes.push(outcome);
        stopped = 'released' in outcome || !outcome.ok;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, runner));
  return outcomes;
}
