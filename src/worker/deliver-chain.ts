import type { ClaimedDelivery, DeliveryOutcome } from '../app/communication/ports.js';

export type DeliveryHandler = (claimed: ClaimedDelivery) => Promise<DeliveryOutcome>;

/** Claimed deliveries grouped into their chains (target × subject), by key, each in event order. */
export function chainsOf(claimed: readonly ClaimedDelivery[]): Map<string, ClaimedDelivery[]> {
  const chains = new Map<string, ClaimedDelivery[]>();
  for (const c of claimed) {
    const key = `${c.delivery.target}\u0000${c.delivery.subject}`;
    chains.set(key, [...(chains.get(key) ?? []), c]);
  }
  for (const chain of chains.values()) chain.sort((a, b) => a.delivery.eventSeq - b.delivery.eventSeq);
  return chains;
}

/**
 * Sends one chain strictly in order. The first failure stops it, and the deliveries behind it
 * are handed back untouched, so nothing overtakes an event that waits for a retry; so is
 * whatever has not started when the worker is stopping.
 */
export async function deliverChain(chain: readonly ClaimedDelivery[], handle: DeliveryHandler, stopping: () => boolean): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  let stopped = false;
  for (const c of chain) {
    if (stopped || stopping()) {
      outcomes.push({ id: c.delivery.id, endpointId: c.delivery.endpointId, released: true });
      continue;
    }
    const outcome = await handle(c);
    outcomes.push(outcome);
    stopped = 'released' in outcome || !outcome.ok;
  }
  return outcomes;
}
