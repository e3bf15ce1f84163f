import type { DeliveryOutcome } from '../app/communication/ports.js';
import type { Store } from '../app/ports.js';
import type { WorkerConfig } from './worker-config.js';

/**
 * Writes a batch's outcomes in one transaction: delivered, retry later (or dead after the last
 * try), or released. Keeps each endpoint's failure streak and switches an endpoint off, with an
 * `endpoint.disabled` event, when the streak reaches the configured length and has lasted the
 * configured time.
 */
export async function recordOutcomes(store: Store, outcomes: readonly DeliveryOutcome[], config: WorkerConfig): Promise<void> {
  const byEndpoint = new Map<number, boolean[]>();
  for (const o of outcomes) {
    if (o.endpointId === null || 'released' in o) continue;
    byEndpoint.set(o.endpointId, [...(byEndpoint.get(o.endpointId) ?? []), o.ok]);
  }
  await store.transaction(async (tx) => {
    await tx.communication.recordOutcomes(outcomes, config.maxAttempts);
    for (const [endpointId, results] of byEndpoint) {
      const lastSuccess = results.lastIndexOf(true);
      const failures = results.length - lastSuccess - 1;
      const { streak, failingSince } = await tx.communication.recordEndpointResults(endpointId, failures, lastSuccess >= 0);
      if (failures === 0 || streak < config.disableAfterFailures || failingSince === null) continue;
      const failingMs = Date.parse(tx.now) - Date.parse(failingSince);
      if (failingMs < config.disableAfterMs) continue;
      const reason = `${streak} delivery attempts failed in a row over ${Math.round(failingMs / 60_000)} minutes`;
      if (!(await tx.communication.disableEndpoint(endpointId, reason))) continue;
      const endpoint = await tx.communication.findEndpoint(endpointId);
      await tx.insertEvents([{ type: 'endpoint.disabled', subjectType: 'endpoint', subjectId: String(endpointId), payload: { endpointId, origin: originOf(endpoint?.url), reason, failureStreak: streak } }]);
    }
  });
}

/**
 * Where an endpoint points, without its path and query: the event goes to every other receiver and
 * the event feed, and hook URLs often carry a token there (…/hooks/T0K3N, ?token=…).
 */
function originOf(url: string | undefined): string | null {
  if (url === undefined) return null;
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
